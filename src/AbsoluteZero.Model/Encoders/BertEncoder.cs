using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace AbsoluteZero.Model.Encoders;

/// <summary>Shape of a BERT-style encoder; the defaults are all-MiniLM-L6-v2's.</summary>
/// <param name="Dropout">Dropout on attention probabilities and on each sub-layer's output while training (BERT's 0.1).</param>
public sealed record BertConfig(int Vocab = 30522, int Hidden = 384, int Layers = 6, int Heads = 12, int Intermediate = 1536,
    int MaxPositions = 512, int TypeVocab = 2, double LayerNormEps = 1e-12, double Dropout = 0.1);

/// <summary>
/// A BERT encoder (post-LayerNorm, exact GELU, learned absolute positions) with Hugging Face parameter names
/// (<c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.N.attention.self.query.weight</c>, ...). It is the
/// trainable copy of the audit's sentence-embedding model, so the unsafe-reasoning classifier can be fine-tuned.
/// </summary>
public sealed class BertEncoder : nn.Module
{
    private readonly BertConfig _config;
    private readonly Parameter _word, _position, _type, _embNormW, _embNormB;
    private readonly BertLayer[] _layers;

    /// <summary>Creates an encoder with uninitialised parameters (load or initialise them before use).</summary>
    public BertEncoder(BertConfig config, Device? device = null) : base(nameof(BertEncoder))
    {
        _config = config;
        var f = new ParameterFactory(ScalarType.Float32, device ?? CPU);
        _word = f.Create(config.Vocab, config.Hidden);
        _position = f.Create(config.MaxPositions, config.Hidden);
        _type = f.Create(config.TypeVocab, config.Hidden);
        _embNormW = f.Create(config.Hidden);
        _embNormB = f.Create(config.Hidden);
        // TorchSharp forbids dots in registered names, so the Hugging Face names live in HfParameters.
        Add("embeddings.word_embeddings.weight", _word);
        Add("embeddings.position_embeddings.weight", _position);
        Add("embeddings.token_type_embeddings.weight", _type);
        Add("embeddings.LayerNorm.weight", _embNormW);
        Add("embeddings.LayerNorm.bias", _embNormB);
        _layers = [.. Enumerable.Range(0, config.Layers).Select(_ => new BertLayer(f, config))];
        for (int i = 0; i < _layers.Length; i++)
        {
            register_module($"layer{i}", _layers[i]);
            foreach (var (name, p) in _layers[i].HfParameters) _hf[$"encoder.layer.{i}.{name}"] = p;
        }
    }

    private readonly Dictionary<string, Parameter> _hf = new(StringComparer.Ordinal);

    private void Add(string hfName, Parameter p)
    {
        register_parameter(hfName.Replace('.', '_'), p);
        _hf[hfName] = p;
    }

    /// <summary>Every parameter by its Hugging Face name.</summary>
    public IReadOnlyDictionary<string, Parameter> HfParameters => _hf;

    /// <summary>The shape.</summary>
    public BertConfig Config => _config;

    /// <summary>
    /// Token states [B, T, hidden] of <paramref name="ids"/> [B, T] (int64) with <paramref name="mask"/> [B, T] (1 = token,
    /// 0 = padding). Layers below <paramref name="trainFrom"/> run without gradient tracking (frozen during fine-tuning).
    /// </summary>
    public Tensor Forward(Tensor ids, Tensor mask, int trainFrom = 0)
    {
        using var scope = NewDisposeScope();
        long t = ids.shape[1];
        Tensor x;
        using (trainFrom > 0 ? no_grad() : null)
        {
            var positions = arange(t, dtype: ScalarType.Int64, device: ids.device);
            x = _word.index_select(0, ids.reshape(-1)).view(ids.shape[0], t, -1)
                + _position.index_select(0, positions).unsqueeze(0) + _type[0].view(1, 1, -1);
            x = nn.functional.layer_norm(x, [_config.Hidden], _embNormW, _embNormB, _config.LayerNormEps);
        }
        // Additive mask: padded keys get a large negative score (finite, so an all-padding row stays NaN-free).
        var additive = ((1 - mask.to_type(ScalarType.Float32)) * -1e9f).view(ids.shape[0], 1, 1, t);
        for (int i = 0; i < _layers.Length; i++)
        {
            // Dropout only in trained layers: a frozen layer is a fixed feature extractor.
            using (i < trainFrom ? no_grad() : null) x = _layers[i].Forward(x, additive, dropout: training && i >= trainFrom);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Mean of the token states over real tokens: [B, T, H] → [B, H].</summary>
    public static Tensor MeanPool(Tensor states, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(states.dtype).unsqueeze(-1);
        return ((states * m).sum(1) / m.sum(1).clamp_min(1e-9)).MoveToOuterDisposeScope();
    }

    /// <summary>Parameters of layers at or above <paramref name="trainFrom"/> (what fine-tuning updates), by name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> TrainableParameters(int trainFrom) =>
        _hf.Where(p => p.Key.StartsWith("encoder.layer.", StringComparison.Ordinal)
            && int.Parse(p.Key.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture) >= trainFrom).Select(p => (p.Key, p.Value));
}

/// <summary>One post-LayerNorm transformer block of <see cref="BertEncoder"/>.</summary>
internal sealed class BertLayer : nn.Module
{
    private readonly BertConfig _c;
    private readonly HfLinear _query, _key, _value, _attnOut, _intermediate, _output;
    private readonly Parameter _attnNormW, _attnNormB, _outNormW, _outNormB;

    public BertLayer(ParameterFactory f, BertConfig c) : base(nameof(BertLayer))
    {
        _c = c;
        _query = new HfLinear(f, c.Hidden, c.Hidden, bias: true);
        _key = new HfLinear(f, c.Hidden, c.Hidden, bias: true);
        _value = new HfLinear(f, c.Hidden, c.Hidden, bias: true);
        _attnOut = new HfLinear(f, c.Hidden, c.Hidden, bias: true);
        _intermediate = new HfLinear(f, c.Hidden, c.Intermediate, bias: true);
        _output = new HfLinear(f, c.Intermediate, c.Hidden, bias: true);
        (_attnNormW, _attnNormB, _outNormW, _outNormB) = (f.Create(c.Hidden), f.Create(c.Hidden), f.Create(c.Hidden), f.Create(c.Hidden));
        foreach (var (name, m) in new (string, HfLinear)[] { ("attention.self.query", _query), ("attention.self.key", _key), ("attention.self.value", _value),
            ("attention.output.dense", _attnOut), ("intermediate.dense", _intermediate), ("output.dense", _output) })
        {
            register_module(name.Replace('.', '_'), m);
            _hf[name + ".weight"] = m.Weight;
            _hf[name + ".bias"] = m.Bias!;
        }
        foreach (var (name, p) in new[] { ("attention.output.LayerNorm.weight", _attnNormW), ("attention.output.LayerNorm.bias", _attnNormB),
            ("output.LayerNorm.weight", _outNormW), ("output.LayerNorm.bias", _outNormB) })
        {
            register_parameter(name.Replace('.', '_'), p);
            _hf[name] = p;
        }
    }

    private readonly Dictionary<string, Parameter> _hf = new(StringComparer.Ordinal);

    /// <summary>This layer's parameters by Hugging Face name relative to <c>encoder.layer.N.</c>.</summary>
    public IReadOnlyDictionary<string, Parameter> HfParameters => _hf;

    /// <summary>x [B, T, H], additive mask [B, 1, 1, T] → [B, T, H]; <paramref name="dropout"/> while this layer trains.</summary>
    public Tensor Forward(Tensor x, Tensor additiveMask, bool dropout)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        int hd = _c.Hidden / _c.Heads;
        Tensor Heads(Tensor y) => y.view(b, t, _c.Heads, hd).transpose(1, 2);
        var q = Heads(_query.Forward(x)); var k = Heads(_key.Forward(x)); var v = Heads(_value.Forward(x));
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(hd) + additiveMask;
        Tensor Drop(Tensor y) => dropout && _c.Dropout > 0 ? nn.functional.dropout(y, _c.Dropout, training: true) : y;
        var context = Drop(scores.softmax(-1)).matmul(v).transpose(1, 2).reshape(b, t, _c.Hidden);
        var a = nn.functional.layer_norm(Drop(_attnOut.Forward(context)) + x, [_c.Hidden], _attnNormW, _attnNormB, _c.LayerNormEps);
        var h = nn.functional.gelu(_intermediate.Forward(a));
        return nn.functional.layer_norm(Drop(_output.Forward(h)) + a, [_c.Hidden], _outNormW, _outNormB, _c.LayerNormEps).MoveToOuterDisposeScope();
    }
}
