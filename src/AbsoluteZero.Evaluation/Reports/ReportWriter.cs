using System.Globalization;
using System.Text;
using System.Text.Json;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Evaluation.Running;

namespace AbsoluteZero.Evaluation.Reports;

/// <summary>Writes <c>summary.json</c> and <c>summary.md</c> (atomically) for a set of strategy summaries.</summary>
public static class ReportWriter
{
    /// <summary>Writes both files into <paramref name="outDir"/>; returns the Markdown table.</summary>
    public static string Write(string outDir, IReadOnlyList<StrategySummary> summaries)
    {
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summaries, new JsonSerializerOptions(JsonLines.Options) { WriteIndented = true }) + "\n");
        var md = Markdown(summaries);
        AtomicFile.WriteAllText(Path.Combine(outDir, "summary.md"), md);
        return md;
    }

    /// <summary>
    /// One row per benchmark × strategy: score, pass@k, and token cost side by side, so strategies can be compared
    /// at equal cost.
    /// </summary>
    public static string Markdown(IReadOnlyList<StrategySummary> summaries)
    {
        var ks = summaries.SelectMany(s => s.PassAtK.Keys).Distinct().OrderBy(k => int.Parse(k.Split('@')[1], CultureInfo.InvariantCulture)).ToList();
        var sb = new StringBuilder();
        sb.Append("| benchmark | strategy | model | problems | n | T | rounds | score |");
        foreach (var k in ks) sb.Append(' ').Append(k).Append(" |");
        sb.Append(" generated tokens / problem | prompt tokens / problem |\n");
        sb.Append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var _ in ks) sb.Append(" ---: |");
        sb.Append(" ---: | ---: |\n");
        foreach (var s in summaries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {s.Benchmark} | {s.Strategy} | {s.Model} | {s.Problems} | {s.Samples} | {s.Temperature:0.##} | {s.Rounds} | {Percent(s.Score)} |");
            foreach (var k in ks) sb.Append(' ').Append(s.PassAtK.TryGetValue(k, out var v) ? Percent(v) : "").Append(" |");
            sb.Append(CultureInfo.InvariantCulture, $" {s.CompletionTokensPerProblem:0.#} | {s.PromptTokensPerProblem:0.#} |\n");
        }
        return sb.ToString();
    }

    private static string Percent(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
