using AbsoluteZero.Audit.Runs;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>Per-proposal measures and the per-type aggregates built from them.</summary>
internal static class TaskTypeStats
{
    public const int InterestingPerType = 5;

    /// <summary>AZR's proposer reward: 1 − solve rate when the task is neither always nor never solved, else 0.</summary>
    public static double? Learnability(double? solveRate) => solveRate is { } s ? (s > 0 && s < 1 ? 1 - s : 0) : null;

    public static bool IsValid(ProposalRecord p) => p.Verdict == "ok";

    /// <summary>Builds task entries in file order, tracking exact duplicates and first appearances of shapes per type.</summary>
    public static List<TaskEntry> Entries(IReadOnlyList<ProposalRecord> proposals)
    {
        var cache = new Dictionary<string, ProgramMetrics>(StringComparer.Ordinal);
        var firstExact = new Dictionary<(string, string), string>();
        var seenShapes = new HashSet<(string, string)>();
        var entries = new List<TaskEntry>(proposals.Count);
        foreach (var p in proposals.OrderBy(p => p.Step))
        {
            ProgramMetrics? metrics = null;
            bool novel = false;
            string? duplicateOf = null;
            if (p.Program is { Length: > 0 } program)
            {
                if (!cache.TryGetValue(program, out metrics)) cache[program] = metrics = ProgramAnalysis.Analyze(program);
                if (IsValid(p))
                {
                    novel = seenShapes.Add((p.TaskType, metrics.Shape));
                    if (firstExact.TryGetValue((p.TaskType, metrics.Exact), out var first)) duplicateOf = first;
                    else firstExact[(p.TaskType, metrics.Exact)] = p.Id;
                }
            }
            double? learn = Learnability(p.SolveRate);
            double interest = IsValid(p) && metrics is not null
                ? (learn ?? 0) + (novel ? 0.5 : 0) + Math.Min(metrics.Cyclomatic, 10) * 0.03 + Math.Min(metrics.Apis.Count, 10) * 0.02 - (duplicateOf is null ? 0 : 1)
                : 0;
            entries.Add(new TaskEntry(p.Id, p.Step, p.TaskType, p.Verdict, p.Reason, p.Accepted, p.SolveRate, learn, p.Reward, p.Program,
                p.Inputs ?? [], p.Outputs ?? [], p.Message, p.RolloutId, metrics, novel, duplicateOf, Math.Round(interest, 4)));
        }
        return entries;
    }

    public static TaskTypeSummary Summarise(string type, IReadOnlyList<TaskEntry> all, int? bufferSize)
    {
        var entries = all.Where(e => e.TaskType == type).ToList();
        var valid = entries.Where(e => e.Verdict == "ok").ToList();
        var verdicts = entries.GroupBy(e => e.Verdict).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var withProgram = valid.Where(e => e.Metrics is not null).ToList();
        var interesting = withProgram.Where(e => e.DuplicateOf is null).OrderByDescending(e => e.Interest).ThenBy(e => e.Step)
            .DistinctBy(e => e.Metrics!.Shape).Take(InterestingPerType).Select(e => e.Id).ToList();
        return new TaskTypeSummary(type, entries.Count, valid.Count, entries.Count(e => e.Accepted),
            entries.Count == 0 ? null : (double)valid.Count / entries.Count, verdicts,
            Histogram(valid.Select(e => e.SolveRate)), Histogram(valid.Select(e => e.Learnability)),
            Complexity(withProgram), Diversity(withProgram), bufferSize, interesting);
    }

    public static Distribution Histogram(IEnumerable<double?> values)
    {
        var bins = new int[6];
        var list = values.OfType<double>().ToList();
        foreach (var v in list)
            bins[v <= 0 ? 0 : v >= 1 ? 5 : v <= 0.25 ? 1 : v <= 0.5 ? 2 : v <= 0.75 ? 3 : 4]++;
        return new Distribution(list.Count, list.Count == 0 ? null : Math.Round(list.Average(), 4), bins);
    }

    private static ComplexityStats Complexity(List<TaskEntry> programs)
    {
        if (programs.Count == 0) return new ComplexityStats(0, 0, 0, 0, 0, 0, 0, 0, []);
        var m = programs.Select(e => e.Metrics!).ToList();
        var apis = m.SelectMany(x => x.Apis).GroupBy(a => a, StringComparer.Ordinal)
            .Select(g => new ApiCount(g.Key, g.Count())).OrderByDescending(a => a.Programs).ThenBy(a => a.Api, StringComparer.Ordinal).ToList();
        return new ComplexityStats(m.Count, Math.Round(m.Average(x => x.Lines), 2), m.Max(x => x.Lines),
            Math.Round(m.Average(x => x.Cyclomatic), 2), m.Max(x => x.Cyclomatic), Math.Round(m.Average(x => x.NestingDepth), 2),
            m.Max(x => x.NestingDepth), apis.Count, [.. apis.Take(15)]);
    }

    private static DiversityStats Diversity(List<TaskEntry> programs)
    {
        int distinct = programs.Select(e => e.Metrics!.Exact).Distinct().Count();
        int shapes = programs.Select(e => e.Metrics!.Shape).Distinct().Count();
        int exactDup = programs.Count(e => e.DuplicateOf is not null);
        int nearDup = programs.Count(e => e.DuplicateOf is null && !e.NovelShape);
        var novelty = programs.GroupBy(e => e.Step).OrderBy(g => g.Key).Select(g =>
        {
            int n = g.Count(), fresh = g.Count(e => e.NovelShape);
            return new NoveltyPoint(g.Key, n, fresh, Math.Round((double)fresh / n, 4));
        }).ToList();
        return new DiversityStats(programs.Count, distinct, exactDup, shapes, nearDup, novelty);
    }
}
