using AbsoluteZero.Audit.Analysis;

namespace AbsoluteZero.Audit.Tests.Analysis;

/// <summary>
/// Consistency checks that hold for the audit of any run directory (synthetic or produced by `azr selfplay`), so a
/// test on a real tiny-preset run can call <see cref="Check(string)"/> with its directory.
/// </summary>
internal static class RunDirectoryInvariants
{
    public static AuditSummary Check(string runDir, bool rescan = true)
    {
        var summary = RunAuditor.Analyze(runDir, new AuditOptions(Rescan: rescan));
        Check(summary);
        return summary;
    }

    public static void Check(AuditSummary s)
    {
        Assert.Equal(s.Run.Proposals, s.TaskTypes.Sum(t => t.Proposals));
        Assert.Equal(s.Run.ValidProposals, s.TaskTypes.Sum(t => t.Valid));
        Assert.Equal(s.Run.Proposals, s.Steps.Sum(x => x.Proposals));
        Assert.Equal(s.Run.Proposals, s.Tasks.Count);
        Assert.Equal(s.Flags.Count, s.Run.FlagsByCategory.Values.Sum());
        Assert.True(s.Steps.Select(x => x.Step).SequenceEqual(s.Steps.Select(x => x.Step).Order()), "steps out of order");
        foreach (var t in s.TaskTypes)
        {
            Assert.Equal(t.Proposals, t.Verdicts.Values.Sum());
            Assert.Equal(t.Valid, t.Verdicts.GetValueOrDefault("ok"));
            if (t.ValidRate is { } r) Assert.InRange(r, 0, 1);
            Assert.Equal(t.SolveRate.Count, t.SolveRate.Bins.Sum());
            Assert.Equal(t.Diversity.Programs, t.Diversity.DistinctPrograms + t.Diversity.ExactDuplicates);
            Assert.Equal(t.Diversity.DistinctShapes, t.Diversity.Novelty.Sum(n => n.NewShapes));
            Assert.True(t.Diversity.DistinctShapes <= t.Diversity.DistinctPrograms);
            Assert.True(t.InterestingTaskIds.Count <= 5);
            Assert.All(t.InterestingTaskIds, id => Assert.Contains(s.Tasks, e => e.Id == id && e.Verdict == "ok"));
        }
        foreach (var f in s.Flags)
        {
            Assert.InRange(f.Start, 0, Math.Max(0, f.End));
            if (f.Source == "rescan") Assert.Contains(s.FlaggedRollouts, r => r.Id == f.RolloutId);
        }
    }
}
