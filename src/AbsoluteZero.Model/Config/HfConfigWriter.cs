using System.Text.Json;
using System.Text.Json.Nodes;
using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Model.Config;

/// <summary>
/// Writes a <see cref="ModelConfig"/> as a Hugging Face <c>config.json</c> that transformers (4.x and 5.x) loads as
/// the matching architecture and that <see cref="HfConfigReader"/> reads back to an equal record.
/// </summary>
public static class HfConfigWriter
{
    /// <summary>Writes the config atomically; <paramref name="torchDtype"/> is the stored weights' dtype (<c>float32</c>, <c>bfloat16</c>, ...).</summary>
    public static void Write(ModelConfig config, string path, string torchDtype = "bfloat16") =>
        AtomicFile.WriteAllText(path, ToJson(config, torchDtype));

    /// <summary>The config.json text.</summary>
    public static string ToJson(ModelConfig config, string torchDtype = "bfloat16") =>
        ToNode(config, torchDtype).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>The config.json object, keys in the order transformers writes them (alphabetical).</summary>
    public static JsonObject ToNode(ModelConfig config, string torchDtype = "bfloat16")
    {
        Validate(config);
        var keys = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["architectures"] = new JsonArray(config.HfArchitectureName),
            ["model_type"] = config.HfModelType,
            ["vocab_size"] = config.VocabSize,
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["num_hidden_layers"] = config.NumLayers,
            ["num_attention_heads"] = config.NumHeads,
            ["num_key_value_heads"] = config.NumKvHeads,
            ["head_dim"] = config.HeadDim,
            ["hidden_act"] = "silu",
            ["max_position_embeddings"] = config.MaxPositionEmbeddings,
            ["rms_norm_eps"] = config.RmsNormEps,
            // transformers 5 reads rope_parameters, 4.x reads rope_theta; each ignores the other's key.
            ["rope_theta"] = config.RopeTheta,
            ["rope_parameters"] = new JsonObject { ["rope_theta"] = config.RopeTheta, ["rope_type"] = "default" },
            ["tie_word_embeddings"] = config.TieWordEmbeddings,
            ["attention_dropout"] = 0.0,
            ["initializer_range"] = 0.02,
            ["use_cache"] = true,
            ["bos_token_id"] = config.BosTokenId,
            ["eos_token_id"] = config.EosTokenId,
            ["torch_dtype"] = torchDtype,
            ["dtype"] = torchDtype,
        };
        if (config.Architecture != ModelArchitecture.Qwen2) keys["attention_bias"] = config.AttentionBias;
        if (config.Architecture == ModelArchitecture.Llama)
        {
            keys["mlp_bias"] = false;
            keys["pretraining_tp"] = 1;
        }
        else
        {
            keys["use_sliding_window"] = false;
            keys["sliding_window"] = null;
            keys["max_window_layers"] = config.NumLayers;
            keys["layer_types"] = new JsonArray(Enumerable.Range(0, config.NumLayers).Select(_ => (JsonNode?)"full_attention").ToArray());
        }
        return new JsonObject(keys);
    }

    private static void Validate(ModelConfig c)
    {
        if (c.Architecture == ModelArchitecture.Qwen2 && !c.AttentionBias)
            throw new ArgumentException("a Qwen2 model always has q/k/v biases: AttentionBias must be true", nameof(c));
        if (c.NumHeads <= 0 || c.NumKvHeads <= 0 || c.NumHeads % c.NumKvHeads != 0)
            throw new ArgumentException($"num_key_value_heads {c.NumKvHeads} must divide num_attention_heads {c.NumHeads}", nameof(c));
        if (c.VocabSize <= 0 || c.HiddenSize <= 0 || c.IntermediateSize <= 0 || c.NumLayers <= 0 || c.HeadDim <= 0)
            throw new ArgumentException("sizes must be positive", nameof(c));
    }
}
