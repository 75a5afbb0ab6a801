using AbsoluteZero.Tasks.Randomness;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Buffers;

/// <summary>
/// One <see cref="TaskBuffer"/> per task type, persisted as <c>buffers/&lt;task_type&gt;.jsonl</c> in the run directory
/// (see docs/run-directory.md). New sets start from the seed: the identity triplet in the deduction and abduction
/// buffers, the identity induction task in the induction buffer (id <c>seed</c>, step 0).
/// </summary>
public sealed class BufferSet
{
    private readonly Dictionary<TaskType, TaskBuffer> _buffers;

    private BufferSet(Dictionary<TaskType, TaskBuffer> buffers) => _buffers = buffers;

    /// <summary>A fresh set holding only the seed tasks.</summary>
    public static BufferSet CreateSeeded(SeedTasks seed, BufferOptions options) => new(new()
    {
        [TaskType.Deduction] = new TaskBuffer(TaskType.Deduction, options, [seed.Triplet]),
        [TaskType.Abduction] = new TaskBuffer(TaskType.Abduction, options, [seed.Triplet]),
        [TaskType.Induction] = new TaskBuffer(TaskType.Induction, options, [seed.Induction]),
    });

    /// <summary>An independent copy of every buffer (the trainer keeps one to undo a cancelled step's additions).</summary>
    public BufferSet Clone() => new(_buffers.ToDictionary(kv => kv.Key, kv => kv.Value.Clone()));

    /// <summary>The buffer of <paramref name="type"/>.</summary>
    public TaskBuffer this[TaskType type] => _buffers[type];

    /// <summary>Sizes by type (for <c>metrics.jsonl</c> <c>buffer_sizes</c>).</summary>
    public IReadOnlyDictionary<TaskType, int> Sizes => _buffers.ToDictionary(kv => kv.Key, kv => kv.Value.Count);

    /// <summary>
    /// The program an induction proposer is shown: a task drawn uniformly from the union of the deduction and
    /// abduction buffers (reference code <c>DatasetManager.get_snippets</c> over the input and output buffers).
    /// </summary>
    public CodeTask SampleInductionSource(DeterministicRandom rng)
    {
        var d = _buffers[TaskType.Deduction].Entries;
        var a = _buffers[TaskType.Abduction].Entries;
        int i = rng.NextInt(d.Count + a.Count);
        return i < d.Count ? d[i] : a[i - d.Count];
    }

    /// <summary>
    /// Adds a validated proposal to its type's buffer: only <see cref="ProposalVerdict.Ok"/> proposals are added, so
    /// invalid proposals and duplicates never enter. Returns whether it was added (the <c>accepted</c> field of
    /// <c>proposals.jsonl</c>); false also when a full <see cref="BufferOverflow.RejectNew"/> buffer refuses it.
    /// </summary>
    public bool Accept(ProposalCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Verdict == ProposalVerdict.Ok && _buffers[check.Type].Add(check.Task!) == BufferAddResult.Added;
    }

    /// <summary>The file of one buffer inside <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, TaskType type) => Path.Combine(directory, type.ToName() + ".jsonl");

    /// <summary>Writes every buffer to <paramref name="directory"/> (each file atomically).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (type, buffer) in _buffers) buffer.Save(PathOf(directory, type));
    }

    /// <summary>Reads the three buffers written by <see cref="Save"/>; a missing or malformed file is an error naming it.</summary>
    public static BufferSet Load(string directory, BufferOptions options) =>
        new(Enum.GetValues<TaskType>().ToDictionary(t => t, t => TaskBuffer.Load(PathOf(directory, t), t, options)));
}
