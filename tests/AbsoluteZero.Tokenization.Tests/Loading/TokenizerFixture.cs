using System.Text;
using System.Text.Json.Nodes;
using AbsoluteZero.Tokenization.Embedded;
using AbsoluteZero.Tokenization.Loading;

namespace AbsoluteZero.Tokenization.Tests.Loading;

/// <summary>Variants of the tiny tokenizer's files, edited as JSON, for loader tests.</summary>
internal static class TokenizerFixture
{
    public static JsonObject TokenizerJson() => JsonNode.Parse(EmbeddedTokenizer.Files().Get(TokenizerFiles.TokenizerJson)!)!.AsObject();

    public static JsonObject ConfigJson() => JsonNode.Parse(EmbeddedTokenizer.Files().Get(TokenizerFiles.TokenizerConfigJson)!)!.AsObject();

    public static HfTokenizer Build(JsonObject? tokenizer = null, JsonObject? config = null, int cacheCapacity = 200_000)
    {
        var files = new Dictionary<string, byte[]>
        {
            [TokenizerFiles.TokenizerJson] = Encoding.UTF8.GetBytes((tokenizer ?? TokenizerJson()).ToJsonString()),
            [TokenizerFiles.TokenizerConfigJson] = Encoding.UTF8.GetBytes((config ?? ConfigJson()).ToJsonString()),
        };
        return HfTokenizer.FromFiles(TokenizerFiles.FromMemory(files, "/models/test"), cacheCapacity);
    }

    public static string WriteDirectory(JsonObject tokenizer, string? configText = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"azr-tokfix-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), tokenizer.ToJsonString());
        if (configText is not null) File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), configText);
        return dir;
    }
}
