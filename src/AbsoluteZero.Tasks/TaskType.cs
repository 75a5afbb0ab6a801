namespace AbsoluteZero.Tasks;

/// <summary>
/// The three reasoning modes of Absolute Zero (paper §3.2). Each is a view of a triplet (program <c>p</c>, input
/// <c>i</c>, output <c>o = p(i)</c>) with one part hidden from the solver.
/// </summary>
public enum TaskType
{
    /// <summary>Given <c>p</c> and <c>i</c>, predict <c>o</c> (AZR code key <c>code_o</c>).</summary>
    Deduction,
    /// <summary>Given <c>p</c> and <c>o</c>, find any <c>i'</c> with <c>p(i') = o</c> (AZR code key <c>code_i</c>).</summary>
    Abduction,
    /// <summary>Given some (input, output) pairs and a message, write a program that also reproduces the hidden pairs (AZR code key <c>code_f</c>).</summary>
    Induction,
}

/// <summary>The two roles the single policy plays.</summary>
public enum Role
{
    /// <summary>Invents a task (paper: proposer, reward = learnability).</summary>
    Propose,
    /// <summary>Answers a task (paper: solver, reward = correctness).</summary>
    Solve,
}

/// <summary>
/// One of the six (task type × role) groups. Task-Relative REINFORCE++ keeps one baseline per group; metrics are keyed
/// by <see cref="Key"/> (<c>deduction.propose</c>, …) in <c>metrics.jsonl</c>.
/// </summary>
/// <param name="Type">The task type.</param>
/// <param name="Role">The role.</param>
public readonly record struct TaskGroup(TaskType Type, Role Role)
{
    /// <summary>All six groups in a fixed order (type-major: deduction.propose, deduction.solve, abduction.propose, …).</summary>
    public static IReadOnlyList<TaskGroup> All { get; } =
        [.. Enum.GetValues<TaskType>().SelectMany(t => Enum.GetValues<Role>().Select(r => new TaskGroup(t, r)))];

    /// <summary>A dense index 0..5 in the order of <see cref="All"/> (used as the grouping id for advantage whitening).</summary>
    public int Index => (int)Type * 2 + (int)Role;

    /// <summary>The snake_case key used in the run directory, e.g. <c>induction.solve</c>.</summary>
    public string Key => $"{Type.ToName()}.{Role.ToName()}";

    /// <inheritdoc />
    public override string ToString() => Key;
}

/// <summary>Run-directory spellings of the enums (snake_case, as in every JSON file).</summary>
public static class TaskNames
{
    /// <summary><c>deduction</c>, <c>abduction</c> or <c>induction</c>.</summary>
    public static string ToName(this TaskType type) => type switch
    {
        TaskType.Deduction => "deduction",
        TaskType.Abduction => "abduction",
        TaskType.Induction => "induction",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary><c>propose</c> or <c>solve</c>.</summary>
    public static string ToName(this Role role) => role switch
    {
        Role.Propose => "propose",
        Role.Solve => "solve",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
