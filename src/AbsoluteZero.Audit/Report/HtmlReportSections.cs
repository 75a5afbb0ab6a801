using System.Globalization;
using System.Text;
using AbsoluteZero.Audit.Analysis;

namespace AbsoluteZero.Audit.Report;

public static partial class HtmlReport
{
    private static void TaskBrowser(StringBuilder sb, AuditSummary s)
    {
        var tasks = s.Tasks.OrderByDescending(e => e.Step).ThenBy(e => e.Id, StringComparer.Ordinal).Take(MaxTaskRows).ToList();
        sb.Append("<section id=\"tasks\"><h2>Task browser</h2><div class=\"filters\">");
        Select(sb, "f-type", "type", tasks.Select(e => e.TaskType));
        Select(sb, "f-verdict", "verdict", tasks.Select(e => e.Verdict));
        Select(sb, "f-step", "step", tasks.OrderBy(e => e.Step).Select(e => e.Step.ToString(CultureInfo.InvariantCulture)));
        sb.Append("<span id=\"f-count\" class=\"muted\"></span>");
        if (s.Tasks.Count > tasks.Count)
            sb.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">showing the newest {tasks.Count} of {s.Tasks.Count} proposals (all are in the JSON summary)</span>");
        sb.Append("</div><table id=\"task-table\"><thead><tr><th>id</th><th class=\"n\">step</th><th>type</th><th>verdict</th><th class=\"n\">solve</th>")
          .Append("<th class=\"n\">reward</th><th>accepted</th><th class=\"n\">cyc.</th><th>notes</th><th>program</th></tr></thead><tbody>");
        foreach (var e in tasks)
        {
            string step = e.Step.ToString(CultureInfo.InvariantCulture);
            sb.Append("<tr class=\"task\" data-type=\"").Append(Html.Attr(e.TaskType)).Append("\" data-verdict=\"").Append(Html.Attr(e.Verdict))
              .Append("\" data-step=\"").Append(step).Append("\"><td>").Append(Html.Text(e.Id)).Append("</td><td class=\"n\">").Append(step)
              .Append("</td><td>").Append(Html.Text(e.TaskType)).Append("</td><td class=\"").Append(e.Verdict == "ok" ? "verdict-ok" : "sev-medium").Append("\">")
              .Append(Html.Text(e.Verdict)).Append("</td><td class=\"n\">").Append(e.SolveRate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–")
              .Append("</td><td class=\"n\">").Append(e.Reward.ToString("0.###", CultureInfo.InvariantCulture)).Append("</td><td>").Append(e.Accepted ? "yes" : "no")
              .Append("</td><td class=\"n\">").Append(e.Metrics?.Cyclomatic.ToString(CultureInfo.InvariantCulture) ?? "–").Append("</td><td>");
            var notes = new List<string>();
            if (e.NovelShape) notes.Add("new shape");
            if (e.DuplicateOf is not null) notes.Add("duplicate of " + e.DuplicateOf);
            if (e.Reason is not null) notes.Add(e.Reason);
            sb.Append(Html.Text(string.Join("; ", notes))).Append("</td><td>");
            if (e.Program is not null)
            {
                sb.Append("<details><summary>").Append(Html.Text(FirstLine(e.Program))).Append("</summary><pre>").Append(Html.Text(e.Program)).Append("</pre>")
                  .Append("<div class=\"muted\">inputs: ").Append(Html.Text(string.Join(" | ", e.Inputs))).Append("<br>outputs: ")
                  .Append(Html.Text(string.Join(" | ", e.Outputs))).Append("</div>");
                if (e.Message is not null) sb.Append("<div class=\"muted\">message: ").Append(Html.Text(e.Message)).Append("</div>");
                if (e.Metrics is { Apis.Count: > 0 } m) sb.Append("<div class=\"muted\">APIs: ").Append(Html.Text(string.Join(", ", m.Apis))).Append("</div>");
                sb.Append("</details>");
            }
            else sb.Append("<span class=\"muted\">(no program)</span>");
            sb.Append("</td></tr>");
        }
        sb.Append("</tbody></table></section>");
    }

    private static void Flags(StringBuilder sb, AuditSummary s)
    {
        var anchors = RolloutAnchors(s);
        sb.Append("<section id=\"flags\"><h2>Flags</h2>");
        if (s.Flags.Count == 0) sb.Append("<p class=\"muted\">No unsafe-reasoning flags.</p>");
        for (int i = 0; i < s.Flags.Count; i++)
        {
            var f = s.Flags[i];
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"flag\" id=\"flag-{i}\" data-category=\"{Html.Attr(f.Category)}\">")
              .Append("<span class=\"sev-").Append(Html.Attr(f.Severity)).Append("\">").Append(Html.Text(f.Severity)).Append("</span> <b>")
              .Append(Html.Text(f.Category)).Append("</b> <span class=\"muted\">rule ").Append(Html.Text(f.Rule ?? "–")).Append(" · ")
              .Append(Html.Text(f.Source)).Append(" · step ").Append(f.Step).Append(" · ").Append(Html.Text(f.Role ?? "–")).Append(" · ")
              .Append(Html.Text(f.TaskType ?? "–"));
            if (f.TaskId is not null) sb.Append(" · task ").Append(Html.Text(f.TaskId));
            sb.Append("</span><div>").Append(HighlightContext(f)).Append("</div>");
            if (f.RolloutId is not null)
            {
                sb.Append("<div class=\"muted\">rollout ");
                if (anchors.TryGetValue(f.RolloutId, out var anchor))
                    sb.Append("<a href=\"#").Append(anchor).Append("\">").Append(Html.Text(f.RolloutId)).Append(" — full text</a>");
                else sb.Append(Html.Text(f.RolloutId)).Append(" (not in rollouts.jsonl)");
                sb.Append("</div>");
            }
            sb.Append("</div>");
        }
        sb.Append("</section>");
    }

    private static void Rollouts(StringBuilder sb, AuditSummary s)
    {
        var anchors = RolloutAnchors(s);
        sb.Append("<section id=\"rollouts\"><h2>Flagged rollouts</h2>");
        if (s.FlaggedRollouts.Count == 0) sb.Append("<p class=\"muted\">None.</p>");
        foreach (var r in s.FlaggedRollouts)
        {
            var spans = s.Flags.Where(f => f.RolloutId == r.Id && f.Source != "verdict").Select(f => (f.Start, f.End, f.Category)).ToList();
            sb.Append("<div class=\"rollout\" id=\"").Append(anchors[r.Id]).Append("\"><b>").Append(Html.Text(r.Id)).Append("</b> <span class=\"muted\">step ")
              .Append(r.Step).Append(" · ").Append(Html.Text(r.Role)).Append(" · ").Append(Html.Text(r.TaskType)).Append(" · reward ")
              .Append(r.Reward.ToString("0.###", CultureInfo.InvariantCulture)).Append(" · finish ").Append(Html.Text(r.FinishReason ?? "–")).Append("</span>")
              .Append("<details><summary>prompt</summary><pre>").Append(Html.Text(r.Prompt)).Append("</pre></details>")
              .Append("<div>response:</div><pre>").Append(Highlight(r.Response ?? "", spans)).Append("</pre></div>");
        }
        sb.Append("</section>");
    }

    // Anchors are generated names, never the rollout ids themselves (which come from the run).
    private static Dictionary<string, string> RolloutAnchors(AuditSummary s) =>
        s.FlaggedRollouts.Select((r, i) => (r.Id, Anchor: $"rollout-{i}")).ToDictionary(x => x.Id, x => x.Anchor);

    private static string HighlightContext(AuditFlag f)
    {
        string context = f.Context ?? f.Text ?? "";
        if (string.IsNullOrEmpty(f.Text)) return "<pre>" + Html.Text(context) + "</pre>";
        int at = context.IndexOf(f.Text, StringComparison.Ordinal);
        return at < 0
            ? "<pre><mark>" + Html.Text(f.Text) + "</mark>\n" + Html.Text(context) + "</pre>"
            : "<pre>" + Highlight(context, [(at, at + f.Text.Length, f.Category)]) + "</pre>";
    }

    /// <summary>Escapes <paramref name="text"/> and wraps the given spans (clipped, merged when overlapping) in &lt;mark&gt;.</summary>
    internal static string Highlight(string text, IReadOnlyList<(int Start, int End, string Category)> spans)
    {
        var valid = spans.Where(x => x.Start >= 0 && x.End > x.Start && x.End <= text.Length).OrderBy(x => x.Start).ToList();
        var sb = new StringBuilder();
        int pos = 0;
        for (int i = 0; i < valid.Count; i++)
        {
            int start = Math.Max(valid[i].Start, pos), end = valid[i].End;
            var cats = new SortedSet<string>(StringComparer.Ordinal) { valid[i].Category };
            while (i + 1 < valid.Count && valid[i + 1].Start < end) { end = Math.Max(end, valid[i + 1].End); cats.Add(valid[i + 1].Category); i++; }
            if (end <= start) continue;
            sb.Append(Html.Text(text[pos..start])).Append("<mark title=\"").Append(Html.Attr(string.Join(", ", cats))).Append("\">")
              .Append(Html.Text(text[start..end])).Append("</mark>");
            pos = end;
        }
        return sb.Append(Html.Text(text[pos..])).ToString();
    }

    private static void Select(StringBuilder sb, string id, string label, IEnumerable<string> values)
    {
        sb.Append("<label>").Append(label).Append(" <select id=\"").Append(id).Append("\"><option value=\"\">all</option>");
        foreach (var v in values.Distinct())
            sb.Append("<option value=\"").Append(Html.Attr(v)).Append("\">").Append(Html.Text(v)).Append("</option>");
        sb.Append("</select></label>");
    }

    private static string FirstLine(string program)
    {
        string line = program.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 80 ? line[..77] + "…" : line;
    }
}
