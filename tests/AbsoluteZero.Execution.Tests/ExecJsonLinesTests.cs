using System.Text.Json;
using AbsoluteZero.Execution.Jsonl;

namespace AbsoluteZero.Execution.Tests;

public class ExecJsonLinesTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    [Fact]
    public async Task Answers_every_line_in_order_and_survives_malformed_lines()
    {
        var lines = new[]
        {
            """{"id": "a", "program": "int f(int x) => x * 2;", "input": "21", "expected": "42"}""",
            "not json",
            "",
            """{"id": "c", "program": "int f(int x) => x;", "input": 5}""",
            """[1, 2]""",
            """{"id": "e", "program": "string f(string s) => s + \"!\";", "input": "\"hi\"", "expected": "\"hi\""}""",
            """{"program": "int f() => 1;", "input": ""}""",
        };
        var output = new StringWriter();
        long count = await ExecJsonLines.RunAsync(new StringReader(string.Join("\n", lines)), output, fixture.Executor, true, default);
        Assert.Equal(6, count);
        var results = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, results.Count);
        foreach (var r in results)
            Assert.Equal(["id", "status", "output", "match", "error"], r.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("a", results[0].GetProperty("id").GetString());
        Assert.Equal("ok", results[0].GetProperty("status").GetString());
        Assert.Equal("42", results[0].GetProperty("output").GetString());
        Assert.True(results[0].GetProperty("match").GetBoolean());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("error").ValueKind);
        Assert.Equal("invalid_input", results[1].GetProperty("status").GetString());
        Assert.Contains("line 2", results[1].GetProperty("error").GetString());
        Assert.Equal("c", results[2].GetProperty("id").GetString());
        Assert.Contains("\"input\" must be a string", results[2].GetProperty("error").GetString());
        Assert.Equal("invalid_input", results[3].GetProperty("status").GetString());
        Assert.False(results[4].GetProperty("match").GetBoolean());
        Assert.Equal("\"hi!\"", results[4].GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, results[5].GetProperty("id").ValueKind);
    }
}
