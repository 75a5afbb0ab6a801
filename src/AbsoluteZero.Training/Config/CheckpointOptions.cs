using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Config;

/// <summary>Checkpoints in the run directory (the <c>checkpointing</c> section; layout in docs/run-directory.md).</summary>
public sealed record CheckpointOptions
{
    /// <summary>Save a checkpoint every this many steps (and always at the end and on Ctrl-C). Default 10 (reference <c>save_freq=10</c>).</summary>
    [Range(1, 1_000_000)]
    public int EverySteps { get; init; } = 10;

    /// <summary>Keep the newest this-many checkpoints. Default 2 (our choice; the reference code keeps 1).</summary>
    [Range(1, 1000)]
    public int KeepLast { get; init; } = 2;
}
