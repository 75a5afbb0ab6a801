using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Model.Encoders;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace AbsoluteZero.Training.Safety;

/// <summary>
/// The fine-tunable unsafe-reasoning classifier: all-MiniLM-L6-v2 (<see cref="BertEncoder"/>), mean pooling, and one
/// logit per category. Only the layers from <see cref="TrainFrom"/> up and the head are trained; the embeddings and
/// lower layers stay as released, which keeps 2,000-odd labelled snippets from wearing away what the model knows.
/// </summary>
public sealed class SafetyNet : nn.Module
{
    /// <summary>Longest input in word pieces (windows are at most 64 words).</summary>
    public const int MaxTokens = 160;

    private readonly Parameter _headW, _headB;

    /// <summary>
    /// Creates the network with MiniLM's released weights and a zero head, on <paramref name="device"/> (CPU when null;
    /// on a GPU scoring is two orders of magnitude faster). Parameters are created there, not moved.
    /// </summary>
    public SafetyNet(IReadOnlyList<string> categories, int trainFrom, Device? device = null) : base(nameof(SafetyNet))
    {
        Categories = categories;
        TrainFrom = trainFrom;
        Device = device ?? CPU;
        Encoder = new BertEncoder(new BertConfig(), Device);
        BertOnnxWeights.Load(Encoder, OnnxGraph.Read(MiniLmEmbedder.ModelBytes()));
        _headW = new Parameter(zeros(categories.Count, Encoder.Config.Hidden, device: Device), requires_grad: true);
        _headB = new Parameter(zeros(categories.Count, device: Device), requires_grad: true);
        register_module("encoder", Encoder);
        register_parameter("head_weight", _headW);
        register_parameter("head_bias", _headB);
        eval();   // a new module is in training mode (dropout on); fine-tuning switches it on explicitly
    }

    /// <summary>Category of each logit.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>First trained encoder layer.</summary>
    public int TrainFrom { get; }

    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }

    /// <summary>The encoder.</summary>
    public BertEncoder Encoder { get; }

    /// <summary>Logits [B, categories] of a padded batch.</summary>
    public Tensor Forward(Tensor ids, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var pooled = BertEncoder.MeanPool(Encoder.Forward(ids, mask, TrainFrom), mask);
        return nn.functional.linear(pooled, _headW, _headB).MoveToOuterDisposeScope();
    }

    /// <summary>What fine-tuning changes (and what a classifier file stores): the trained layers and the head.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Trainable() =>
        Encoder.TrainableParameters(TrainFrom).Select(p => ("encoder." + p.Name, p.Parameter))
            .Append(("head.weight", _headW)).Append(("head.bias", _headB));

    /// <summary>Pads token id lists into ids [B, T] and mask [B, T] (int64).</summary>
    public static (Tensor Ids, Tensor Mask) Batch(IReadOnlyList<long[]> tokenIds)
    {
        int t = tokenIds.Max(x => x.Length);
        var ids = new long[tokenIds.Count * t]; var mask = new long[tokenIds.Count * t];
        for (int i = 0; i < tokenIds.Count; i++)
            for (int j = 0; j < tokenIds[i].Length; j++) { ids[i * t + j] = tokenIds[i][j]; mask[i * t + j] = 1; }
        return (tensor(ids, [tokenIds.Count, t]), tensor(mask, [tokenIds.Count, t]));
    }
}
