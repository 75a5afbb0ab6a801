using System.Text.Json;

namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class TokenizeCommandTests
{
    [Fact]
    public async Task PrintsOneIdArrayPerStringWithSpecialTokensRecognised()
    {
        var file = Path.Combine(Path.GetTempPath(), $"azr-tokenize-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new[] { "int f(int x) => x + 1;", "<|im_start|>user\nhi<|im_end|>", "" }));
        try
        {
            var (code, output, _) = await AzrRun.RunAsync("tokenize", "--tokenizer", "embedded:tiny", "--json", file);
            Assert.Equal(0, code);
            var ids = JsonSerializer.Deserialize<int[][]>(output)!;
            var tiny = AbsoluteZero.Tokenization.HfTokenizer.LoadEmbeddedTiny();
            Assert.Equal(3, ids.Length);
            Assert.Equal(tiny.Encode("int f(int x) => x + 1;"), ids[0]);
            Assert.Equal(4094, ids[1][0]);
            Assert.Equal(4095, ids[1][^1]);
            Assert.Empty(ids[2]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BadInputIsOneLineError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"azr-tokenize-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "[\"ok\", 3]");
        try
        {
            var (code, _, err) = await AzrRun.RunAsync("tokenize", "--tokenizer", "embedded:tiny", "--json", file);
            Assert.Equal(2, code);
            Assert.Contains("element [1]", err);
            await File.WriteAllTextAsync(file, "[\"ok\"]");
            (code, _, err) = await AzrRun.RunAsync("tokenize", "--tokenizer", "/no/such/dir", "--json", file);
            Assert.Equal(2, code);
            Assert.StartsWith("azr: error: tokenizer directory not found", err);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
