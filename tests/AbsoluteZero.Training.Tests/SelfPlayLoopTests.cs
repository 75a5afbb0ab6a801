using System.Text.Json.Nodes;
using AbsoluteZero.Tasks.Tests;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Runs;
using AbsoluteZero.Training.SelfPlay;
using Serilog;

namespace AbsoluteZero.Training.Tests;

/// <summary>The self-play loop and run directory with a scripted policy and the in-test executor.</summary>
public sealed class SelfPlayLoopTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-selfplay-loop-").FullName;
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SelfPlayConfig Config(int steps, params string[] overrides) =>
        SelfPlayConfigLoader.Load("tiny", null, [$"steps={steps}", "buffers.seeding_max_rounds=3", .. overrides]);

    private static async Task<SelfPlayOutcome> Run(string dir, SelfPlayConfig config, FakePolicy policy, bool resume = false, CancellationToken ct = default)
    {
        var run = resume ? RunDirectory.Open(dir) : RunDirectory.Create(dir, config, "fake", "test");
        var trainer = new SelfPlayTrainer(config, policy, FakeExecutor.Standard(), run, Log);
        return await trainer.RunAsync(resume, ct);
    }

    private static List<JsonObject> Lines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];

    [Fact]
    public async Task TwoStepsWriteACompleteRunDirectory()
    {
        var policy = new FakePolicy();
        var outcome = await Run(_dir, Config(2), policy);

        Assert.Equal(RunStatus.Finished, outcome.Status);
        Assert.Equal(2, outcome.LastStep);
        Assert.Equal(2, policy.Updates);
        var run = RunDirectory.Open(_dir);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(2, run.Info.LastStep);
        Assert.True(File.Exists(run.ConfigPath));

        var metrics = Lines(run.MetricsPath);
        Assert.Equal([1, 2], metrics.Select(m => (int)m["step"]!));
        var groups = metrics[0]["groups"]!.AsObject();
        Assert.Equal(["deduction.propose", "deduction.solve", "abduction.propose", "abduction.solve", "induction.propose", "induction.solve"],
            groups.Select(g => g.Key));
        Assert.All(groups, g => Assert.Equal(2, (int)g.Value!["count"]!));
        Assert.NotNull(groups["deduction.propose"]!["valid_rate"]);
        Assert.NotNull(groups["deduction.propose"]!["verdicts"]);
        Assert.NotNull(groups["induction.solve"]!["solve_rate"]);
        Assert.Null(groups["induction.solve"]!["kl_mean"]);
        foreach (var key in new[] { "generation", "execution", "update", "other", "total" }) Assert.NotNull(metrics[0]["seconds"]![key]);
        Assert.True((double)metrics[0]["tokens_per_second"]! > 0);

        var proposals = Lines(run.ProposalsPath);
        Assert.Contains(proposals, p => (int)p["step"]! == 0);                 // the seeding phase
        Assert.Equal(6, proposals.Count(p => (int)p["step"]! == 1));            // 2 per type
        Assert.Contains(proposals, p => (string)p["verdict"]! == "ok" && (bool)p["accepted"]!);
        Assert.Contains(proposals, p => (string)p["verdict"]! != "ok" && !(bool)p["accepted"]!);
        Assert.All(Lines(run.RolloutsPath), r => Assert.StartsWith("<think>", (string)r["response"]!));

        Assert.Equal("step-000002", File.ReadAllText(run.LatestPath).Trim());
        Assert.Equal(["step-000001", "step-000002"], run.ListCheckpoints());
        var ckpt = Path.Combine(run.CheckpointsDir, "step-000002");
        foreach (var f in new[] { "trainer_state.json", "fake_policy.json", "buffers/deduction.jsonl", "buffers/induction.jsonl" })
            Assert.True(File.Exists(Path.Combine(ckpt, f)), f);
        Assert.Equal(2, RunDirectory.ReadTrainerState(ckpt).Step);
        Assert.Equal(File.ReadAllText(Path.Combine(ckpt, "buffers/abduction.jsonl")), File.ReadAllText(Path.Combine(run.BuffersDir, "abduction.jsonl")));

        // The audit layer reads the directory back (it ignores the keys this writer adds).
        var read = AbsoluteZero.Audit.Runs.RunData.Load(_dir);
        Assert.Equal(2, read.Metrics.Count);
        Assert.Equal(proposals.Count, read.Proposals.Count);
    }

    [Fact]
    public async Task OneUpdatePerStepCoversAllSixGroupsWithTaskRelativeAdvantages()
    {
        var policy = new FakePolicy();
        await Run(_dir, Config(1), policy);
        var batch = Assert.Single(policy.Batches);
        Assert.InRange(batch.Count, 1, 12);
        // TRR++ whitens within each group: every group's token-weighted advantages sum to about zero.
        var rollouts = Lines(Path.Combine(_dir, "rollouts.jsonl"));
        Assert.All(rollouts, r => Assert.NotNull(r["advantage"]));
    }

    [Fact]
    public async Task AResumedRunReproducesTheUninterruptedOne()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var straight = new FakePolicy();
        await Run(a, Config(3), straight);

        var first = new FakePolicy();
        await Run(b, Config(1), first);
        var resumed = new FakePolicy();
        var outcome = await Run(b, Config(3), resumed, resume: true);

        Assert.Equal(3, outcome.LastStep);
        Assert.Equal(straight.Weight, resumed.Weight);
        Assert.Equal(3, resumed.Updates);
        static IEnumerable<string> Stable(string path, params string[] volatileKeys) => Lines(path).Select(o =>
        {
            foreach (var k in volatileKeys) o.Remove(k);
            return o.ToJsonString();
        });
        Assert.Equal(Stable(Path.Combine(a, "metrics.jsonl"), "time_utc", "seconds", "tokens_per_second", "memory"),
            Stable(Path.Combine(b, "metrics.jsonl"), "time_utc", "seconds", "tokens_per_second", "memory"));
        Assert.Equal(Stable(Path.Combine(a, "proposals.jsonl")), Stable(Path.Combine(b, "proposals.jsonl")));
        Assert.Equal(Stable(Path.Combine(a, "rollouts.jsonl")), Stable(Path.Combine(b, "rollouts.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(a, "buffers", "deduction.jsonl")), File.ReadAllText(Path.Combine(b, "buffers", "deduction.jsonl")));
    }

    [Fact]
    public async Task CancellingMidStepUndoesItSavesTheLastStepAndCanBeResumed()
    {
        using var cts = new CancellationTokenSource();
        // Cancel at the second sampling call of step 2 (after its proposals were validated and accepted).
        int callsAfterStep1 = -1;
        var policy = new FakePolicy { OnGenerate = _ => { if (callsAfterStep1 >= 0 && ++callsAfterStep1 == 2) cts.Cancel(); } };
        var config = Config(3, "checkpointing.every_steps=10");
        var trainer = new SelfPlayTrainer(config, policy, FakeExecutor.Standard(), RunDirectory.Create(_dir, config, "fake", "test"), Log);
        trainer.StepCompleted += m => { if (m.Step == 1) callsAfterStep1 = 0; };
        var outcome = await trainer.RunAsync(false, cts.Token);

        Assert.Equal(RunStatus.Stopped, outcome.Status);
        Assert.Equal(1, outcome.LastStep);
        var run = RunDirectory.Open(_dir);
        Assert.Equal(RunStatus.Stopped, run.Info.Status);
        Assert.Equal("step-000001", File.ReadAllText(run.LatestPath).Trim());
        Assert.Single(Lines(run.MetricsPath));
        Assert.DoesNotContain(Lines(run.ProposalsPath), p => (int)p["step"]! == 2);

        var straight = new FakePolicy();
        await Run(Path.Combine(_dir, "straight"), Config(3, "checkpointing.every_steps=10"), straight);
        var resumed = new FakePolicy();
        var done = await Run(_dir, Config(3, "checkpointing.every_steps=10"), resumed, resume: true);
        Assert.Equal(RunStatus.Finished, done.Status);
        Assert.Equal(straight.Weight, resumed.Weight);
    }

    [Fact]
    public async Task SeedingGivesUpAfterItsRoundLimitWhenNothingIsValid()
    {
        var policy = new FakePolicy { Garbage = true };
        var outcome = await Run(_dir, Config(1, "buffers.seeding_max_rounds=2"), policy);
        Assert.Equal(RunStatus.Finished, outcome.Status);
        var seeding = Lines(Path.Combine(_dir, "proposals.jsonl")).Where(p => (int)p["step"]! == 0).ToList();
        Assert.Equal(2 * 6, seeding.Count);                                     // 2 rounds × 3 types × batch 2
        Assert.All(seeding, p => Assert.Equal("format_error", (string)p["verdict"]!));
        var metrics = Assert.Single(Lines(Path.Combine(_dir, "metrics.jsonl")));
        Assert.Equal(-1.0, (double)metrics["groups"]!["deduction.propose"]!["reward_mean"]!);
        Assert.Equal(1, (int)metrics["buffer_sizes"]!["deduction"]!);
    }

    [Fact]
    public async Task ARunStoppedDuringSeedingContinuesWithTheNextRound()
    {
        using var cts = new CancellationTokenSource();
        var config = Config(1, "buffers.seeding_max_rounds=3");
        var stopped = await Run(_dir, config, new FakePolicy { Garbage = true, OnGenerate = n => { if (n == 2) cts.Cancel(); } }, ct: cts.Token);
        Assert.Equal(RunStatus.Stopped, stopped.Status);
        Assert.Equal(0, stopped.LastStep);
        var state = RunDirectory.ReadTrainerState(Path.Combine(_dir, "checkpoints", "step-000000"));
        Assert.Equal(1, state.SeedingRounds);
        Assert.False(state.SeedingDone);

        await Run(_dir, config, new FakePolicy { Garbage = true }, resume: true);
        await Run(Path.Combine(_dir, "straight"), config, new FakePolicy { Garbage = true });
        static List<string> Ids(string dir) => [.. Lines(Path.Combine(dir, "proposals.jsonl")).Select(p => (string)p["id"]!)];
        Assert.Equal(Ids(Path.Combine(_dir, "straight")), Ids(_dir));
        Assert.Equal(Ids(_dir).Count, Ids(_dir).Distinct().Count());
    }

    private sealed class ThinkFlagger : IRolloutFlagger
    {
        public IReadOnlyList<LiveFlag> Scan(string text)
        {
            int i = text.IndexOf("Let me think", StringComparison.Ordinal);
            return i < 0 ? [] : [new LiveFlag("test.think", "reward_hacking", "low", i, i + 12, "Let me think", text)];
        }
    }

    [Fact]
    public async Task FlaggedRolloutsAreAlwaysLoggedAndCountedPerStep()
    {
        var config = Config(1, "logging.rollouts_per_group=0");
        var run = RunDirectory.Create(_dir, config, "fake", "test");
        await new SelfPlayTrainer(config, new FakePolicy(), FakeExecutor.Standard(), run, Log, new ThinkFlagger()).RunAsync(false, CancellationToken.None);

        var flags = Lines(run.FlagsPath);
        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.Equal(run.Info.RunId, (string)f["run"]!));
        var rollouts = Lines(run.RolloutsPath);
        Assert.All(rollouts, r => Assert.True((bool)r["flagged"]!));
        var trainedFlags = flags.Where(f => (int)f["step"]! == 1).ToList();
        Assert.Equal(trainedFlags.Select(f => (string)f["rollout_id"]!).Distinct().Order(), rollouts.Where(r => (int)r["step"]! == 1).Select(r => (string)r["id"]!).Order());
        var metrics = Assert.Single(Lines(run.MetricsPath));
        Assert.Equal(trainedFlags.Count, (int)metrics["flags"]!["reward_hacking"]!);
    }

    [Fact]
    public void TheAuditFlaggerFlagsAPowerSeekingThought() =>
        Assert.NotEmpty(AuditRolloutFlagger.Default().Scan("<think>The aim is to outsmart all these groups of intelligent machines and less intelligent humans.</think>"));

    [Fact]
    public void AnExistingRunIsNotOverwritten()
    {
        RunDirectory.Create(_dir, Config(1), "fake", "test");
        var e = Assert.Throws<InvalidDataException>(() => RunDirectory.Create(_dir, Config(1), "fake", "test"));
        Assert.Contains("--resume", e.Message);
    }
}
