namespace AbsoluteZero.Training.Runs;

/// <summary>
/// <c>trainer_state.json</c> in a checkpoint: what, besides weights, optimizer state and buffers, a resumed run needs
/// to continue exactly. Every random draw of a step is seeded from (master seed, step, phase) — see
/// <see cref="SelfPlay.StepSeeds"/> — so the generator state to restore is the master seed and the step.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The last completed step.</summary>
    public int Step { get; init; }
    /// <summary>Run id.</summary>
    public string RunId { get; init; } = "";
    /// <summary>RNG state: the master seed and the derivation scheme of every per-step generator.</summary>
    public RngState Rng { get; init; } = new();
    /// <summary>Buffer sizes at this step.</summary>
    public IReadOnlyDictionary<string, int> BufferSizes { get; init; } = new Dictionary<string, int>();
    /// <summary>Learning-rate schedule state.</summary>
    public SchedulerState Scheduler { get; init; } = new();
    /// <summary>Whether the seeding phase had finished (always true for step ≥ 1).</summary>
    public bool SeedingDone { get; init; }
    /// <summary>Seeding rounds completed (a run stopped during seeding continues with the next round).</summary>
    public int SeedingRounds { get; init; }
    /// <summary>Next seeding proposal number per task type (keeps proposal ids unique across a resume).</summary>
    public IReadOnlyDictionary<string, int> SeedingNextIds { get; init; } = new Dictionary<string, int>();
    /// <summary>When the checkpoint was written.</summary>
    public string TimeUtc { get; init; } = "";
}

/// <summary>Random state of the trainer.</summary>
public sealed record RngState
{
    /// <summary>Master seed.</summary>
    public long MasterSeed { get; init; }
    /// <summary>How per-step seeds are derived (documentation for readers; the code is <see cref="SelfPlay.StepSeeds"/>).</summary>
    public string Scheme { get; init; } = SelfPlay.StepSeeds.Scheme;
}

/// <summary>Learning-rate schedule: constant after a linear warm-up.</summary>
public sealed record SchedulerState
{
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; }
    /// <summary>Warm-up length in self-play steps.</summary>
    public int WarmupSteps { get; init; }
    /// <summary>Learning rate of the last update.</summary>
    public double LastLearningRate { get; init; }
}
