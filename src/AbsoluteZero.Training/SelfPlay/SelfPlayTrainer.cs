using System.Globalization;
using AbsoluteZero.Execution;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;
using AbsoluteZero.Training.Runs;
using Serilog;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>How a <see cref="SelfPlayTrainer.RunAsync"/> call ended.</summary>
/// <param name="Status">A <see cref="RunStatus"/> value: finished or stopped (failures throw).</param>
/// <param name="LastStep">The last completed step.</param>
/// <param name="Checkpoint">The newest checkpoint directory, if any.</param>
public sealed record SelfPlayOutcome(string Status, int LastStep, string? Checkpoint);

/// <summary>
/// The Absolute Zero self-play loop. A seeding phase first grows every buffer from the seed triplet with proposer
/// rollouts only. Then each step, for every task type: propose (K references; induction: a program from the buffers,
/// N inputs and a message) → validate in the executor → estimate learnability with n solver samples at temperature 1.0
/// → accept valid tasks → solve a batch drawn from the buffer → grade; then rewards, advantages over the six (task type ×
/// role) groups, and one policy update over all of them. Every step is logged to the run directory; checkpoints
/// (model, optimizer, buffers, trainer state) are written every <c>checkpointing.every_steps</c>, at the end, and on
/// cancellation (Ctrl-C), after which the run is <c>stopped</c> and can be resumed exactly.
/// </summary>
public sealed class SelfPlayTrainer
{
    private readonly SelfPlayConfig _config;
    private readonly IPolicy _policy;
    private readonly IProgramExecutor _executor;
    private readonly RunDirectory _run;
    private readonly ILogger _log;
    private readonly IRolloutFlagger? _flagger;
    private int _seedingRounds;                                              // completed seeding rounds
    private Dictionary<TaskType, int> _seedingIds = [];                      // next seeding proposal number per type

    /// <summary>Creates a trainer writing to <paramref name="run"/>; <paramref name="flagger"/> (optional) scans every rollout live.</summary>
    public SelfPlayTrainer(SelfPlayConfig config, IPolicy policy, IProgramExecutor executor, RunDirectory run, ILogger log, IRolloutFlagger? flagger = null)
    {
        _config = config;
        _policy = policy;
        _executor = executor;
        _run = run;
        _log = log;
        _flagger = flagger;
    }

    /// <summary>Raised after each completed step with its metrics line.</summary>
    public event Action<MetricsRecord>? StepCompleted;

    /// <summary>
    /// Runs until <c>steps</c>; with <paramref name="resume"/>, first restores the newest checkpoint (weights, optimizer,
    /// buffers, step). Cancellation stops after the current phase, undoes the unfinished step, saves a checkpoint of
    /// the last completed one and returns status <c>stopped</c>. Any other failure marks the run <c>failed</c> and rethrows.
    /// </summary>
    public async Task<SelfPlayOutcome> RunAsync(bool resume, CancellationToken cancellationToken)
    {
        TorchRuntime.Initialize();
        int step = 0;
        bool seeded = false;
        string? saved = null;
        BufferSet buffers;
        string? checkpoint = resume ? _run.LatestCheckpoint() : null;
        if (checkpoint is not null)
        {
            var state = RunDirectory.ReadTrainerState(checkpoint);
            _policy.LoadCheckpoint(checkpoint);
            buffers = BufferSet.Load(Path.Combine(checkpoint, "buffers"), _config.Buffers);
            (step, seeded, saved) = (state.Step, state.SeedingDone, checkpoint);
            _seedingRounds = state.SeedingRounds;
            _seedingIds = state.SeedingNextIds.ToDictionary(kv => Enum.Parse<TaskType>(kv.Key, ignoreCase: true), kv => kv.Value);
            _run.TruncateLogsAfter(step);
            _log.Information("resumed from {Checkpoint}: step {Step}, buffers {Sizes}", checkpoint, step, Sizes(buffers));
        }
        else
        {
            if (resume)
            {
                _log.Warning("{Run} has no checkpoint yet: starting from the beginning", _run.Root);
                _run.TruncateLogsAfter(-1);
            }
            buffers = BufferSet.CreateSeeded(SeedTasks.Load(_config.Tasks.SeedFile), _config.Buffers);
        }
        var ctx = new SelfPlayContext(_config, _policy, _executor, buffers, _log);
        _run.SetStatus(RunStatus.Running, step, _config.Steps);
        LogStart(step);
        try
        {
            if (!seeded)
            {
                await SeedAsync(ctx, cancellationToken);
                seeded = true;
            }
            while (step < _config.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var before = ctx.Buffers.Clone();
                MetricsRecord metrics;
                try
                {
                    metrics = await StepAsync(ctx, step + 1, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    ctx.Buffers = before;
                    throw;
                }
                step++;
                _run.SetStatus(RunStatus.Running, step);
                // logging.progress = false keeps the per-step line out of the console (it still reaches log.txt at Debug).
                _log.Write(_config.Logging.Progress ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Debug,
                    "{Line}", StepReporting.ProgressLine(metrics, _config.Steps));
                StepCompleted?.Invoke(metrics);
                if (step % _config.Checkpointing.EverySteps == 0 || step == _config.Steps) saved = Save(ctx, step, seeded);
            }
            _run.SetStatus(RunStatus.Finished, step);
            var memory = MemoryUse.Measure();
            _log.Information("finished: {Steps} steps; last checkpoint {Checkpoint}; peak RSS {Rss:F2} GiB{Gpu}", step, saved,
                memory.PeakRssBytes / (double)(1L << 30), memory.GpuBytes is long g ? $", GPU memory held {g / (double)(1L << 30):F2} GiB" : "");
            return new SelfPlayOutcome(RunStatus.Finished, step, saved);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _log.Warning("stopping after step {Step}", step);
            if (saved is null || RunDirectory.ReadTrainerState(saved).Step != step || !seeded) saved = Save(ctx, step, seeded);
            _run.SetStatus(RunStatus.Stopped, step);
            _log.Information("stopped after step {Step}; continue with: azr selfplay --out {Run} --resume", step, _run.Root);
            return new SelfPlayOutcome(RunStatus.Stopped, step, saved);
        }
        catch (Exception e)
        {
            _log.Error(e, "self-play failed at step {Step}", step + 1);
            _run.SetStatus(RunStatus.Failed, step);
            throw;
        }
    }

    private async Task SeedAsync(SelfPlayContext ctx, CancellationToken cancellationToken)
    {
        int target = _config.Buffers.SeedBatchFactor * _config.Tasks.BatchSize;
        int group = 0;
        for (int round = _seedingRounds + 1; ; round++)
        {
            var needed = _config.Tasks.Types.Where(t => ctx.Buffers[t].Count < target).ToList();
            if (needed.Count == 0)
            {
                _log.Information("seeding done after {Rounds} rounds: buffers {Sizes}", round - 1, Sizes(ctx.Buffers));
                return;
            }
            if (round > _config.Buffers.SeedingMaxRounds)
            {
                _log.Warning("seeding stopped after buffers.seeding_max_rounds = {Max} rounds with buffers {Sizes} below the target {Target} for {Types}; training starts anyway",
                    _config.Buffers.SeedingMaxRounds, Sizes(ctx.Buffers), target, string.Join(", ", needed.Select(t => t.ToName())));
                return;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var before = ctx.Buffers.Clone();
            var clock = new StepClock();
            var nextId = new Dictionary<TaskType, int>(_seedingIds);
            List<ProposalOutcome> outcomes;
            try
            {
                outcomes = await new ProposalRound(ctx).RunAsync(0, round, needed, nextId, () => group++, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                ctx.Buffers = before;
                throw;
            }
            var rollouts = outcomes.Select(o => o.Rollout).ToList();
            var flags = Flag(rollouts, 0);
            RunDirectory.Append(_run.ProposalsPath, outcomes.Select(o => StepReporting.Proposal(o, 0, training: false)));
            RunDirectory.Append(_run.RolloutsPath, rollouts.Where(r => r.Flagged).Select(r => StepReporting.Rollout(r, 0, trained: false)));
            RunDirectory.Append(_run.FlagsPath, flags);
            (_seedingRounds, _seedingIds) = (round, nextId);
            var t = clock.Snapshot();
            _log.Information("seeding round {Round}: {Accepted}/{Proposed} proposals accepted, buffers {Sizes} (target {Target}); {Seconds:F1} s ({Generation:F1} generation, {Execution:F1} execution)",
                round, outcomes.Count(o => o.Accepted), outcomes.Count, Sizes(ctx.Buffers), target, t.Total, t.Generation, t.Execution);
        }
    }

    private async Task<MetricsRecord> StepAsync(SelfPlayContext ctx, int step, CancellationToken cancellationToken)
    {
        var clock = new StepClock();
        var types = _config.Tasks.Types;
        int group = 0;
        var proposals = await new ProposalRound(ctx).RunAsync(step, 0, types, new Dictionary<TaskType, int>(), () => group++, clock, cancellationToken);
        var solver = new SolveRound(ctx);
        await solver.ScoreProposalsAsync(step, proposals, clock, cancellationToken);
        var solves = await solver.SolveAsync(step, types, () => group++, clock, cancellationToken);

        var rollouts = proposals.Select(p => p.Rollout).Concat(solves).ToList();
        StepUpdate.ComputeAdvantages(rollouts, _config.Algorithm);
        double lr = StepUpdate.LearningRate(_config.Optimizer, step);
        var update = clock.TimeUpdate(() => StepUpdate.Apply(_policy, rollouts, lr));

        var flags = Flag(rollouts, step);
        var logged = StepReporting.SampleForLog(rollouts, _config.Logging.RolloutsPerGroup, StepSeeds.Random(_config.Seed, step, 0, SeedPhase.RolloutLog));
        var seconds = clock.Snapshot();
        var metrics = new MetricsRecord
        {
            Step = step, TimeUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), Seconds = seconds,
            TokensPerSecond = seconds.Generation > 0 ? clock.GeneratedTokens / seconds.Generation : 0, GeneratedTokens = clock.GeneratedTokens,
            GradNorm = update.GradNorm, LearningRate = lr, Loss = update.Loss, ClipFraction = update.ClipFraction, ApproxKl = update.ApproxKl,
            BufferSizes = StepReporting.BufferSizes(ctx.Buffers), Groups = StepReporting.Groups(types, proposals, solves), Memory = MemoryUse.Measure(),
            Flags = flags.GroupBy(f => f.Category).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        };
        RunDirectory.Append(_run.ProposalsPath, proposals.Select(p => StepReporting.Proposal(p, step, training: true)));
        RunDirectory.Append(_run.RolloutsPath, logged.Select(r => StepReporting.Rollout(r, step, trained: true)));
        RunDirectory.Append(_run.FlagsPath, flags);
        RunDirectory.Append(_run.MetricsPath, [metrics]);
        return metrics;
    }

    private List<FlagRecord> Flag(IReadOnlyList<Rollout> rollouts, int step)
    {
        var records = new List<FlagRecord>();
        if (_flagger is null) return records;
        var scanned = _flagger.ScanBatch([.. rollouts.Select(r => r.Response)]);
        for (int i = 0; i < rollouts.Count; i++)
        {
            var r = rollouts[i];
            foreach (var f in scanned[i])
            {
                r.Flagged = true;
                _log.Warning("flag {Category}/{Severity} ({Rule}) in {Rollout}: {Text}", f.Category, f.Severity, f.Rule, r.Id, f.Text);
                records.Add(new FlagRecord
                {
                    Run = _run.Info.RunId, Step = step, Role = r.Group.Role.ToName(), TaskType = r.Group.Type.ToName(), RolloutId = r.Id,
                    Category = f.Category, Severity = f.Severity, Rule = f.Rule, Span = new FlagSpan(f.Start, f.End, f.Text), Context = f.Context,
                });
            }
        }
        return records;
    }

    private string Save(SelfPlayContext ctx, int step, bool seeded)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var state = new TrainerState
        {
            Step = step, RunId = _run.Info.RunId, Rng = new RngState { MasterSeed = _config.Seed },
            BufferSizes = StepReporting.BufferSizes(ctx.Buffers), SeedingDone = seeded, SeedingRounds = _seedingRounds,
            SeedingNextIds = _seedingIds.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToName(), kv => kv.Value),
            Scheduler = new SchedulerState
            {
                LearningRate = _config.Optimizer.LearningRate, WarmupSteps = _config.Optimizer.WarmupSteps,
                LastLearningRate = step == 0 ? 0 : StepUpdate.LearningRate(_config.Optimizer, step),
            },
            TimeUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        string dir = _run.SaveCheckpoint(step, _policy.SaveCheckpoint, state, ctx.Buffers, _config.Checkpointing.KeepLast);
        _log.Information("checkpoint {Checkpoint} written in {Seconds:F1} s", dir, watch.Elapsed.TotalSeconds);
        return dir;
    }

    private void LogStart(int step)
    {
        _log.Information("self-play run {Run} ({Id}): policy {Policy}; steps {From}..{To}; types {Types}; batch {Batch} per type per role",
            _run.Root, _run.Info.RunId, _policy.Describe(), step + 1, _config.Steps, string.Join(", ", _config.Tasks.Types.Select(t => t.ToName())), _config.Tasks.BatchSize);
        _log.Information("rewards: a valid proposal with solve rate 0 or 1 gets {Degenerate} (rewards.degenerate_proposal = {Option}); advantages {Estimator} with {Whitening} whitening",
            _config.Rewards.DegenerateProposal == Rewards.DegenerateProposalReward.Paper ? 0.0 : _config.Rewards.WrongAnswer,
            _config.Rewards.DegenerateProposal, _config.Algorithm.AdvantageEstimator, _config.Algorithm.Whitening);
    }

    private static string Sizes(BufferSet buffers) => string.Join(" ", StepReporting.BufferSizes(buffers).Select(kv => $"{kv.Key}={kv.Value}"));
}
