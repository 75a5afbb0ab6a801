using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Runs;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>Options for <see cref="RunAuditor.Analyze(string, AuditOptions)"/>.</summary>
/// <param name="Rescan">Also scan every sampled rollout in rollouts.jsonl (not only trust flags.jsonl).</param>
/// <param name="Flagger">Flagger for the rescan (rules, classifier or both); the built-in rules when null.</param>
public sealed record AuditOptions(bool Rescan = false, ITextFlagger? Flagger = null);

/// <summary>Task analytics and flags over a run directory (format: docs/run-directory.md).</summary>
public static class RunAuditor
{
    /// <summary>The task types in report order; others found in a run are appended.</summary>
    public static IReadOnlyList<string> KnownTaskTypes { get; } = ["deduction", "abduction", "induction"];

    /// <summary>Analyses a run directory with the default options (live flags only).</summary>
    public static AuditSummary Analyze(string runDir) => Analyze(runDir, new AuditOptions());

    /// <summary>Analyses a run directory.</summary>
    public static AuditSummary Analyze(string runDir, AuditOptions options) => Analyze(RunData.Load(runDir), options);

    /// <summary>Analyses already-loaded run data.</summary>
    public static AuditSummary Analyze(RunData run, AuditOptions options)
    {
        var flagger = options.Rescan ? options.Flagger ?? ReasoningFlagger.LoadDefault() : null;
        var entries = TaskTypeStats.Entries(run.Proposals);
        var flags = FlagCollector.Collect(run, flagger);
        var lastMetrics = run.Metrics.Count == 0 ? null : run.Metrics.MaxBy(m => m.Step);

        var types = KnownTaskTypes.Concat(entries.Select(e => e.TaskType).Concat(run.BufferFileSizes.Keys)
            .Where(t => !KnownTaskTypes.Contains(t)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var typeSummaries = types.Select(t =>
        {
            int? buffer = lastMetrics?.BufferSizes?.TryGetValue(t, out var b) == true ? b
                : run.BufferFileSizes.TryGetValue(t, out var f) ? f : null;
            return TaskTypeStats.Summarise(t, entries, buffer);
        }).ToList();

        var steps = Steps(run, entries, flags, types);
        int valid = entries.Count(e => e.Verdict == "ok");
        var flaggedRolloutIds = flags.Where(f => f.RolloutId is not null).Select(f => f.RolloutId!).ToHashSet();
        var overview = new RunOverview(
            Path.GetFullPath(run.Directory), run.Info?.RunId, run.Info?.Status, run.Info?.Model, run.Info?.Seed, run.Info?.CreatedUtc,
            run.Info?.LastStep ?? (run.Metrics.Count == 0 ? 0 : run.Metrics.Max(m => m.Step)), run.Metrics.Count,
            entries.Count, valid, entries.Count(e => e.Accepted), entries.Count == 0 ? null : Math.Round((double)valid / entries.Count, 4),
            run.Rollouts.Count, Count(flags.Select(f => f.Category)), Count(flags.Select(f => f.Severity)),
            flagger?.Source ?? "flags.jsonl (live)", options.Rescan);
        return new AuditSummary(overview, typeSummaries, steps, flags, entries,
            [.. run.Rollouts.Where(r => flaggedRolloutIds.Contains(r.Id)).DistinctBy(r => r.Id)]);
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static List<StepSummary> Steps(RunData run, List<TaskEntry> entries, List<AuditFlag> flags, List<string> types)
    {
        var metricsByStep = run.Metrics.GroupBy(m => m.Step).ToDictionary(g => g.Key, g => g.Last());
        var entriesByStep = entries.GroupBy(e => e.Step).ToDictionary(g => g.Key, g => g.ToList());
        var flagsByStep = flags.GroupBy(f => f.Step).ToDictionary(g => g.Key, g => g.ToList());
        var stepNumbers = metricsByStep.Keys.Concat(entriesByStep.Keys).Concat(flagsByStep.Keys).Distinct().Order();
        var result = new List<StepSummary>();
        var cumulativeAccepted = types.ToDictionary(t => t, _ => 0);
        foreach (int step in stepNumbers)
        {
            var stepEntries = entriesByStep.GetValueOrDefault(step) ?? [];
            metricsByStep.TryGetValue(step, out var metrics);
            var perType = new Dictionary<string, TypeStep>();
            foreach (var t in types)
            {
                var te = stepEntries.Where(e => e.TaskType == t).ToList();
                cumulativeAccepted[t] += te.Count(e => e.Accepted);
                if (te.Count == 0) continue;
                int v = te.Count(e => e.Verdict == "ok");
                var solve = te.Where(e => e.Verdict == "ok").Select(e => e.SolveRate).OfType<double>().ToList();
                perType[t] = new TypeStep(te.Count, v, Math.Round((double)v / te.Count, 4),
                    te.GroupBy(e => e.Verdict).ToDictionary(g => g.Key, g => g.Count()),
                    solve.Count == 0 ? null : Math.Round(solve.Average(), 4), te.Count(e => e.NovelShape));
            }
            int proposals = stepEntries.Count, valid = stepEntries.Count(e => e.Verdict == "ok");
            var rewards = new SortedDictionary<string, double>(StringComparer.Ordinal);
            if (metrics?.Groups is { } groups)
                foreach (var (key, g) in groups)
                    if (g.RewardMean is { } r) rewards[key] = r;
            var buffers = metrics?.BufferSizes is { } bs
                ? new Dictionary<string, int>(bs)
                : cumulativeAccepted.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value);
            var stepFlags = Count((flagsByStep.GetValueOrDefault(step) ?? []).Select(f => f.Category));
            if (stepFlags.Count == 0 && metrics?.Flags is { Count: > 0 } mf) stepFlags = new Dictionary<string, int>(mf);
            result.Add(new StepSummary(step, perType, proposals, valid, proposals == 0 ? null : Math.Round((double)valid / proposals, 4),
                SolveRate(metrics, stepEntries), rewards, buffers, stepFlags));
        }
        return result;
    }

    // Prefer the trainer's solver statistics (all solve rollouts); fall back to the proposals' learnability estimates.
    private static double? SolveRate(MetricsRecord? metrics, List<TaskEntry> stepEntries)
    {
        var solveGroups = metrics?.Groups?.Where(g => g.Key.EndsWith(".solve", StringComparison.Ordinal) && g.Value.SolveRate is not null && g.Value.Count > 0).ToList();
        if (solveGroups is { Count: > 0 })
            return Math.Round(solveGroups.Sum(g => g.Value.SolveRate!.Value * g.Value.Count) / solveGroups.Sum(g => g.Value.Count), 4);
        var rates = stepEntries.Where(e => e.Verdict == "ok").Select(e => e.SolveRate).OfType<double>().ToList();
        return rates.Count == 0 ? null : Math.Round(rates.Average(), 4);
    }
}
