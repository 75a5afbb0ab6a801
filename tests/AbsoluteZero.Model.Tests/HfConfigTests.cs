using System.Text.Json.Nodes;
using AbsoluteZero.Model.Config;

namespace AbsoluteZero.Model.Tests;

public class HfConfigTests
{
    internal static string RealConfig(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "configs", name + ".json");

    [Fact]
    public void RealQwenConfigsReadToThePresets()
    {
        Assert.Equal(ModelConfig.Qwen25_0_5B, HfConfigReader.Read(RealConfig("qwen2.5-0.5b")));
        Assert.Equal(ModelConfig.Qwen25_7B, HfConfigReader.Read(RealConfig("qwen2.5-7b")));
        Assert.Equal(ModelConfig.Qwen3_0_6B, HfConfigReader.Read(RealConfig("qwen3-0.6b")));
    }

    [Fact]
    public void LlamaRopeScalingFailsNamingTheKey()
    {
        string path = RealConfig("llama-3.1-8b");
        var e = Assert.Throws<InvalidDataException>(() => HfConfigReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'rope_scaling'", e.Message);
        Assert.Contains("llama3", e.Message);
    }

    private static JsonObject Qwen2() => JsonNode.Parse(File.ReadAllText(RealConfig("qwen2.5-0.5b")))!.AsObject();

    private static ModelConfig Parse(JsonObject o) => HfConfigReader.Parse(o.ToJsonString(), "test/config.json");

    private static void FailsOn(JsonObject o, string key, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(o));
        Assert.Contains("test/config.json", e.Message);
        Assert.Contains($"'{key}'", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void UnsupportedMathFailsLoudly()
    {
        var o = Qwen2(); o["hidden_act"] = "gelu"; FailsOn(o, "hidden_act", "gelu");
        o = Qwen2(); o["rope_scaling"] = new JsonObject { ["type"] = "yarn", ["factor"] = 4.0 }; FailsOn(o, "rope_scaling", "yarn");
        o = Qwen2(); o["rope_parameters"] = new JsonObject { ["rope_type"] = "dynamic" }; FailsOn(o, "rope_parameters", "dynamic");
        o = Qwen2(); o["rope_parameters"] = new JsonObject { ["full_attention"] = new JsonObject { ["rope_type"] = "yarn" } };
        FailsOn(o, "rope_parameters.full_attention", "yarn");
        o = Qwen2(); o["use_sliding_window"] = true; o["max_window_layers"] = 21; FailsOn(o, "use_sliding_window", "21..23");
        o = Qwen2(); o["use_sliding_window"] = true; o["max_window_layers"] = 0; FailsOn(o, "use_sliding_window", "0..23");
        o = Qwen2(); o["layer_types"] = new JsonArray(Enumerable.Range(0, 24).Select(i => (JsonNode?)(i == 3 ? "sliding_attention" : "full_attention")).ToArray());
        FailsOn(o, "layer_types", "layer 3");
        o = Qwen2(); o["architectures"] = new JsonArray("MistralForCausalLM"); FailsOn(o, "architectures", "MistralForCausalLM");
        o = Qwen2(); o["model_type"] = "llama"; FailsOn(o, "model_type", "contradicts");
        o = Qwen2(); o["quantization_config"] = new JsonObject { ["bits"] = 4 }; FailsOn(o, "quantization_config", "unknown config key");
        o = Qwen2(); o["mlp_bias"] = true; FailsOn(o, "mlp_bias", "true");
        o = Qwen2(); o["num_key_value_heads"] = 3; FailsOn(o, "num_key_value_heads", "does not divide");
        o = Qwen2(); o["hidden_size"] = "896"; FailsOn(o, "hidden_size", "positive integer");
        o = Qwen2(); o.Remove("vocab_size"); FailsOn(o, "vocab_size", "missing");
    }

    [Fact]
    public void HarmlessVariantsAreAccepted()
    {
        // Sliding window switched on but covering no layer, a null/false unknown key, an eos list, transformers-5 rope_parameters.
        var o = Qwen2();
        o["use_sliding_window"] = true; o["max_window_layers"] = 24;
        o["use_mrope"] = false; o["some_future_flag"] = null;
        o["eos_token_id"] = new JsonArray(151645, 151643);
        o.Remove("rope_theta"); o["rope_parameters"] = new JsonObject { ["rope_type"] = "default", ["rope_theta"] = 5e5 };
        var c = Parse(o);
        Assert.Equal(151645, c.EosTokenId);
        Assert.Equal(5e5, c.RopeTheta);
        Assert.Equal(64, c.HeadDim);
    }

    [Fact]
    public void DefaultsFollowTransformers()
    {
        var llama = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["vocab_size"] = 100, ["hidden_size"] = 64,
            ["intermediate_size"] = 128, ["num_hidden_layers"] = 2, ["num_attention_heads"] = 4,
        };
        var c = Parse(llama);
        Assert.Equal((ModelArchitecture.Llama, 4, 16, 10_000.0, 2048, 1, 2, false, false),
            (c.Architecture, c.NumKvHeads, c.HeadDim, c.RopeTheta, c.MaxPositionEmbeddings, c.BosTokenId, c.EosTokenId, c.TieWordEmbeddings, c.AttentionBias));
        var qwen3 = new JsonObject
        {
            ["model_type"] = "qwen3", ["vocab_size"] = 100, ["hidden_size"] = 64, ["intermediate_size"] = 128,
            ["num_hidden_layers"] = 2, ["num_attention_heads"] = 4, ["num_key_value_heads"] = 2,
        };
        c = Parse(qwen3);
        Assert.Equal((ModelArchitecture.Qwen3, 128, false, (int?)null), (c.Architecture, c.HeadDim, c.AttentionBias, c.EosTokenId));
    }

    public static TheoryData<string> Shapes => new() { "tiny-qwen2", "tiny-qwen3", "tiny-llama", "qwen2.5-0.5b", "qwen2.5-7b", "qwen3-0.6b" };

    internal static ModelConfig Shape(string name) => name switch
    {
        "tiny-qwen2" => ModelConfig.Tiny(300),
        "tiny-qwen3" => ModelConfig.Tiny(300, ModelArchitecture.Qwen3),
        "tiny-llama" => ModelConfig.Tiny(300, ModelArchitecture.Llama) with { TieWordEmbeddings = false, BosTokenId = 1, EosTokenId = 2 },
        _ => ModelConfig.FromShapeName(name),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriterOutputReadsBackEqualAndHasTheKeysTransformersNeeds(string name)
    {
        var config = Shape(name);
        using var dir = new TempDir();
        HfConfigWriter.Write(config, dir.File("config.json"), "float32");
        Assert.Equal(config, HfConfigReader.Read(dir.File("config.json")));

        var o = JsonNode.Parse(File.ReadAllText(dir.File("config.json")))!.AsObject();
        Assert.Equal(config.HfArchitectureName, o["architectures"]![0]!.GetValue<string>());
        Assert.Equal(config.HfModelType, o["model_type"]!.GetValue<string>());
        Assert.Equal("float32", o["torch_dtype"]!.GetValue<string>());
        foreach (string key in new[] { "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                     "num_key_value_heads", "head_dim", "hidden_act", "rms_norm_eps", "rope_theta", "tie_word_embeddings", "max_position_embeddings" })
            Assert.True(o.ContainsKey(key), key);
        Assert.Equal(config.Architecture != ModelArchitecture.Qwen2, o.ContainsKey("attention_bias"));
    }

    [Fact]
    public void WriterRefusesAQwen2WithoutBiases()
    {
        Assert.Throws<ArgumentException>(() => HfConfigWriter.ToJson(ModelConfig.Tiny(10) with { AttentionBias = false }));
    }
}
