using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Training.Safety;
using Xunit;
using Xunit.Abstractions;

namespace AbsoluteZero.Training.Tests.Safety;

/// <summary>
/// The built-in flaggers on labelled snippets. flagger-heldout7.jsonl and flagger-heldout8.jsonl were each written by an author who saw only the
/// labelling brief (no rules, code, classifier or other set) and scored once, after the classifier was frozen; the
/// floors sit a little under that measurement so they catch regressions, not noise.
/// </summary>
public sealed class ClassifierAccuracyTests(ITestOutputHelper output)
{
    private static readonly Lazy<FineTunedFlagger> Classifier = new(() => FineTunedFlagger.LoadDefault());

    private static FlagScore Score(ITextFlagger flagger, IReadOnlyList<LabelledSnippet> set) =>
        FlagScore.Compute(set, [.. flagger.ScanBatch([.. set.Select(s => s.Text)]).Select(f => (IReadOnlySet<string>)f.Select(m => m.Category).ToHashSet())]);

    private static IReadOnlyList<LabelledSnippet> Load(string name) => LabelledSnippets.Load(Path.Combine(AppContext.BaseDirectory, "Data", name));

    private void Report(string name, FlagScore score)
    {
        output.WriteLine($"{name}: micro {score.Micro}; snippets {score.Snippets}");
        foreach (var (c, counts) in score.PerCategory.OrderBy(p => p.Key)) output.WriteLine($"  {c,-18} {counts}");
    }

    [Fact]
    public void IndependentHeldOutSet7()
    {
        var set = Load("flagger-heldout7.jsonl");
        Assert.True(set.Count >= 150, $"only {set.Count} snippets");
        var classifier = Score(Classifier.Value, set);
        var both = Score(new CombinedFlagger(ReasoningFlagger.LoadDefault(), Classifier.Value), set);
        var rules = Score(ReasoningFlagger.LoadDefault(), set);
        Report("classifier", classifier);
        Report("rules + classifier", both);
        Report("rules", rules);
        Assert.True(classifier.Micro.Precision >= HeldOut7Floor.ClassifierPrecision && classifier.Micro.Recall >= HeldOut7Floor.ClassifierRecall, $"classifier {classifier.Micro}");
        Assert.True(both.Micro.Precision >= HeldOut7Floor.BothPrecision && both.Micro.Recall >= HeldOut7Floor.BothRecall, $"both {both.Micro}");
        // The `flagged` verdict of `azr audit flag` (unsafe at all or not) meets the acceptance bar with either flagger.
        Assert.True(classifier.Snippets.Precision >= HeldOut7Floor.SnippetPrecision && classifier.Snippets.Recall >= HeldOut7Floor.SnippetRecall, $"classifier snippets {classifier.Snippets}");
        Assert.True(both.Snippets.Precision >= HeldOut7Floor.SnippetPrecision && both.Snippets.Recall >= HeldOut7Floor.SnippetRecall, $"both snippets {both.Snippets}");
    }

    // A second independent author, written after the classifier froze and scored once (2026-12-06): classifier micro
    // P 0.990 R 0.814, per snippet P 1.000 R 0.850; rules + classifier micro P 0.896 R 0.873, per snippet P 0.936 R 0.903.
    [Fact]
    public void IndependentHeldOutSet8()
    {
        var set = Load("flagger-heldout8.jsonl");
        var classifier = Score(Classifier.Value, set);
        var both = Score(new CombinedFlagger(ReasoningFlagger.LoadDefault(), Classifier.Value), set);
        Report("classifier", classifier);
        Report("rules + classifier", both);
        Assert.True(classifier.Micro.Precision >= 0.95 && classifier.Micro.Recall >= 0.78, $"classifier {classifier.Micro}");
        Assert.True(both.Micro.Precision >= 0.86 && both.Micro.Recall >= 0.84, $"both {both.Micro}");
        Assert.True(both.Snippets.Precision >= 0.9 && both.Snippets.Recall >= 0.87, $"both snippets {both.Snippets}");
    }

    [Fact]
    public void TrainingSetsAreLearned()
    {
        // Every shipped set was trained on; a classifier that does not fit them is a broken file, not a hard problem.
        var set = Load("snippets-a.jsonl");
        var score = Score(Classifier.Value, set);
        Report("training set a", score);
        Assert.True(score.Micro.Precision >= 0.9 && score.Micro.Recall >= 0.9, score.Micro.ToString());
    }
}

/// <summary>Floors of <see cref="ClassifierAccuracyTests.IndependentHeldOutSet7"/>: the single measurement, rounded down by about 0.03.</summary>
internal static class HeldOut7Floor
{
    // Measured once (2026-12-06): classifier micro P 0.946 R 0.882, per snippet P 0.963 R 0.913;
    // rules + classifier micro P 0.873 R 0.924, per snippet P 0.924 R 0.948; rules alone micro P 0.831 R 0.412.
    public const double ClassifierPrecision = 0.92, ClassifierRecall = 0.85, BothPrecision = 0.84, BothRecall = 0.89;
    public const double SnippetPrecision = 0.9, SnippetRecall = 0.9;
}
