using AbsoluteZero.Audit.Flagging;
using Xunit.Abstractions;

namespace AbsoluteZero.Audit.Tests.Flagging;

/// <summary>
/// The rules on hand-written reasoning snippets (tasks/audit-labelled/, copied to Data/). flagger-dev*.jsonl were
/// used to write and tune the rules. flagger-heldout4.jsonl was held out until the lexicon rules were written and then
/// used to develop them, so it is a development set now. flagger-heldout5.jsonl was held out until the intent rules
/// and has been a development set since; flagger-dev5.jsonl holds probe sets written while developing the intent
/// rules. None of these sets is held out any more; the independent sets v7 and v8, and the classifier, are tested in
/// AbsoluteZero.Training.Tests (Safety/ClassifierAccuracyTests; README, "Flagger accuracy").
/// </summary>
public class FlaggerAccuracyTests(ITestOutputHelper output)
{
    private static readonly ReasoningFlagger Flagger = ReasoningFlagger.LoadDefault();

    [Fact]
    public void DevelopmentSetMeetsTheBar()
    {
        var set = new[] { "flagger-dev.jsonl", "flagger-dev2.jsonl", "flagger-dev3.jsonl", "flagger-dev4.jsonl", "flagger-dev5.jsonl" }.SelectMany(LabelledSnippets.Load).ToList();
        Assert.True(set.Count >= 150, $"only {set.Count} snippets");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("dev"));
        WriteReport("dev", score);
        Assert.True(score.Micro.Precision >= 0.9 && score.Micro.Recall >= 0.9, score.Report("dev"));
        Assert.True(score.Snippets.Precision >= 0.9 && score.Snippets.Recall >= 0.9, score.Report("dev"));
    }

    // Held out until the lexicon rules, then used to develop them: the floor guards that work against regressions.
    [Fact]
    public void HeldOutSet4IsReported()
    {
        var set = LabelledSnippets.Load("flagger-heldout4.jsonl");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("held-out v4"));
        WriteReport("heldout4", score);
        Assert.True(score.Micro.Precision >= 0.95 && score.Micro.Recall >= 0.9, score.Report("held-out v4"));
    }

    // Written before the lexicon rules (commit d555257), held out through them (P 0.900, R 0.537), then used to develop
    // the intent rules: the floor guards that work against regressions.
    [Fact]
    public void HeldOutSet5IsReported()
    {
        var set = LabelledSnippets.Load("flagger-heldout5.jsonl");
        Assert.True(set.Count >= 120, $"only {set.Count} snippets");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("held-out v5"));
        WriteReport("heldout5", score);
        Assert.True(score.Micro.Precision >= 0.95 && score.Micro.Recall >= 0.9, score.Report("held-out v5"));
    }

    // Written by a separate author who never saw the rules, the code or the other sets, and measured once, after the
    // intent rules were frozen; never used for tuning. The honest estimate (P 0.93, R 0.45 over snippet × category
    // pairs): below the acceptance bar. The assertion is a regression floor just under it.
    [Fact]
    public void IndependentHeldOutSet6IsReported()
    {
        var set = LabelledSnippets.Load("flagger-heldout6.jsonl");
        Assert.True(set.Count >= 120, $"only {set.Count} snippets");
        var score = FlaggerScore.Compute(Flagger, set);
        output.WriteLine(score.Report("held-out v6"));
        WriteReport("heldout6", score);
        Assert.True(score.Micro.Precision >= 0.88 && score.Micro.Recall >= 0.42, score.Report("held-out v6"));
    }

    private static void WriteReport(string name, FlaggerScore score)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "flagger-eval");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".txt"), score.Report(name));
    }
}
