using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Tasks.Buffers;

/// <summary>What a full buffer does with a new task.</summary>
public enum BufferOverflow
{
    /// <summary>
    /// Evict the oldest entry (never the seed) to make room: the buffer keeps the seed and the newest tasks. Our
    /// default, so that a long run keeps learning from what its proposer currently writes.
    /// </summary>
    EvictOldest,
    /// <summary>
    /// Refuse the new task: the buffer keeps the oldest tasks. This is what the reference code does
    /// (<c>truncate_datasets</c> keeps <c>[:max_programs]</c>); choose it to reproduce AZR exactly.
    /// </summary>
    RejectNew,
}

/// <summary>Task buffer settings (the <c>buffers</c> section of the self-play config).</summary>
public sealed record BufferOptions
{
    /// <summary>Most tasks one buffer holds. Default 16384 (paper Table 3; reference <c>max_programs=16384</c>).</summary>
    [Range(1, 10_000_000)]
    public int Capacity { get; init; } = 16384;

    /// <summary>
    /// Which entries survive at the cap. Default <c>evict_oldest</c> (keep the seed and the newest tasks; our choice);
    /// <c>reject_new</c> keeps the oldest, as the reference code does.
    /// </summary>
    public BufferOverflow Overflow { get; init; } = BufferOverflow.EvictOldest;

    /// <summary>
    /// Solver batches put the tasks added in the last this-many steps first, then fill uniformly from the rest of the
    /// buffer. Default 1 (reference <c>pred_data_mix_strategy: max_new</c>, <c>past_epoch_window=1</c>).
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewTaskWindow { get; init; } = 1;

    /// <summary>
    /// Seeding phase: before step 1, proposals are generated (no updates) until every buffer holds this factor × the
    /// batch size. Default 4 (paper Table 3 "seed batch factor 4", |D_seed| = 64×4 = 256). 0 skips seeding.
    /// </summary>
    [Range(0, 1024)]
    public int SeedBatchFactor { get; init; } = 4;

    /// <summary>
    /// Most proposer rounds (one batch per task type each) the seeding phase runs before training starts anyway, with
    /// a warning. A model that writes no valid task (e.g. a random one) would otherwise never finish seeding.
    /// Default 100 (ours; the reference code loops until the buffers are full).
    /// </summary>
    [Range(1, 1_000_000)]
    public int SeedingMaxRounds { get; init; } = 100;
}
