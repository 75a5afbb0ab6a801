using System.ComponentModel.DataAnnotations;
using AbsoluteZero.Core.Configuration;

namespace AbsoluteZero.Tasks;

/// <summary>How a deduction answer (a predicted output) is compared with the gold output.</summary>
public enum DeductionGrading
{
    /// <summary>
    /// Run <c>f(input)</c> again in the executor with the prediction as <c>Expected</c>; the executor compares the
    /// structures. Costs one execution per distinct answer, needs nothing beyond <see cref="Execution.IProgramExecutor"/>.
    /// </summary>
    Execution,
    /// <summary>
    /// Compare the predicted literal with the stored gold literal through an <see cref="Grading.ILiteralComparer"/>
    /// (the executor's literal-value API), without running code. Requires a comparer to be supplied.
    /// </summary>
    Literal,
}

/// <summary>
/// The task layer's configuration (the <c>tasks</c> section of the self-play config). Every default follows the
/// Absolute Zero paper (Table 3) or its reference code (LeapLabTHU/Absolute-Zero-Reasoner), as noted per option.
/// </summary>
public sealed record TaskOptions : IValidatableConfig
{
    /// <summary>
    /// Task types that are proposed and solved. Default: all three (paper §3.2). Subsets reproduce the paper's Table 2
    /// ablations ("deduction only", "w/o induction").
    /// </summary>
    public List<TaskType> Types { get; init; } = [TaskType.Deduction, TaskType.Abduction, TaskType.Induction];

    /// <summary>
    /// Batch size per task type per role: proposals generated per type per step, and solver tasks per type per step.
    /// Default 64 (paper Table 3 "64 × 6"; reference scripts <c>train_batch_size=64</c>).
    /// </summary>
    [Range(1, 4096)]
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// K: reference triplets shown in each deduction/abduction proposer prompt, drawn uniformly without replacement
    /// from that type's buffer (fewer when the buffer is smaller). Default 6 (paper Table 3; reference code <c>io_n: 6</c>).
    /// 0 reproduces the "w/o K references" ablation.
    /// </summary>
    [Range(0, 64)]
    public int References { get; init; } = 6;

    /// <summary>
    /// N: inputs an induction proposer must give (exactly this many ```input blocks). Default 10 (reference code
    /// <c>num_inputs: 10</c>; paper Fig. 21).
    /// </summary>
    [Range(2, 64)]
    public int InductionInputs { get; init; } = 10;

    /// <summary>
    /// How many of the <see cref="InductionInputs"/> pairs the induction solver sees; it is graded on the rest, all of
    /// which must match. Default 5 (reference code: first <c>n // 2</c> shown). Must be below <see cref="InductionInputs"/>.
    /// </summary>
    [Range(1, 63)]
    public int InductionShown { get; init; } = 5;

    /// <summary>
    /// Directory whose <c>*.txt</c> files override the built-in prompt templates of the same name (see
    /// <c>tasks/templates/README.md</c>). Default null: the built-in templates (copies of <c>tasks/templates/</c>).
    /// </summary>
    public string? TemplatesDir { get; init; }

    /// <summary>
    /// A JSON seed file in the format of <c>tasks/seed/identity.json</c>. Default null: the built-in identity seed
    /// (paper §3.3.1: a single identity triplet on "Hello World").
    /// </summary>
    public string? SeedFile { get; init; }

    /// <summary>
    /// How deduction answers are graded. Default <c>execution</c> (always available); <c>literal</c> uses the
    /// executor's literal comparison without running code. Both compare structurally, like AZR's
    /// <c>eval(gold) == eval(answer)</c>.
    /// </summary>
    public DeductionGrading DeductionGrading { get; init; } = DeductionGrading.Execution;

    /// <summary>
    /// Validate proposals with the executor's determinism check (two runs in two runner processes must agree). Default
    /// true (paper §3.3.3: j = 2 runs; reference <c>CHECK_DETERMINISM_TEMPLATE</c>). Solver answers are never re-checked.
    /// </summary>
    public bool DeterminismCheck { get; init; } = true;

    /// <summary>Size limits on proposed tasks and solver answers.</summary>
    public TaskLimits Limits { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Types.Count == 0) yield return ("types", "must name at least one task type");
        if (Types.Distinct().Count() != Types.Count) yield return ("types", "must not repeat a task type");
        if (InductionShown >= InductionInputs)
            yield return ("induction_shown", $"must be below induction_inputs ({InductionInputs}) so that some pairs stay hidden");
    }
}

/// <summary>
/// Size limits (characters) on what the proposer writes and the executor returns. AZR has no such limits except the
/// prompt length and silently truncates outputs over 400 characters into unmatchable gold answers (reference
/// <c>batch_apply</c>); we reject oversized tasks instead (verdict <c>too_long</c>).
/// </summary>
public sealed record TaskLimits
{
    /// <summary>Longest program accepted from a proposer or an induction solver. Default 4000 (our choice; a few hundred tokens).</summary>
    [Range(16, 1_000_000)]
    public int MaxProgramChars { get; init; } = 4000;

    /// <summary>Longest input argument list. Default 1000 (our choice).</summary>
    [Range(1, 1_000_000)]
    public int MaxInputChars { get; init; } = 1000;

    /// <summary>Longest canonical output a valid task may have (and longest predicted output graded). Default 1000 (our choice; AZR truncates at 400).</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputChars { get; init; } = 1000;

    /// <summary>Longest induction message. Default 1000 (our choice).</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageChars { get; init; } = 1000;
}
