using static TorchSharp.torch;

namespace AbsoluteZero.Model.Encoders;

/// <summary>
/// Copies the weights of a BERT model exported to ONNX from PyTorch (as all-MiniLM-L6-v2 ships) into a
/// <see cref="BertEncoder"/>. Biases and LayerNorm parameters keep their Hugging Face names in such an export; the
/// exporter renames the six matrix weights of each layer to numbers and stores them transposed ([in, out]), so those
/// are taken in graph order: per layer query, key, value, attention output, intermediate, output, as BERT computes them.
/// </summary>
public static class BertOnnxWeights
{
    /// <summary>Loads every parameter of <paramref name="encoder"/> from <paramref name="graph"/>; errors name what is missing.</summary>
    public static void Load(BertEncoder encoder, OnnxGraph graph)
    {
        var c = encoder.Config;
        var matrices = graph.Nodes.Where(n => n.Op == "MatMul" && n.Inputs.Count == 2 && graph.Initializers.ContainsKey(n.Inputs[1]))
            .Select(n => graph.Initializers[n.Inputs[1]]).Where(t => t.Dims.Length == 2).ToList();
        string[] roles = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense"];
        if (matrices.Count != c.Layers * roles.Length)
            throw new InvalidDataException($"ONNX graph has {matrices.Count} weight matrices; a {c.Layers}-layer BERT needs {c.Layers * roles.Length}");
        var parameters = encoder.HfParameters;
        using var _ = no_grad();
        void Set(string name, float[] values, long[] shape, bool transpose = false)
        {
            var p = parameters.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"encoder has no parameter {name}");
            using var source = tensor(values, shape).to(p.device);
            using var oriented = transpose ? source.t().contiguous() : source;
            if (!oriented.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"{name}: ONNX shape [{string.Join(", ", oriented.shape)}] differs from the encoder's [{string.Join(", ", p.shape)}]");
            p.copy_(oriented);
        }
        foreach (var name in parameters.Keys.Where(n => graph.Initializers.ContainsKey(n)))
            Set(name, graph.Floats(name), graph.Initializers[name].Dims);
        for (int layer = 0; layer < c.Layers; layer++)
            for (int r = 0; r < roles.Length; r++)
            {
                var m = matrices[layer * roles.Length + r];
                Set($"encoder.layer.{layer}.{roles[r]}.weight", graph.Floats(m.Name), m.Dims, transpose: true);
            }
        var matrixNames = Enumerable.Range(0, c.Layers).SelectMany(l => roles.Select(r => $"encoder.layer.{l}.{r}.weight")).ToHashSet();
        var missing = parameters.Keys.Where(n => !graph.Initializers.ContainsKey(n) && !matrixNames.Contains(n)).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"ONNX graph lacks {string.Join(", ", missing)}");
    }
}
