using AbsoluteZero.Model;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Rollout;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Training.Config;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Policy;

/// <summary>
/// The real policy: a TorchSharp <see cref="CausalLM"/> sampled by the <see cref="RolloutEngine"/>, scored by the
/// <see cref="TokenScorer"/>, and trained with <see cref="Algorithms.PolicyObjective"/> and
/// <see cref="MixedPrecisionAdamW"/> (fp32 master weights and moments whatever the working dtype). With
/// <c>model.path</c> unset it is a tiny random model (<see cref="ModelConfig.Tiny"/>) with the embedded tokenizer.
/// </summary>
public sealed partial class TorchPolicy : IPolicy
{
    private readonly SelfPlayConfig _config;
    private readonly HfTokenizer _tokenizer;
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly int _eos;
    private CausalLM _model;
    private MixedPrecisionAdamW _optimizer;
    private readonly CausalLM? _reference;

    private TorchPolicy(SelfPlayConfig config, HfTokenizer tokenizer, CausalLM model, CausalLM? reference, Device device, ScalarType dtype)
    {
        _config = config;
        _tokenizer = tokenizer;
        _model = model;
        _reference = reference;
        _device = device;
        _dtype = dtype;
        _eos = tokenizer.EosTokenId ?? model.Config.EosTokenId
            ?? throw new InvalidDataException($"{tokenizer.Origin}: the tokenizer names no EOS token, which generation needs to stop");
        _optimizer = CreateOptimizer();
    }

    /// <summary>The model being trained.</summary>
    public CausalLM Model => _model;

    /// <summary>The tokenizer.</summary>
    public HfTokenizer Tokenizer => _tokenizer;

    /// <summary>
    /// Builds the policy of <paramref name="config"/>: the HF model in <c>model.path</c> (with its tokenizer), or
    /// without one a tiny random model seeded with <c>seed</c> and the embedded 4096-id tokenizer. With a KL
    /// coefficient above 0 a frozen copy of the initial model becomes the reference.
    /// </summary>
    public static TorchPolicy Create(SelfPlayConfig config)
    {
        TorchRuntime.Initialize();
        var device = TorchRuntime.ResolveDevice(config.Model.Device);
        var dtype = config.Model.Dtype == ComputeDType.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        string? path = config.Model.Path;
        var tokenizer = path is null ? HfTokenizer.LoadEmbeddedTiny() : HfTokenizer.Load(path);
        CausalLM Build()
        {
            var model = path is null ? CausalLM.CreateRandom(ModelConfig.Tiny(tokenizer.VocabSize), config.Seed, dtype, device) : CausalLM.Load(path, dtype, device);
            return model;
        }
        var policy = Build();
        CausalLM? reference = null;
        if (config.Algorithm.KlCoefficient > 0)
        {
            reference = Build();
            foreach (var p in reference.parameters()) p.requires_grad = false;
        }
        return new TorchPolicy(config, tokenizer, policy, reference, device, dtype);
    }

    /// <inheritdoc />
    public string Describe()
    {
        long parameters = _model.parameters().Sum(p => p.numel());
        return $"{_model.Config.HfArchitectureName} {parameters / 1e6:F1}M parameters, {_dtype} on {_device}, tokenizer {_tokenizer.Origin} ({_tokenizer.VocabSize} ids)";
    }

    /// <inheritdoc />
    public int[] Encode(string text) => _tokenizer.Encode(text);

    /// <inheritdoc />
    public PolicyGeneration Generate(IReadOnlyList<int[]> prompts, SamplingSettings settings, CancellationToken cancellationToken)
    {
        var options = new GenerationOptions
        {
            MaxNewTokens = settings.MaxNewTokens, Temperature = settings.Temperature, TopP = settings.TopP, NumSamples = settings.NumSamples,
            StopTokenIds = [_eos], StopStrings = settings.StopStrings, Seed = settings.Seed,
            MaxBatchRows = Math.Max(settings.NumSamples, _config.Rollout.DecodeBatchSize),
        };
        var result = new RolloutEngine(_model).Generate(new GenerationRequest(prompts, options) { Decode = ids => _tokenizer.Decode(ids) }, cancellationToken);
        var completions = result.Completions.Select(c => new PolicyCompletion(c.PromptIndex, c.SampleIndex, c.TokenIds,
            _tokenizer.Decode(c.TokenIds, skipSpecialTokens: true), c.FinishReason == FinishReason.Length)).ToList();
        return new PolicyGeneration(completions, result.Stats.GeneratedTokens);
    }

    /// <inheritdoc />
    public void SaveCheckpoint(string directory)
    {
        _model.Save(directory, new HfSaveOptions { WriteExtra = dir => _tokenizer.CopyFilesTo(dir), EosTokenIds = [_eos] });
        _optimizer.SaveState(Path.Combine(directory, OptimizerFile));
    }

    /// <inheritdoc />
    public void LoadCheckpoint(string directory)
    {
        using (var weights = HfCheckpoint.LoadWeights(directory, _model.Config)) _model.LoadHfTensors(weights);
        _optimizer.LoadState(Path.Combine(directory, OptimizerFile));
    }

    /// <summary>The optimizer state's file name inside a checkpoint.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _reference?.Dispose();
    }

    private MixedPrecisionAdamW CreateOptimizer()
    {
        var o = _config.Optimizer;
        return new MixedPrecisionAdamW(_model.named_parameters().Select(p => (p.name, p.parameter)),
            new AdamWOptions { LearningRate = o.LearningRate, Beta1 = o.Beta1, Beta2 = o.Beta2, Eps = o.Epsilon, WeightDecay = o.WeightDecay });
    }
}
