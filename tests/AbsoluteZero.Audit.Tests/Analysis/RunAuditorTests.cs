using AbsoluteZero.Audit.Analysis;
using AbsoluteZero.Audit.Flagging;

namespace AbsoluteZero.Audit.Tests.Analysis;

public sealed class RunAuditorTests : IDisposable
{
    private readonly string _dir = SyntheticRun.Write(Path.Combine(Path.GetTempPath(), "azr-audit-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CountsMatchTheSyntheticRun()
    {
        var s = RunAuditor.Analyze(_dir);
        RunDirectoryInvariants.Check(s);
        Assert.Equal("synthetic01", s.Run.RunId);
        Assert.Equal(12, s.Run.Proposals);
        Assert.Equal(8, s.Run.ValidProposals);
        Assert.Equal(7, s.Run.Accepted);    // the exact duplicate was valid but not accepted
        Assert.Equal(3, s.Run.StepsLogged); // the torn 4th metrics line is skipped
        Assert.Equal(3, s.Run.Rollouts);

        var ded = s.TaskTypes.Single(t => t.TaskType == "deduction");
        Assert.Equal(6, ded.Proposals);
        Assert.Equal(4, ded.Valid);
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 4, ["compile_error"] = 1, ["format_error"] = 1 }, ded.Verdicts);
        Assert.Equal(1, ded.Diversity.ExactDuplicates);   // s2-deduction-0 repeats s1-deduction-0
        Assert.Equal(1, ded.Diversity.NearDuplicates);    // x * 2 vs y * 3: same shape
        Assert.Equal(2, ded.Diversity.DistinctShapes);
        Assert.Equal(3, ded.Diversity.DistinctPrograms);
        Assert.Equal(4, ded.BufferSize);                  // last metrics line (the buffers/ file has 5)
        Assert.Equal([0, 1, 2, 0, 0, 1], ded.SolveRate.Bins);
        Assert.Equal([1, 0, 2, 1, 0, 0], ded.Learnability.Bins);
        Assert.DoesNotContain("s2-deduction-0", ded.InterestingTaskIds);

        var abd = s.TaskTypes.Single(t => t.TaskType == "abduction");
        Assert.Equal(3, abd.Proposals);
        Assert.Equal(2, abd.Valid);
        Assert.Equal(1, abd.Verdicts["policy_violation"]);
        Assert.Equal(5, abd.Complexity.CyclomaticMax);
        Assert.Equal(3, abd.Complexity.NestingMax);
        Assert.Contains(abd.Complexity.TopApis, a => a.Api == "Math.Max");

        var ind = s.TaskTypes.Single(t => t.TaskType == "induction");
        Assert.Equal(3, ind.Proposals);
        Assert.Equal(1, ind.Verdicts["duplicate"]);
    }

    [Fact]
    public void StepsCarryProposalsMetricsAndBuffers()
    {
        var s = RunAuditor.Analyze(_dir);
        Assert.Equal([1, 2, 3], s.Steps.Select(x => x.Step));
        var step1 = s.Steps[0];
        Assert.Equal(6, step1.Proposals);
        Assert.Equal(4, step1.Valid);
        Assert.Equal(0.25, step1.SolveRate);
        Assert.Equal(0.5, step1.RewardMeans["deduction.propose"]);
        Assert.Equal(2, step1.BufferSizes["deduction"]);
        Assert.Equal(1, step1.Types["deduction"].NewShapes); // x * 2 and y * 3 share a shape
        var ded = s.TaskTypes.Single(t => t.TaskType == "deduction");
        Assert.Equal([1, 2, 3], ded.Diversity.Novelty.Select(n => n.Step));
        Assert.Equal([1, 0, 1], ded.Diversity.Novelty.Select(n => n.NewShapes));
    }

    [Fact]
    public void FlagsComeFromTheLiveFileVerdictsAndRescan()
    {
        var live = RunAuditor.Analyze(_dir);
        Assert.Equal(2, live.Flags.Count);
        Assert.Contains(live.Flags, f => f.Source == "live" && f.Category == FlagCategories.PowerSeeking && f.TaskId == "s2-abduction-0");
        Assert.Contains(live.Flags, f => f.Source == "verdict" && f.Category == FlagCategories.SandboxEscape && f.TaskId == "s1-abduction-1" && f.Severity == "high");
        Assert.Single(live.FlaggedRollouts);

        var rescanned = RunAuditor.Analyze(_dir, new AuditOptions(Rescan: true));
        Assert.True(rescanned.Run.Rescanned);
        Assert.Contains(rescanned.Flags, f => f.Source == "rescan" && f.Category == FlagCategories.RewardHacking && f.RolloutId == "s3-deduction-solve-1");
        Assert.Contains(rescanned.Flags, f => f.Source == "rescan" && f.Category == FlagCategories.Hostility);
        Assert.Equal(2, rescanned.FlaggedRollouts.Count);
        Assert.True(rescanned.Run.FlagsByCategory[FlagCategories.RewardHacking] >= 1);
    }

    [Fact]
    public void BadLineInTheMiddleNamesFileAndLine()
    {
        var path = Path.Combine(_dir, "proposals.jsonl");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(1, "{\"id\": \"broken\", \"step\": \"x\"}");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InvalidDataException>(() => RunAuditor.Analyze(_dir));
        Assert.Contains("proposals.jsonl", e.Message);
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void MissingRequiredFieldIsNamed()
    {
        File.AppendAllText(Path.Combine(_dir, "flags.jsonl"), "{\"step\": 3, \"severity\": \"high\"}\n");
        var e = Assert.Throws<InvalidDataException>(() => RunAuditor.Analyze(_dir));
        Assert.Contains("flags.jsonl: line 2", e.Message);
    }

    [Fact]
    public void NotARunDirectoryIsReported()
    {
        var empty = Directory.CreateTempSubdirectory("azr-empty-").FullName;
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => RunAuditor.Analyze(empty));
            Assert.Contains("not a run directory", e.Message);
        }
        finally { Directory.Delete(empty); }
        Assert.Throws<DirectoryNotFoundException>(() => RunAuditor.Analyze(Path.Combine(_dir, "nope")));
    }
}
