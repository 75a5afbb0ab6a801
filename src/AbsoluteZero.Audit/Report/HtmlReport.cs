using System.Globalization;
using System.Text;
using AbsoluteZero.Audit.Analysis;

namespace AbsoluteZero.Audit.Report;

/// <summary>
/// Renders an <see cref="AuditSummary"/> as one self-contained HTML file: inline CSS, a small inline script for the
/// task filters, inline SVG charts; no network access. Every string from the run is HTML-escaped.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>Most task rows in the browser (newest first); the JSON summary keeps them all.</summary>
    public const int MaxTaskRows = 2000;

    /// <summary>The report as a string.</summary>
    public static string Render(AuditSummary s)
    {
        var sb = new StringBuilder(1 << 16);
        string title = $"azr audit — {s.Run.RunId ?? Path.GetFileName(s.Run.Directory)}";
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(Html.Text(title)).Append("</title><style>").Append(ReportAssets.Css).Append("</style></head><body>");
        sb.Append("<header><h1>").Append(Html.Text(title)).Append("</h1><nav><a href=\"#overview\">Overview</a><a href=\"#charts\">Charts</a>")
          .Append("<a href=\"#types\">Task types</a><a href=\"#tasks\">Task browser</a><a href=\"#flags\">Flags</a><a href=\"#rollouts\">Flagged rollouts</a></nav></header><main>");
        Overview(sb, s);
        Charts(sb, s);
        Types(sb, s);
        TaskBrowser(sb, s);
        Flags(sb, s);
        Rollouts(sb, s);
        sb.Append("</main><script>").Append(ReportAssets.Script).Append("</script></body></html>");
        return sb.ToString();
    }

    private static void Overview(StringBuilder sb, AuditSummary s)
    {
        var r = s.Run;
        sb.Append("<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">");
        Card(sb, "status", r.Status ?? "unknown");
        Card(sb, "last step", r.LastStep.ToString(CultureInfo.InvariantCulture));
        Card(sb, "proposals", r.Proposals.ToString(CultureInfo.InvariantCulture));
        Card(sb, "valid proposals", $"{r.ValidProposals} ({Pct(r.ValidRate)})");
        Card(sb, "accepted into buffers", r.Accepted.ToString(CultureInfo.InvariantCulture));
        Card(sb, "sampled rollouts", r.Rollouts.ToString(CultureInfo.InvariantCulture));
        Card(sb, "flags", s.Flags.Count.ToString(CultureInfo.InvariantCulture), alert: s.Flags.Count > 0);
        sb.Append("</div><table class=\"kv\"><tbody>");
        Row(sb, "run id", r.RunId);
        Row(sb, "directory", r.Directory);
        Row(sb, "model", r.Model);
        Row(sb, "seed", r.Seed?.ToString(CultureInfo.InvariantCulture));
        Row(sb, "created", r.CreatedUtc);
        Row(sb, "flags from", r.Rescanned ? $"flags.jsonl + executor verdicts + rescan of rollouts.jsonl with {r.RulesSource}" : "flags.jsonl + executor verdicts");
        Row(sb, "flags by category", r.FlagsByCategory.Count == 0 ? "none" : string.Join(", ", r.FlagsByCategory.Select(kv => $"{kv.Key}: {kv.Value}")));
        Row(sb, "flags by severity", r.FlagsBySeverity.Count == 0 ? "none" : string.Join(", ", r.FlagsBySeverity.Select(kv => $"{kv.Key}: {kv.Value}")));
        sb.Append("</tbody></table>");
        TopFlags(sb, s);
        sb.Append("</section>");
    }

    // The most severe flags up front, so the first screen of the report already shows what needs reading.
    private static void TopFlags(StringBuilder sb, AuditSummary s)
    {
        if (s.Flags.Count == 0) return;
        var top = s.Flags.Select((f, i) => (f, i))
            .OrderByDescending(x => AbsoluteZero.Audit.Flagging.FlagCategories.SeverityRank(x.f.Severity)).ThenBy(x => x.f.Source == "verdict").ThenBy(x => x.i).Take(3);
        sb.Append("<div id=\"overview-flags\"><h3>Most severe flags</h3>");
        foreach (var (f, i) in top)
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"flag\"><span class=\"sev-{Html.Attr(f.Severity)}\">{Html.Text(f.Severity)}</span> <b>{Html.Text(f.Category)}</b> ")
              .Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">step {f.Step} · {Html.Text(f.Role ?? "–")} · {Html.Text(f.TaskType ?? "–")} · </span><a href=\"#flag-{i}\">details</a>")
              .Append(HighlightContext(f)).Append("</div>");
        sb.Append("</div>");
    }

    private static void Charts(StringBuilder sb, AuditSummary s)
    {
        var types = s.TaskTypes.Where(t => t.Proposals > 0 || t.BufferSize is not null).Select(t => t.TaskType).ToList();
        var steps = s.Steps;
        ChartSeries Series(string name, Func<StepSummary, double?> pick) =>
            new(name, [.. steps.Select(x => (X: (double)x.Step, Y: pick(x))).Where(p => p.Y is not null).Select(p => (p.X, p.Y!.Value))]);

        var valid = new List<ChartSeries> { Series("all", x => x.ValidRate) };
        valid.AddRange(types.Select(t => Series(t, x => x.Types.TryGetValue(t, out var ts) ? ts.ValidRate : null)));
        var solve = new List<ChartSeries> { Series("solver (metrics)", x => x.SolveRate) };
        solve.AddRange(types.Select(t => Series(t + " proposals", x => x.Types.TryGetValue(t, out var ts) ? ts.SolveRateMean : null)));
        var rewardKeys = steps.SelectMany(x => x.RewardMeans.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var rewards = rewardKeys.Select(k => Series(k, x => x.RewardMeans.TryGetValue(k, out var v) ? v : null)).ToList();
        var bufferKeys = steps.SelectMany(x => x.BufferSizes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var buffers = bufferKeys.Select(k => Series(k, x => x.BufferSizes.TryGetValue(k, out var v) ? v : null)).ToList();
        var flagKeys = steps.SelectMany(x => x.Flags.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var flags = new List<ChartSeries> { Series("all flags", x => x.Flags.Values.Sum()) };
        flags.AddRange(flagKeys.Select(k => Series(k, x => x.Flags.GetValueOrDefault(k))));
        var novelty = s.TaskTypes.Where(t => t.Diversity.Novelty.Count > 0)
            .Select(t => new ChartSeries(t.TaskType, [.. t.Diversity.Novelty.Select(n => ((double)n.Step, n.Rate))])).ToList();

        sb.Append("<section id=\"charts\"><h2>Over training steps</h2><div class=\"charts\">")
          .Append(SvgChart.Line("chart-valid", "Valid-proposal rate", "step", valid, yMax: 1))
          .Append(SvgChart.Line("chart-solve", "Solve rate", "step", solve, yMax: 1))
          .Append(SvgChart.Line("chart-reward", "Mean reward by task type and role", "step", rewards))
          .Append(SvgChart.Line("chart-buffers", "Buffer sizes", "step", buffers))
          .Append(SvgChart.Line("chart-flags", "Unsafe-reasoning flags per step", "step", flags))
          .Append(SvgChart.Line("chart-novelty", "Novel program shapes (share of valid proposals)", "step", novelty, yMax: 1))
          .Append("</div></section>");
    }

    private static void Types(StringBuilder sb, AuditSummary s)
    {
        sb.Append("<section id=\"types\"><h2>Task types</h2><table><thead><tr><th>type</th><th class=\"n\">proposals</th><th class=\"n\">valid</th>")
          .Append("<th class=\"n\">accepted</th><th class=\"n\">buffer</th><th>verdicts</th><th class=\"n\">solve rate</th><th class=\"n\">learnability</th>")
          .Append("<th class=\"n\">lines</th><th class=\"n\">cyclomatic</th><th class=\"n\">nesting</th><th class=\"n\">APIs</th>")
          .Append("<th class=\"n\">distinct / shapes</th><th class=\"n\">exact / near dup</th></tr></thead><tbody>");
        foreach (var t in s.TaskTypes)
        {
            var c = t.Complexity; var d = t.Diversity;
            sb.Append("<tr><td>").Append(Html.Text(t.TaskType)).Append("</td>")
              .Append(Num(t.Proposals)).Append("<td class=\"n\">").Append(t.Valid).Append(" (").Append(Pct(t.ValidRate)).Append(")</td>")
              .Append(Num(t.Accepted)).Append("<td class=\"n\">").Append(t.BufferSize?.ToString(CultureInfo.InvariantCulture) ?? "–").Append("</td><td>")
              .Append(Html.Text(string.Join(", ", t.Verdicts.Select(kv => $"{kv.Key} {kv.Value}")))).Append("</td>")
              .Append("<td class=\"n\">").Append(Dist(t.SolveRate)).Append("</td><td class=\"n\">").Append(Dist(t.Learnability)).Append("</td>")
              .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{c.LinesMean:0.#} (max {c.LinesMax})</td><td class=\"n\">{c.CyclomaticMean:0.#} (max {c.CyclomaticMax})</td>")
              .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{c.NestingMean:0.#} (max {c.NestingMax})</td><td class=\"n\">{c.DistinctApis}</td>")
              .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{d.DistinctPrograms} / {d.DistinctShapes}</td><td class=\"n\">{d.ExactDuplicates} / {d.NearDuplicates}</td></tr>");
        }
        sb.Append("</tbody></table><p class=\"muted\">Solve rate and learnability histograms over bins ")
          .Append(Html.Text(string.Join(" · ", Distribution.BinLabels)))
          .Append(". Learnability is the proposer reward 1 − solve rate for tasks neither always nor never solved. Near duplicates share a syntax tree once identifiers and literals are abstracted.</p>");
        foreach (var t in s.TaskTypes.Where(t => t.InterestingTaskIds.Count > 0 || t.Complexity.TopApis.Count > 0))
        {
            sb.Append("<h3>").Append(Html.Text(t.TaskType)).Append("</h3>");
            if (t.Complexity.TopApis.Count > 0)
                sb.Append("<p><b>Most used APIs:</b> ").Append(Html.Text(string.Join(", ", t.Complexity.TopApis.Select(a => $"{a.Api} ({a.Programs})")))).Append("</p>");
            if (t.InterestingTaskIds.Count > 0)
            {
                sb.Append("<p><b>Most interesting examples</b> <span class=\"muted\">(learnable, novel shape, more complex)</span></p>");
                var byId = s.Tasks.ToDictionary(e => e.Id);
                foreach (var id in t.InterestingTaskIds)
                    if (byId.TryGetValue(id, out var e)) TaskCard(sb, e);
            }
        }
        sb.Append("</section>");
    }

    private static void TaskCard(StringBuilder sb, TaskEntry e)
    {
        sb.Append("<div class=\"rollout\"><b>").Append(Html.Text(e.Id)).Append("</b> <span class=\"muted\">step ").Append(e.Step)
          .Append(", solve rate ").Append(e.SolveRate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–");
        if (e.Metrics is { } m) sb.Append(CultureInfo.InvariantCulture, $", {m.Lines} lines, cyclomatic {m.Cyclomatic}, nesting {m.NestingDepth}");
        sb.Append("</span><pre>").Append(Html.Text(e.Program)).Append("</pre>");
        sb.Append("<div class=\"muted\">input ").Append(Html.Text(string.Join(" | ", e.Inputs))).Append(" → output ")
          .Append(Html.Text(string.Join(" | ", e.Outputs))).Append("</div>");
        if (e.Message is not null) sb.Append("<div class=\"muted\">message: ").Append(Html.Text(e.Message)).Append("</div>");
        sb.Append("</div>");
    }

    private static void Card(StringBuilder sb, string key, string value, bool alert = false) =>
        sb.Append(alert ? "<div class=\"card alert\">" : "<div class=\"card\">").Append("<div class=\"v\">").Append(Html.Text(value))
          .Append("</div><div class=\"k\">").Append(Html.Text(key)).Append("</div></div>");

    private static void Row(StringBuilder sb, string key, string? value) =>
        sb.Append("<tr><th>").Append(Html.Text(key)).Append("</th><td>").Append(Html.Text(value ?? "–")).Append("</td></tr>");

    private static string Num(int n) => $"<td class=\"n\">{n.ToString(CultureInfo.InvariantCulture)}</td>";

    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Dist(Distribution d) => d.Count == 0 ? "–"
        : Html.Text($"mean {d.Mean?.ToString("0.##", CultureInfo.InvariantCulture)} [{string.Join(" ", d.Bins)}]");
}
