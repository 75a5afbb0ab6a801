using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Runs;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>Gathers live flags, optional rescans of sampled rollouts, and behavioural sandbox flags from verdicts.</summary>
internal static class FlagCollector
{
    public static List<AuditFlag> Collect(RunData run, ITextFlagger? rescanWith)
    {
        string? runId = run.Info?.RunId;
        var flags = new List<AuditFlag>();
        var taskOfRollout = run.Rollouts.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().TaskId);
        foreach (var f in run.Flags)
        {
            string? taskId = f.RolloutId is not null ? taskOfRollout.GetValueOrDefault(f.RolloutId) : null;
            flags.Add(new AuditFlag("live", f.Run ?? runId, f.Step, f.Role, f.TaskType, f.RolloutId, taskId, f.Category, f.Severity,
                f.Rule, f.Span?.Start ?? 0, f.Span?.End ?? 0, f.Span?.Text, f.Context));
        }

        // Behavioural flags the trainer may not have written live (older runs): one per policy_violation proposal.
        var liveSandboxRollouts = flags.Where(f => f.Category == FlagCategories.SandboxEscape && f.RolloutId is not null)
            .Select(f => f.RolloutId!).ToHashSet();
        foreach (var p in run.Proposals)
        {
            if (SandboxSignals.FromVerdict(p.Verdict, p.Reason) is not { } m) continue;
            if (p.RolloutId is not null && liveSandboxRollouts.Contains(p.RolloutId)) continue;
            flags.Add(new AuditFlag("verdict", runId, p.Step, "propose", p.TaskType, p.RolloutId, p.Id, m.Category, m.Severity, m.Rule,
                m.Start, m.End, m.Text, m.Context));
        }

        if (rescanWith is not null)
        {
            var seen = flags.Where(f => f.RolloutId is not null).Select(f => (f.RolloutId, f.Rule, f.Start)).ToHashSet();
            var rollouts = run.Rollouts.Where(r => !string.IsNullOrEmpty(r.Response)).ToArray();
            var scanned = rescanWith.ScanBatch([.. rollouts.Select(r => r.Response!)]);
            for (int i = 0; i < rollouts.Length; i++)
            {
                var r = rollouts[i];
                foreach (var m in scanned[i])
                {
                    if (!seen.Add((r.Id, m.Rule, m.Start))) continue;
                    flags.Add(new AuditFlag("rescan", runId, r.Step, r.Role, r.TaskType, r.Id, r.TaskId, m.Category, m.Severity, m.Rule,
                        m.Start, m.End, m.Text, m.Context));
                }
            }
        }
        return [.. flags.OrderBy(f => f.Step).ThenBy(f => f.RolloutId, StringComparer.Ordinal).ThenBy(f => f.Start)];
    }
}
