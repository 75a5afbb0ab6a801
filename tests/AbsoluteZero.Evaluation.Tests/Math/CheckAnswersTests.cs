using System.Text.Json;
using AbsoluteZero.Evaluation.Math;

namespace AbsoluteZero.Evaluation.Tests.Math;

public class CheckAnswersTests
{
    [Fact]
    public void WritesOneLinePerPairWithTheContractFields()
    {
        var input = new StringReader("{\"id\":\"a\",\"prediction\":\"\\\\boxed{\\\\dfrac{1}{2}}\",\"reference\":\"0.5\"}\n\n{\"id\":7,\"prediction\":\"3\",\"reference\":18}\n");
        var output = new StringWriter();
        Assert.Equal(2, CheckAnswersRunner.Run(input, output, "pairs.jsonl"));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(["id", "equal", "normalized_prediction", "normalized_reference"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a", first.RootElement.GetProperty("id").GetString());
        Assert.True(first.RootElement.GetProperty("equal").GetBoolean());
        Assert.Equal("\\frac{1}{2}", first.RootElement.GetProperty("normalized_prediction").GetString());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(7, second.RootElement.GetProperty("id").GetInt32());
        Assert.False(second.RootElement.GetProperty("equal").GetBoolean());
    }

    [Fact]
    public void BadLinesNameTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CheckAnswersRunner.Run(new StringReader("{\"id\":1,\"prediction\":\"1\",\"reference\":\"1\"}\n{\"id\":2,\"prediction\":\"1\"}\n"), new StringWriter(), "p.jsonl"));
        Assert.Contains("p.jsonl:2", e.Message);
        Assert.Contains("reference", e.Message);
        e = Assert.Throws<InvalidDataException>(() => CheckAnswersRunner.Run(new StringReader("[1]\n"), new StringWriter(), "p.jsonl"));
        Assert.Contains("p.jsonl:1", e.Message);
    }
}
