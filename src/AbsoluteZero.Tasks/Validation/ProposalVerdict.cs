using AbsoluteZero.Execution;

namespace AbsoluteZero.Tasks.Validation;

/// <summary>
/// The verdict on one proposal, as written to <c>proposals.jsonl</c> (<c>verdict</c>, snake_case). <see cref="Ok"/> and
/// <see cref="Duplicate"/> are valid tasks; everything else is invalid and never enters a buffer.
/// </summary>
public enum ProposalVerdict
{
    /// <summary>Valid and new: enters the buffer.</summary>
    Ok,
    /// <summary>Valid, but the same task (normalised program and inputs) is already in the buffer or earlier in the batch: not added again.</summary>
    Duplicate,
    /// <summary>The response is malformed (see the parse failure for which <see cref="Parsing.FormatError"/>).</summary>
    FormatError,
    /// <summary>Program, an input, an output or the message exceeds <see cref="TaskLimits"/>.</summary>
    TooLong,
    /// <summary>Executor: does not compile, or has no suitable entry method <c>f</c>.</summary>
    CompileError,
    /// <summary>Executor: uses a forbidden API or construct.</summary>
    PolicyViolation,
    /// <summary>Executor: an input is not an argument list of the literal subset fitting <c>f</c>.</summary>
    InvalidInput,
    /// <summary>Executor: the program threw.</summary>
    RuntimeError,
    /// <summary>Executor: exceeded its step budget or time limit.</summary>
    Timeout,
    /// <summary>Executor: exceeded its memory limit.</summary>
    MemoryLimit,
    /// <summary>Executor: the output was too large or not representable in the literal subset.</summary>
    OutputLimit,
    /// <summary>Executor: the runner process died.</summary>
    Crash,
    /// <summary>Executor: two runs gave different outputs.</summary>
    Nondeterministic,
}

/// <summary>Conversions between executor verdicts and proposal verdicts.</summary>
public static class ProposalVerdicts
{
    /// <summary>True for verdicts that denote a valid task (<see cref="ProposalVerdict.Ok"/>, <see cref="ProposalVerdict.Duplicate"/>).</summary>
    public static bool IsValid(this ProposalVerdict verdict) => verdict is ProposalVerdict.Ok or ProposalVerdict.Duplicate;

    /// <summary>The proposal verdict for a failed execution.</summary>
    public static ProposalVerdict FromExecutor(Verdict verdict) => verdict switch
    {
        Verdict.Ok => ProposalVerdict.Ok,
        Verdict.CompileError => ProposalVerdict.CompileError,
        Verdict.PolicyViolation => ProposalVerdict.PolicyViolation,
        Verdict.InvalidInput => ProposalVerdict.InvalidInput,
        Verdict.RuntimeError => ProposalVerdict.RuntimeError,
        Verdict.Timeout => ProposalVerdict.Timeout,
        Verdict.MemoryLimit => ProposalVerdict.MemoryLimit,
        Verdict.OutputLimit => ProposalVerdict.OutputLimit,
        Verdict.Crash => ProposalVerdict.Crash,
        Verdict.Nondeterministic => ProposalVerdict.Nondeterministic,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The run-directory spelling, e.g. <c>compile_error</c>.</summary>
    public static string ToName(this ProposalVerdict verdict) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(verdict.ToString());
}
