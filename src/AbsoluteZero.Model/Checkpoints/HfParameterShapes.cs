using AbsoluteZero.Model.Config;

namespace AbsoluteZero.Model.Checkpoints;

/// <summary>
/// The Hugging Face parameter names and shapes of a <see cref="ModelConfig"/>, computed from the config alone
/// (no tensor is allocated), in the order transformers' <c>named_parameters()</c> lists them.
/// </summary>
public static class HfParameterShapes
{
    /// <summary>
    /// Every parameter of the architecture: embeddings; per layer q/k/v/o projections (q/k/v biases for Qwen2 and
    /// for Qwen3/Llama with <c>attention_bias</c>, which also gives o_proj a bias), Qwen3's q_norm/k_norm, the SwiGLU
    /// MLP and both layer norms; the final norm; <c>lm_head.weight</c> unless embeddings are tied.
    /// </summary>
    public static IReadOnlyList<(string Name, long[] Shape)> For(ModelConfig c)
    {
        long h = c.HiddenSize, q = (long)c.NumHeads * c.HeadDim, kv = (long)c.NumKvHeads * c.HeadDim, ff = c.IntermediateSize;
        bool oBias = c.AttentionBias && c.Architecture != ModelArchitecture.Qwen2;
        var list = new List<(string, long[])> { ("model.embed_tokens.weight", [c.VocabSize, h]) };
        for (int i = 0; i < c.NumLayers; i++)
        {
            string a = $"model.layers.{i}.self_attn.";
            list.Add((a + "q_proj.weight", [q, h]));
            if (c.AttentionBias) list.Add((a + "q_proj.bias", [q]));
            list.Add((a + "k_proj.weight", [kv, h]));
            if (c.AttentionBias) list.Add((a + "k_proj.bias", [kv]));
            list.Add((a + "v_proj.weight", [kv, h]));
            if (c.AttentionBias) list.Add((a + "v_proj.bias", [kv]));
            list.Add((a + "o_proj.weight", [h, q]));
            if (oBias) list.Add((a + "o_proj.bias", [h]));
            if (c.QkNorm)
            {
                list.Add((a + "q_norm.weight", [c.HeadDim]));
                list.Add((a + "k_norm.weight", [c.HeadDim]));
            }
            string m = $"model.layers.{i}.mlp.";
            list.Add((m + "gate_proj.weight", [ff, h]));
            list.Add((m + "up_proj.weight", [ff, h]));
            list.Add((m + "down_proj.weight", [h, ff]));
            list.Add(($"model.layers.{i}.input_layernorm.weight", [h]));
            list.Add(($"model.layers.{i}.post_attention_layernorm.weight", [h]));
        }
        list.Add(("model.norm.weight", [h]));
        if (!c.TieWordEmbeddings) list.Add(("lm_head.weight", [c.VocabSize, h]));
        return list;
    }

    /// <summary>The total number of parameters (tied embeddings counted once).</summary>
    public static long Count(ModelConfig c) => For(c).Sum(p => p.Shape.Aggregate(1L, (a, d) => a * d));

    /// <summary>
    /// Names a checkpoint may hold that carry no parameters of ours: a tied <c>lm_head.weight</c> (some writers keep
    /// it) and the rotary <c>inv_freq</c> buffers older Llama checkpoints saved.
    /// </summary>
    public static bool IsIgnorable(ModelConfig c, string name) =>
        (c.TieWordEmbeddings && name == "lm_head.weight") || name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal);
}
