using AbsoluteZero.Execution;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Grading;

/// <summary>How a solver response fared; maps to the solver reward (1 / −0.5 / −1 by default, paper Eq. 6).</summary>
public enum SolveOutcome
{
    /// <summary>Well-formed and correct.</summary>
    Correct,
    /// <summary>Well-formed but wrong (including answers that do not compile, do not parse as literals, or are too long).</summary>
    Wrong,
    /// <summary>The response is malformed (a <see cref="FormatError"/>).</summary>
    Malformed,
}

/// <summary>One solver response to grade.</summary>
/// <param name="Id">Caller's id (e.g. the rollout id), echoed in the result.</param>
/// <param name="Type">The task type.</param>
/// <param name="Task">The task that was posed.</param>
/// <param name="Answer">The parsed response (<see cref="ResponseParser.ParseSolution"/>).</param>
public sealed record SolveAttempt(string Id, TaskType Type, CodeTask Task, ParseResult<string> Answer);

/// <summary>The grade of one <see cref="SolveAttempt"/>.</summary>
/// <param name="Id">The attempt id.</param>
/// <param name="Outcome">Correct, wrong or malformed.</param>
/// <param name="Reason">Why it is not correct (format error, executor error, mismatch), else null.</param>
public sealed record GradeResult(string Id, SolveOutcome Outcome, string? Reason);

/// <summary>
/// Structural comparison of two C# literal expressions without running code: the executor's literal-value API,
/// adapted to this interface. Used for deduction when <see cref="DeductionGrading.Literal"/> is configured.
/// </summary>
public interface ILiteralComparer
{
    /// <summary>True/false when both parse as literals of the subset; null when <paramref name="actual"/> does not parse.</summary>
    bool? StructurallyEqual(string expected, string actual);
}

/// <summary>
/// Grades solver answers (reference code <c>CodeIORewardManager</c>):
/// <list type="bullet">
/// <item>deduction — the predicted output equals the gold output structurally: by running <c>f(input)</c> with the
/// prediction as <c>Expected</c>, or through an <see cref="ILiteralComparer"/> (<see cref="TaskOptions.DeductionGrading"/>);</item>
/// <item>abduction — running the task's program on the predicted input gives the gold output (any such input counts);</item>
/// <item>induction — the predicted program reproduces <em>every</em> hidden pair (binary, as <c>code_f_reward_type=binary</c>).</item>
/// </list>
/// Identical executions within a call (e.g. the n learnability samples giving the same answer) run once, like the
/// reference code's answer cache. No determinism check is asked for: the gold side was already checked.
/// </summary>
public sealed class SolutionGrader
{
    private readonly IProgramExecutor _executor;
    private readonly TaskOptions _options;
    private readonly ILiteralComparer? _literals;

    /// <summary>Creates a grader; <paramref name="literals"/> is required when deduction grading is <see cref="DeductionGrading.Literal"/>.</summary>
    public SolutionGrader(IProgramExecutor executor, TaskOptions options, ILiteralComparer? literals = null)
    {
        if (options.DeductionGrading == DeductionGrading.Literal && literals is null)
            throw new ArgumentException("deduction grading 'literal' needs an ILiteralComparer", nameof(literals));
        _executor = executor;
        _options = options;
        _literals = literals;
    }

    /// <summary>Grades a batch with one executor call; results come back in attempt order.</summary>
    public async Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<SolveAttempt> attempts, CancellationToken cancellationToken = default)
    {
        var grades = new GradeResult?[attempts.Count];
        var requests = new List<ExecutionRequest>();
        var requestIndex = new Dictionary<(string, string, string), int>();
        var needs = new List<(int Attempt, int[] Requests)>();

        int Request(string program, string input, string expected)
        {
            var key = (program, input, expected);
            if (!requestIndex.TryGetValue(key, out int r))
            {
                r = requests.Count;
                requestIndex[key] = r;
                requests.Add(new ExecutionRequest("g" + r, program, input, expected));
            }
            return r;
        }

        var limits = _options.Limits;
        for (int a = 0; a < attempts.Count; a++)
        {
            var (id, type, task, answer) = attempts[a];
            if (!answer.IsOk)
            {
                grades[a] = new GradeResult(id, SolveOutcome.Malformed, answer.Failure!.ToString());
                continue;
            }
            string text = answer.Value!;
            switch (type)
            {
                case TaskType.Deduction when text.Length > limits.MaxOutputChars:
                    grades[a] = Wrong(id, $"predicted output has {text.Length} characters (limit {limits.MaxOutputChars})");
                    break;
                case TaskType.Deduction when _options.DeductionGrading == DeductionGrading.Literal:
                    grades[a] = _literals!.StructurallyEqual(task.Output, text) switch
                    {
                        true => new GradeResult(id, SolveOutcome.Correct, null),
                        false => Wrong(id, "the predicted output differs from the gold output"),
                        null => Wrong(id, "the predicted output is not a literal of the subset"),
                    };
                    break;
                case TaskType.Deduction:
                    needs.Add((a, [Request(task.Program, task.Input, text)]));
                    break;
                case TaskType.Abduction when text.Length > limits.MaxInputChars:
                    grades[a] = Wrong(id, $"predicted input has {text.Length} characters (limit {limits.MaxInputChars})");
                    break;
                case TaskType.Abduction:
                    needs.Add((a, [Request(task.Program, text, task.Output)]));
                    break;
                case TaskType.Induction when text.Length > limits.MaxProgramChars:
                    grades[a] = Wrong(id, $"program has {text.Length} characters (limit {limits.MaxProgramChars})");
                    break;
                case TaskType.Induction:
                    var hidden = task.SplitForInduction(_options.InductionShown, _options.InductionInputs).Hidden;
                    needs.Add((a, [.. hidden.Select(h => Request(text, h.Input, h.Output))]));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(attempts), type, "unknown task type");
            }
        }

        var results = requests.Count == 0 ? [] : await _executor.ExecuteAsync(requests, determinismCheck: false, cancellationToken);
        if (results.Count != requests.Count)
            throw new InvalidOperationException($"the executor returned {results.Count} results for {requests.Count} requests");

        foreach (var (a, rs) in needs)
        {
            string id = attempts[a].Id;
            grades[a] = new GradeResult(id, SolveOutcome.Correct, null);
            for (int k = 0; k < rs.Length; k++)
            {
                var r = results[rs[k]];
                if (r.Match == true) continue;
                string where = rs.Length > 1 ? $"hidden pair {k + 1}: " : "";
                string why = r.Status != Verdict.Ok ? $"{ProposalVerdicts.FromExecutor(r.Status).ToName()}: {r.Error}" : r.Error ?? $"got {r.Output}";
                grades[a] = Wrong(id, where + why);
                break;
            }
        }
        return grades!;
    }

    private static GradeResult Wrong(string id, string reason) => new(id, SolveOutcome.Wrong, reason);
}
