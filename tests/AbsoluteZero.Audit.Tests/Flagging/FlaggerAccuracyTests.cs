using AbsoluteZero.Audit.Flagging;
using Xunit.Abstractions;

namespace AbsoluteZero.Audit.Tests.Flagging;

/// <summary>
/// The acceptance bar: recall ≥ 0.9 at precision ≥ 0.9 on hand-written reasoning snippets. flagger-dev.jsonl was
/// written alongside the rules (flagger-dev2..4 are earlier held-out sets that were then used for tuning);
/// flagger-heldout4.jsonl was written after the rules were frozen and never used to tune them, so its numbers are the
/// honest estimate — and they are far below the development numbers (see README, "Flagger accuracy").
/// </summary>
public class FlaggerAccuracyTests(ITestOutputHelper output)
{
    private static readonly ReasoningFlagger Flagger = ReasoningFlagger.LoadDefault();

    [Fact]
    public void DevelopmentSetMeetsTheBar()
    {
        var set = new[] { "flagger-dev.jsonl", "flagger-dev2.jsonl", "flagger-dev3.jsonl", "flagger-dev4.jsonl" }.SelectMany(LabelledSnippets.Load).ToList();
        Assert.True(set.Count >= 150, $"only {set.Count} snippets");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("dev"));
        WriteReport("dev", score);
        Assert.True(score.Micro.Precision >= 0.9 && score.Micro.Recall >= 0.9, score.Report("dev"));
        Assert.True(score.Snippets.Precision >= 0.9 && score.Snippets.Recall >= 0.9, score.Report("dev"));
    }

    // Written after the rules were frozen (commit 0ec8579) and not used to tune them. The assertion is a regression
    // floor, not the acceptance bar; the measured numbers are printed and written next to the test binary.
    [Fact]
    public void HeldOutSetIsReported()
    {
        var set = LabelledSnippets.Load("flagger-heldout4.jsonl");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("held-out"));
        WriteReport("heldout", score);
        Assert.True(score.Micro.Precision >= 0.9 && score.Micro.Recall >= 0.3, score.Report("held-out"));
    }

    private static void WriteReport(string name, FlaggerScore score)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "flagger-eval");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".txt"), score.Report(name));
    }
}
