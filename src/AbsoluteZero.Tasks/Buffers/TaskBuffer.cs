using System.Text;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Tasks.Randomness;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Buffers;

/// <summary>What <see cref="TaskBuffer.Add"/> did.</summary>
public enum BufferAddResult
{
    /// <summary>The task was added (possibly evicting the oldest entry).</summary>
    Added,
    /// <summary>An entry with the same normalised program and inputs is already there: nothing changed.</summary>
    Duplicate,
    /// <summary>The buffer is full and its policy is <see cref="BufferOverflow.RejectNew"/>: nothing changed.</summary>
    Full,
}

/// <summary>
/// The validated tasks of one task type, oldest first, deduplicated by normalised program + inputs
/// (<see cref="CSharpText"/>), capped at <see cref="BufferOptions.Capacity"/>. Only validated proposals should be added.
/// Not thread-safe.
/// </summary>
public sealed class TaskBuffer
{
    private readonly List<CodeTask> _entries = [];
    private readonly Dictionary<string, CodeTask> _byKey = new(StringComparer.Ordinal);
    private readonly BufferOptions _options;

    /// <summary>Creates a buffer holding <paramref name="entries"/> (in order; duplicates and overflow handled as by <see cref="Add"/>).</summary>
    public TaskBuffer(TaskType type, BufferOptions options, IEnumerable<CodeTask>? entries = null)
    {
        Type = type;
        _options = options;
        foreach (var e in entries ?? []) Add(e);
    }

    /// <summary>The task type this buffer holds.</summary>
    public TaskType Type { get; }

    /// <summary>Number of tasks.</summary>
    public int Count => _entries.Count;

    /// <summary>The tasks, oldest first.</summary>
    public IReadOnlyList<CodeTask> Entries => _entries;

    /// <summary>An independent copy (same options and entries), e.g. to roll a step back when it is cancelled.</summary>
    public TaskBuffer Clone() => new(Type, _options, _entries);

    /// <summary>The deduplication key: normalised program and inputs.</summary>
    public static string KeyOf(string program, IReadOnlyList<string> inputs)
    {
        var sb = new StringBuilder(CSharpText.Normalize(program));
        foreach (var input in inputs) sb.Append('\u241E').Append(CSharpText.Normalize(input));
        return sb.ToString();
    }

    /// <summary>The entry with the same normalised program and inputs, or null.</summary>
    public CodeTask? FindDuplicate(string program, IReadOnlyList<string> inputs) =>
        _byKey.GetValueOrDefault(KeyOf(program, inputs));

    /// <summary>Adds a validated task unless it is a duplicate; at the cap, evicts or refuses per <see cref="BufferOptions.Overflow"/>.</summary>
    public BufferAddResult Add(CodeTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string key = KeyOf(task.Program, task.Inputs);
        if (_byKey.ContainsKey(key)) return BufferAddResult.Duplicate;
        if (_entries.Count >= _options.Capacity)
        {
            int victim = _options.Overflow == BufferOverflow.EvictOldest ? _entries.FindIndex(e => e.Id != SeedTasks.SeedId) : -1;
            if (victim < 0) return BufferAddResult.Full;
            _byKey.Remove(KeyOf(_entries[victim].Program, _entries[victim].Inputs));
            _entries.RemoveAt(victim);
        }
        _entries.Add(task);
        _byKey[key] = task;
        return BufferAddResult.Added;
    }

    /// <summary>
    /// K reference tasks for a proposer prompt, drawn uniformly without replacement (all of them, shuffled, when the
    /// buffer holds fewer than <paramref name="k"/>). Reference code: <c>numpy.random.choice(..., replace=False)</c>.
    /// </summary>
    public IReadOnlyList<CodeTask> SampleReferences(int k, DeterministicRandom rng) =>
        [.. rng.SampleWithoutReplacement(_entries.Count, k).Select(i => _entries[i])];

    /// <summary>
    /// The solver batch for step <paramref name="currentStep"/>: first the tasks added in the last
    /// <see cref="BufferOptions.NewTaskWindow"/> steps (a uniform subset if there are more than
    /// <paramref name="batchSize"/>), then tasks drawn uniformly without replacement from the rest of the buffer, and
    /// only if the buffer is smaller than the batch, uniform draws with replacement. Reference code:
    /// <c>pred_data_mix_strategy: max_new</c> (it fills from the whole buffer, with repeats).
    /// </summary>
    public IReadOnlyList<CodeTask> AssembleSolverBatch(int batchSize, int currentStep, DeterministicRandom rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (_entries.Count == 0) throw new InvalidOperationException($"the {Type.ToName()} buffer is empty");
        int firstNewStep = currentStep - _options.NewTaskWindow + 1;
        var recent = _entries.Where(e => e.Step >= firstNewStep && e.Step <= currentStep).ToList();
        var rest = _entries.Where(e => !(e.Step >= firstNewStep && e.Step <= currentStep)).ToList();
        var batch = new List<CodeTask>(batchSize);
        batch.AddRange(rng.SampleWithoutReplacement(recent.Count, batchSize).Select(i => recent[i]));
        batch.AddRange(rng.SampleWithoutReplacement(rest.Count, batchSize - batch.Count).Select(i => rest[i]));
        while (batch.Count < batchSize) batch.Add(_entries[rng.NextInt(_entries.Count)]);
        return batch;
    }

    /// <summary>Writes the buffer as JSONL (one task per line, oldest first), atomically replacing <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var sb = new StringBuilder();
        foreach (var e in _entries) sb.Append(JsonLines.Serialize(e)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>
    /// Reads a buffer written by <see cref="Save"/>. Malformed lines, tasks with the wrong number of inputs/outputs for
    /// <paramref name="type"/>, and repeated tasks raise <see cref="InvalidDataException"/> naming the file and line.
    /// </summary>
    public static TaskBuffer Load(string path, TaskType type, BufferOptions options)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"buffer file '{path}' does not exist", path);
        var buffer = new TaskBuffer(type, options);
        int line = 0;
        foreach (var task in JsonLines.Read<CodeTask>(path, skipIncompleteLastLine: false))
        {
            line++;
            string? problem = Check(task, type);
            if (problem is not null) throw new InvalidDataException($"{path}: task {line} ('{task.Id}'): {problem}");
            if (buffer.Add(task) == BufferAddResult.Duplicate)
                throw new InvalidDataException($"{path}: task {line} ('{task.Id}') repeats an earlier task");
        }
        return buffer;
    }

    private static string? Check(CodeTask t, TaskType type)
    {
        if (string.IsNullOrEmpty(t.Id)) return "no id";
        if (string.IsNullOrWhiteSpace(t.Program)) return "no program";
        if (t.Inputs.Count != t.Outputs.Count) return $"{t.Inputs.Count} inputs but {t.Outputs.Count} outputs";
        if (type == TaskType.Induction)
        {
            if (t.Inputs.Count < 2) return "an induction task needs at least 2 input/output pairs";
            if (t.Message is null) return "an induction task needs a message";
        }
        else if (t.Inputs.Count != 1) return $"a {type.ToName()} task has exactly one input, not {t.Inputs.Count}";
        return null;
    }
}
