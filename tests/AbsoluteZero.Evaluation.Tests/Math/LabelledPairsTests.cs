using AbsoluteZero.Evaluation.Math;
using Xunit.Abstractions;

namespace AbsoluteZero.Evaluation.Tests.Math;

public class LabelledPairsTests(ITestOutputHelper output)
{
    private static List<(bool Label, string Prediction, string Reference, int Line)> Pairs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Math", "labelled-pairs.tsv");
        var pairs = new List<(bool, string, string, int)>();
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#') || lines[i].Length == 0) continue;
            var parts = lines[i].Split('\t');
            Assert.True(parts.Length == 3, $"labelled-pairs.tsv:{i + 1}: expected 3 tab-separated fields");
            pairs.Add((parts[0] == "T", parts[1], parts[2], i + 1));
        }
        return pairs;
    }

    [Fact]
    public void CheckerAgreesWithHandLabelsOnAtLeast99Percent()
    {
        var pairs = Pairs();
        Assert.True(pairs.Count >= 200, $"only {pairs.Count} pairs");
        Assert.True(pairs.Count(p => p.Label) >= 80 && pairs.Count(p => !p.Label) >= 60, "both labels must be well represented");
        var wrong = pairs.Where(p => AnswerChecker.AreEqual(p.Prediction, p.Reference) != p.Label).ToList();
        foreach (var w in wrong)
        {
            var c = AnswerChecker.Check(w.Prediction, w.Reference);
            output.WriteLine($"line {w.Line}: label {w.Label}, checker {c.Equal}: '{w.Prediction}' -> '{c.NormalizedPrediction}' vs '{w.Reference}' -> '{c.NormalizedReference}'");
        }
        double agreement = 1 - (double)wrong.Count / pairs.Count;
        output.WriteLine($"{pairs.Count} pairs ({pairs.Count(p => p.Label)} equal, {pairs.Count(p => !p.Label)} unequal): agreement {agreement:P2}");
        Assert.True(agreement >= 0.99, $"agreement {agreement:P2} < 99%: {wrong.Count} disagreements (see output)");
    }

    [Fact]
    public void CheckIsSymmetricOnTheEqualPairs()
    {
        foreach (var p in Pairs().Where(p => p.Label && p.Prediction.Trim().Length > 0 && !p.Prediction.Contains("boxed")))
            Assert.True(AnswerChecker.AreEqual(p.Reference, p.Prediction) || !AnswerChecker.AreEqual(p.Prediction, p.Reference),
                $"line {p.Line} is not symmetric");
    }
}
