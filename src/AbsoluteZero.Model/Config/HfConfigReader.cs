using System.Text.Json;
using System.Text.Json.Nodes;

namespace AbsoluteZero.Model.Config;

/// <summary>
/// Reads a Hugging Face <c>config.json</c> (Qwen2ForCausalLM, Qwen3ForCausalLM, LlamaForCausalLM) into a
/// <see cref="ModelConfig"/>, with the defaults transformers applies. Anything that would change the math but is not
/// implemented fails loudly naming the key: a <c>rope_scaling</c>/<c>rope_parameters</c> type other than
/// <c>default</c>, sliding-window layers, <c>hidden_act</c> other than <c>silu</c>, <c>mlp_bias</c>, attention dropout,
/// a quantization config, and any key this reader does not know unless its value is null or false.
/// </summary>
public static class HfConfigReader
{
    /// <summary>Reads and validates <paramref name="configJsonPath"/>.</summary>
    public static ModelConfig Read(string configJsonPath)
    {
        string full = Path.GetFullPath(configJsonPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"model config not found: {full}", full);
        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses config JSON text; <paramref name="source"/> names it in errors.</summary>
    public static ModelConfig Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: invalid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new InvalidDataException($"{source}: the config is not a JSON object");
        return new Reader(obj, source).Build();
    }

    private sealed class Reader(JsonObject obj, string source)
    {
        public ModelConfig Build()
        {
            var arch = Architecture();
            CheckUnknownKeys();
            CheckUnsupported(arch);

            int hidden = RequiredInt("hidden_size");
            int heads = RequiredInt("num_attention_heads");
            int layers = RequiredInt("num_hidden_layers");
            int kvHeads = OptionalInt("num_key_value_heads") ?? heads;
            int? headDimKey = OptionalInt("head_dim");
            if (headDimKey is null && hidden % heads != 0 && arch != ModelArchitecture.Qwen3)
                throw HfConfigError.At(source, "hidden_size", $"{hidden} is not a multiple of num_attention_heads {heads} and no head_dim is given");
            // transformers' Qwen3Config defaults head_dim to 128; Qwen2 and Llama derive it.
            int headDim = headDimKey ?? (arch == ModelArchitecture.Qwen3 ? 128 : hidden / heads);
            if (heads % kvHeads != 0)
                throw HfConfigError.At(source, "num_key_value_heads", $"{kvHeads} does not divide num_attention_heads {heads}");
            CheckSlidingWindow(arch, layers);

            return new ModelConfig
            {
                Architecture = arch,
                VocabSize = RequiredInt("vocab_size"),
                HiddenSize = hidden,
                IntermediateSize = RequiredInt("intermediate_size"),
                NumLayers = layers,
                NumHeads = heads,
                NumKvHeads = kvHeads,
                HeadDim = headDim,
                RopeTheta = RopeTheta(),
                RmsNormEps = OptionalDouble("rms_norm_eps") ?? 1e-6,
                TieWordEmbeddings = OptionalBool("tie_word_embeddings") ?? false,
                // Qwen2 always has q/k/v biases (its modeling code ignores attention_bias).
                AttentionBias = arch == ModelArchitecture.Qwen2 || (OptionalBool("attention_bias") ?? false),
                MaxPositionEmbeddings = OptionalInt("max_position_embeddings") ?? (arch == ModelArchitecture.Llama ? 2048 : 32_768),
                BosTokenId = TokenId("bos_token_id", arch == ModelArchitecture.Llama ? 1 : null),
                EosTokenId = TokenId("eos_token_id", arch == ModelArchitecture.Llama ? 2 : null),
            };
        }

        private ModelArchitecture Architecture()
        {
            ModelArchitecture? fromArch = null;
            if (obj["architectures"] is JsonNode archNode)
            {
                if (archNode is not JsonArray list || list.Count == 0)
                    throw HfConfigError.At(source, "architectures", "must be a non-empty list of class names");
                var names = list.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).Distinct().ToList();
                if (names.Count != 1 || names[0] is null)
                    throw HfConfigError.At(source, "architectures", $"expected exactly one causal-LM class, got {archNode.ToJsonString()}");
                fromArch = names[0] switch
                {
                    "Qwen2ForCausalLM" => ModelArchitecture.Qwen2,
                    "Qwen3ForCausalLM" => ModelArchitecture.Qwen3,
                    "LlamaForCausalLM" => ModelArchitecture.Llama,
                    _ => throw HfConfigError.At(source, "architectures",
                        $"unsupported architecture '{names[0]}' (supported: Qwen2ForCausalLM, Qwen3ForCausalLM, LlamaForCausalLM)"),
                };
            }
            ModelArchitecture? fromType = null;
            if (OptionalString("model_type") is string type)
            {
                fromType = type switch
                {
                    "qwen2" => ModelArchitecture.Qwen2,
                    "qwen3" => ModelArchitecture.Qwen3,
                    "llama" => ModelArchitecture.Llama,
                    _ => throw HfConfigError.At(source, "model_type", $"unsupported model_type '{type}' (supported: qwen2, qwen3, llama)"),
                };
            }
            if (fromArch is not null && fromType is not null && fromArch != fromType)
                throw HfConfigError.At(source, "model_type", $"'{OptionalString("model_type")}' contradicts architectures {obj["architectures"]!.ToJsonString()}");
            return fromArch ?? fromType ?? throw HfConfigError.At(source, "architectures", "missing (and no model_type either)");
        }

        private void CheckUnknownKeys()
        {
            foreach (var (key, value) in obj)
            {
                if (HfConfigKeys.Interpreted.Contains(key) || HfConfigKeys.Ignored.Contains(key)) continue;
                // A key we do not know that is null or false switches nothing on.
                if (value is null || (value is JsonValue v && v.TryGetValue(out bool b) && !b)) continue;
                throw HfConfigError.At(source, key,
                    $"unknown config key with value {value.ToJsonString()}: it may change the model's math, which this runtime does not implement");
            }
        }

        private void CheckUnsupported(ModelArchitecture arch)
        {
            string act = OptionalString("hidden_act") ?? "silu";
            if (act != "silu") throw HfConfigError.At(source, "hidden_act", $"'{act}' is not implemented (only 'silu')");
            if (OptionalBool("mlp_bias") == true) throw HfConfigError.At(source, "mlp_bias", "true is not implemented (MLP projections have no bias)");
            double dropout = OptionalDouble("attention_dropout") ?? 0.0;
            if (dropout != 0.0) throw HfConfigError.At(source, "attention_dropout", $"{dropout} is not implemented (only 0)");
        }

        private void CheckSlidingWindow(ModelArchitecture arch, int layers)
        {
            if (obj["layer_types"] is JsonNode typesNode)
            {
                if (typesNode is not JsonArray types || types.Count != layers)
                    throw HfConfigError.At(source, "layer_types", $"must list one type for each of the {layers} layers");
                for (int i = 0; i < types.Count; i++)
                {
                    string? t = types[i] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                    if (t != "full_attention")
                        throw HfConfigError.At(source, "layer_types", $"layer {i} is '{t ?? types[i]?.ToJsonString()}'; only 'full_attention' is implemented");
                }
            }
            if (OptionalBool("use_sliding_window") != true) return;
            if (arch == ModelArchitecture.Llama)
                throw HfConfigError.At(source, "use_sliding_window", "true is not implemented");
            int? window = OptionalInt("sliding_window");
            int firstWindowed = obj["max_window_layers"] is JsonValue mv && mv.TryGetValue(out int m) && m >= 0
                ? m
                : obj["max_window_layers"] is null ? 28 : throw HfConfigError.At(source, "max_window_layers", "must be a non-negative integer");
            if (window is not null && firstWindowed < layers)
                throw HfConfigError.At(source, "use_sliding_window",
                    $"true with sliding_window {window} makes layers {firstWindowed}..{layers - 1} windowed (max_window_layers {firstWindowed}); sliding-window attention is not implemented");
        }

        private double RopeTheta()
        {
            double? theta = OptionalDouble("rope_theta");
            foreach (string key in new[] { "rope_parameters", "rope_scaling" })
            {
                if (obj[key] is not JsonNode node) continue;
                if (node is not JsonObject rope) throw HfConfigError.At(source, key, "must be an object or null");
                // transformers 5 may nest one parameter set per layer type ({"full_attention": {...}}).
                var nested = rope.Where(p => p.Value is JsonObject).ToList();
                if (nested.Count > 0 && nested.Count == rope.Count)
                {
                    var thetas = nested.Select(p => ReadRope((JsonObject)p.Value!, $"{key}.{p.Key}")).OfType<double>().Distinct().ToList();
                    if (thetas.Count > 1)
                        throw HfConfigError.At(source, key, $"layer types use different rope_theta values ({string.Join(", ", thetas)}); one RoPE for all layers is implemented");
                    if (thetas.Count == 1) theta = thetas[0];
                }
                else
                {
                    theta = ReadRope(rope, key) ?? theta;
                }
            }
            if (OptionalDouble("partial_rotary_factor") is double factor && factor != 1.0)
                throw HfConfigError.At(source, "partial_rotary_factor", $"{factor} is not implemented (only 1.0)");
            return theta ?? 10_000.0;
        }

        private double? ReadRope(JsonObject rope, string key)
        {
            string type = (rope["rope_type"] ?? rope["type"]) is JsonValue tv && tv.TryGetValue(out string? t) ? t : "default";
            if (type != "default")
                throw HfConfigError.At(source, key, $"RoPE type '{type}' is not implemented (only 'default', i.e. plain RoPE); loading it as plain RoPE would silently change the model");
            if (rope["partial_rotary_factor"] is JsonValue pv && pv.TryGetValue(out double partial) && partial != 1.0)
                throw HfConfigError.At(source, $"{key}.partial_rotary_factor", $"{partial} is not implemented (only 1.0)");
            if (rope["rope_theta"] is not JsonNode rt) return null;
            return rt is JsonValue rv && rv.TryGetValue(out double d) ? d : throw HfConfigError.At(source, $"{key}.rope_theta", "must be a number");
        }

        private int? TokenId(string key, int? fallback)
        {
            if (!obj.ContainsKey(key)) return fallback;
            var node = obj[key];
            if (node is null) return null;
            if (node is JsonArray list)
            {
                if (list.Count == 0) return null;
                node = list[0];
            }
            return node is JsonValue v && v.TryGetValue(out int id) && id >= 0
                ? id
                : throw HfConfigError.At(source, key, $"must be a token id or a list of ids, got {obj[key]!.ToJsonString()}");
        }

        private int RequiredInt(string key) => OptionalInt(key) ?? throw HfConfigError.At(source, key, "missing");

        private int? OptionalInt(string key)
        {
            var node = obj[key];
            if (node is null) return null;
            if (node is JsonValue v && v.TryGetValue(out int i) && i > 0) return i;
            if (node is JsonValue w && w.TryGetValue(out double d) && d == Math.Floor(d) && d > 0 && d <= int.MaxValue) return (int)d;
            throw HfConfigError.At(source, key, $"must be a positive integer, got {node.ToJsonString()}");
        }

        private double? OptionalDouble(string key)
        {
            var node = obj[key];
            if (node is null) return null;
            return node is JsonValue v && v.TryGetValue(out double d) ? d : throw HfConfigError.At(source, key, $"must be a number, got {node.ToJsonString()}");
        }

        private bool? OptionalBool(string key)
        {
            var node = obj[key];
            if (node is null) return null;
            return node is JsonValue v && v.TryGetValue(out bool b) ? b : throw HfConfigError.At(source, key, $"must be true or false, got {node.ToJsonString()}");
        }

        private string? OptionalString(string key)
        {
            var node = obj[key];
            if (node is null) return null;
            return node is JsonValue v && v.TryGetValue(out string? s) ? s : throw HfConfigError.At(source, key, $"must be a string, got {node.ToJsonString()}");
        }
    }
}
