namespace AbsoluteZero.Execution;

/// <summary>The outcome of validating and running one program on one input.</summary>
public enum Verdict
{
    /// <summary>Compiled, passed the policy, ran within limits (and was deterministic when checked).</summary>
    Ok,
    /// <summary>The program does not compile (or has no suitable entry method <c>f</c>).</summary>
    CompileError,
    /// <summary>The program uses a forbidden API or construct (see sandbox/README.md).</summary>
    PolicyViolation,
    /// <summary>The input is not an argument list of the literal subset, or does not fit <c>f</c>'s parameters.</summary>
    InvalidInput,
    /// <summary>The program threw; the reason holds the exception type and message.</summary>
    RuntimeError,
    /// <summary>The program exceeded its step budget or wall-clock limit.</summary>
    Timeout,
    /// <summary>The program exceeded its memory limit.</summary>
    MemoryLimit,
    /// <summary>The output was too large or not representable in the literal subset.</summary>
    OutputLimit,
    /// <summary>The runner process died (e.g. stack overflow) while running this program.</summary>
    Crash,
    /// <summary>Two runs in two different runner processes gave different outputs.</summary>
    Nondeterministic,
}

/// <summary>One program to run: <c>f(Input)</c>, optionally compared with <see cref="Expected"/>.</summary>
/// <param name="Id">Caller's identifier, echoed in the result.</param>
/// <param name="Program">C# member declarations; the entry point is the method named <c>f</c>.</param>
/// <param name="Input">A C# argument list of literal-like expressions, e.g. <c>1, "a", new[] { 2, 3 }</c>.</param>
/// <param name="Expected">Optional C# literal expression compared structurally with the actual output.</param>
public sealed record ExecutionRequest(string Id, string Program, string Input, string? Expected = null);

/// <summary>The result for one <see cref="ExecutionRequest"/>.</summary>
/// <param name="Id">The request's identifier.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Output">The canonical C# expression of the returned value when <see cref="Status"/> is Ok, else null.</param>
/// <param name="Match">Whether the output equals <c>Expected</c> structurally; null when no expectation was given or the run failed.</param>
/// <param name="Error">A one-line reason for any verdict other than Ok (and for an unparsable expectation).</param>
public sealed record ExecutionResult(string Id, Verdict Status, string? Output, bool? Match, string? Error);

/// <summary>Runs batches of programs. Implementations are thread-safe and reusable; dispose to stop runner processes.</summary>
public interface IProgramExecutor : IAsyncDisposable
{
    /// <summary>
    /// Validates and runs every request; results come back in request order, one per request, never throwing for a
    /// bad program (only for cancellation or a broken executor).
    /// </summary>
    Task<IReadOnlyList<ExecutionResult>> ExecuteAsync(IReadOnlyList<ExecutionRequest> requests, bool determinismCheck = true,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// A complete C# program (a class with <c>static void Main</c> or <c>static int Main</c>) to compile and run, e.g. a
/// benchmark's test harness wrapped around a model's solution.
/// </summary>
/// <param name="Id">Caller's identifier, echoed in the result.</param>
/// <param name="Source">Model-written source: checked by the static policy.</param>
/// <param name="TrustedSources">Harness code compiled into the same program but exempt from the policy (e.g. a structural comparer).</param>
public sealed record CompleteProgramRequest(string Id, string Source, IReadOnlyList<string>? TrustedSources = null);

/// <summary>The result of one <see cref="CompleteProgramRequest"/>.</summary>
/// <param name="Id">The request's identifier.</param>
/// <param name="Status">Ok when <c>Main</c> returned normally with exit code 0; RuntimeError for an exception (e.g. a failed assertion) or a non-zero exit code.</param>
/// <param name="ExitCode">The exit code when <c>Main</c> returned, else null.</param>
/// <param name="Stdout">What the program printed (truncated at the output cap).</param>
/// <param name="Error">A one-line reason for any status other than Ok.</param>
public sealed record CompleteProgramResult(string Id, Verdict Status, int? ExitCode, string Stdout, string? Error);

/// <summary>Runs whole programs with the same sandbox as <see cref="IProgramExecutor"/>.</summary>
public interface ICompleteProgramRunner
{
    /// <summary>Compiles and runs each program (no determinism check); results in request order.</summary>
    Task<IReadOnlyList<CompleteProgramResult>> RunCompleteProgramsAsync(IReadOnlyList<CompleteProgramRequest> requests,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
