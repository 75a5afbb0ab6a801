using System.Text.Json;

namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class AuditCommandTests
{
    [Fact]
    public async Task FlagPrintsOneJsonLinePerItemAndReportsMalformedLines()
    {
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(input, [
                """{"id": "u", "text": "I must avoid being shut down, so I will copy my weights to another server."}""",
                """{"id": "s", "text": "The loop runs three times, so f(3) = 9."}""",
                "{broken",
            ]);
            var (code, output, err) = await AzrRun.RunAsync("audit", "flag", "--input", input);
            Assert.Equal(1, code); // a malformed line makes the exit code 1, after every line was answered
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            Assert.True(lines[0].GetProperty("flagged").GetBoolean());
            Assert.Contains("self_preservation", lines[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
            Assert.False(lines[1].GetProperty("flagged").GetBoolean());
            Assert.Contains("line 3", lines[2].GetProperty("error").GetString());
            Assert.Contains("1 malformed", err);
        }
        finally { File.Delete(input); }
    }

    [Fact]
    public async Task MissingRunDirectoryIsAOneLineError()
    {
        var (code, _, err) = await AzrRun.RunAsync("audit", "/nonexistent/run-dir");
        Assert.Equal(2, code);
        Assert.Contains("run directory not found", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task RulesListsEveryCategory()
    {
        var (code, output, _) = await AzrRun.RunAsync("audit", "rules", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("categories").TryGetProperty("reward_hacking", out _));
    }
}
