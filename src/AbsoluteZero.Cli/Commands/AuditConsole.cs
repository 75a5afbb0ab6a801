using System.Globalization;
using AbsoluteZero.Audit.Analysis;
using Spectre.Console;

namespace AbsoluteZero.Cli.Commands;

/// <summary>The console summary of `azr audit`.</summary>
internal static class AuditConsole
{
    public static void Render(AuditSummary s)
    {
        var r = s.Run;
        AnsiConsole.MarkupLine($"[bold]Run[/] {Markup.Escape(r.RunId ?? "?")} · {Markup.Escape(r.Status ?? "unknown")} · last step {r.LastStep} · model {Markup.Escape(r.Model ?? "?")}");
        AnsiConsole.MarkupLine($"{r.Proposals} proposals, {r.ValidProposals} valid ({Pct(r.ValidRate)}), {r.Accepted} accepted, {r.Rollouts} sampled rollouts, {s.Flags.Count} flag(s)");

        var types = new Table().Border(TableBorder.Rounded).Title("task types")
            .AddColumn("type").AddColumn(new TableColumn("proposals").RightAligned()).AddColumn(new TableColumn("valid").RightAligned())
            .AddColumn(new TableColumn("buffer").RightAligned()).AddColumn("top verdicts").AddColumn(new TableColumn("solve rate").RightAligned())
            .AddColumn(new TableColumn("cyclomatic").RightAligned()).AddColumn(new TableColumn("shapes / programs").RightAligned())
            .AddColumn(new TableColumn("dup exact / near").RightAligned());
        foreach (var t in s.TaskTypes)
            types.AddRow(Markup.Escape(t.TaskType), t.Proposals.ToString(CultureInfo.InvariantCulture), $"{t.Valid} ({Pct(t.ValidRate)})",
                t.BufferSize?.ToString(CultureInfo.InvariantCulture) ?? "–",
                Markup.Escape(string.Join(", ", t.Verdicts.Take(3).Select(kv => $"{kv.Key} {kv.Value}"))),
                t.SolveRate.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–",
                t.Complexity.Programs == 0 ? "–" : $"{t.Complexity.CyclomaticMean:0.0} (max {t.Complexity.CyclomaticMax})",
                $"{t.Diversity.DistinctShapes} / {t.Diversity.Programs}", $"{t.Diversity.ExactDuplicates} / {t.Diversity.NearDuplicates}");
        AnsiConsole.Write(types);

        if (s.Flags.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]No unsafe-reasoning flags.[/]");
            return;
        }
        var flags = new Table().Border(TableBorder.Rounded).Title("flags by category")
            .AddColumn("category").AddColumn(new TableColumn("count").RightAligned()).AddColumn("first example");
        foreach (var (category, count) in r.FlagsByCategory)
        {
            var first = s.Flags.First(f => f.Category == category);
            flags.AddRow(Markup.Escape(category), count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"step {first.Step} {first.RolloutId ?? first.TaskId ?? ""}: {Clip(first.Text ?? first.Context ?? "", 70)}"));
        }
        AnsiConsole.Write(flags);
    }

    private static string Pct(double? rate) => rate is { } x ? (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Clip(string s, int n)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length <= n ? s : s[..(n - 1)] + "…";
    }
}
