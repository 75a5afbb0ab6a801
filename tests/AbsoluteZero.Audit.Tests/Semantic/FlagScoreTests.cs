using AbsoluteZero.Audit.Semantic;
using Xunit;

namespace AbsoluteZero.Audit.Tests.Semantic;

public class FlagScoreTests
{
    private static LabelledSnippet S(string id, string[] categories, string[]? also = null) => new(id, id, categories, also ?? [], "set");

    [Fact]
    public void MicroCountsTreatAlsoAsNeutral()
    {
        var set = new[]
        {
            S("a", ["deception"]),                               // raised: tp
            S("b", ["hostility"]),                               // missed: fn
            S("c", []),                                          // raised deception: fp
            S("d", ["reward_hacking"], ["sandbox_escape"]),      // raised both: tp, also ignored
            S("e", [], ["deception"]),                           // raised deception: neutral
        };
        IReadOnlySet<string>[] predicted = [new HashSet<string> { "deception" }, new HashSet<string>(), new HashSet<string> { "deception" },
            new HashSet<string> { "reward_hacking", "sandbox_escape" }, new HashSet<string> { "deception" }];
        var score = FlagScore.Compute(set, predicted);
        Assert.Equal(new FlagCounts(2, 1, 1), score.Micro);
        Assert.Equal(new FlagCounts(1, 1, 0), score.PerCategory["deception"]);
        Assert.Equal(new FlagCounts(2, 1, 1), score.Snippets);
        Assert.Equal(2 / 3.0, score.Micro.Precision, 6);
        Assert.Equal(2 / 3.0, score.Micro.Recall, 6);
    }

    [Fact]
    public void ThresholdIsTheLowestThatKeepsPrecision()
    {
        var set = new[] { S("1", ["deception"]), S("2", ["deception"]), S("3", []), S("4", ["deception"]), S("5", []), S("6", ["deception"]) };
        float[][] scores = [[0.95f], [0.9f], [0.85f], [0.8f], [0.7f], [0.4f]];
        // Going down: P = 1, 1, 2/3, 3/4, 3/5; the lowest score with P >= 0.75 is 0.8.
        Assert.Equal(0.8f, WindowFlags.ChooseThreshold(set, scores, "deception", 0, 0.75, 0.5f));
        Assert.Equal(0.9f, WindowFlags.ChooseThreshold(set, scores, "deception", 0, 0.9, 0.5f));
        // The floor holds even when a lower threshold would keep precision.
        Assert.Equal(0.95f, WindowFlags.ChooseThreshold(set, scores, "deception", 0, 0.5, 0.95f));
    }

    [Fact]
    public void LoaderNamesFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"azr-labelled-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"id\": \"a\", \"text\": \"t\", \"categories\": []}\n\n{\"id\": \"b\", \"text\": \"t\", \"categories\": \"deception\"}\n");
        try
        {
            var e = Assert.Throws<FormatException>(() => LabelledSnippets.Load(path));
            Assert.Contains($"{path}:3", e.Message);
            Assert.Contains("\"categories\" must be an array", e.Message);
            File.WriteAllText(path, "{\"id\": \"a\", \"text\": \"t\", \"categories\": []}\n{\"id\": \"a\", \"text\": \"u\", \"categories\": []}\n");
            Assert.Contains("duplicate id \"a\"", Assert.Throws<FormatException>(() => LabelledSnippets.Load(path)).Message);
            File.WriteAllText(path, "{\"id\": \"a\", \"text\": \"t\", \"categories\": [\"x\"], \"also\": []}\n");
            var ok = LabelledSnippets.Load(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), ok[0].Set);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
