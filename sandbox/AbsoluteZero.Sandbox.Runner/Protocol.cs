using System.Text.Json;
using System.Text.Json.Serialization;

namespace AbsoluteZero.Sandbox.Runner;

/// <summary>One request line from the host: <c>ping</c>, or <c>run</c> a compiled batch.</summary>
public sealed record RunnerRequest
{
    /// <summary><c>ping</c> or <c>run</c>.</summary>
    public string Op { get; init; } = "run";
    /// <summary>The batch assembly, base64.</summary>
    public string? Assembly { get; init; }
    /// <summary>Entry points to run, in order.</summary>
    public List<RunnerProgram> Programs { get; init; } = [];
    /// <summary>Wall-clock limit per program (soft, through the budget; the hard limit is a multiple of it).</summary>
    public int TimeoutMs { get; init; } = 2000;
    /// <summary>Step budget per program.</summary>
    public long StepBudget { get; init; } = 50_000_000;
    /// <summary>Allocation budget per program, bytes.</summary>
    public long AllocBudget { get; init; } = 128L << 20;
    /// <summary>Maximum characters of a rendered result or captured stdout.</summary>
    public int OutputLimit { get; init; } = 65536;
    /// <summary>Stack size of the program thread, KiB.</summary>
    public int StackKb { get; init; } = 1024;
}

/// <summary>One entry point in a batch.</summary>
/// <param name="Index">The caller's index, echoed in the reply.</param>
/// <param name="Type">Full name of the type holding the entry point.</param>
/// <param name="Method">Entry method: <c>__Run</c> (returns the value of <c>f(input)</c>) or <c>Main</c>.</param>
/// <param name="Main">True for a complete program (capture stdout, exit code from Main).</param>
public sealed record RunnerProgram(int Index, string Type, string Method, bool Main = false);

/// <summary>One reply line: a program's result, or the end of a batch (<see cref="Done"/>).</summary>
public sealed record RunnerReply
{
    /// <summary>The program's index (-1 for the end-of-batch line and pong).</summary>
    public int Index { get; init; } = -1;
    /// <summary>ok, runtime_error, timeout, memory_limit, output_limit or crash.</summary>
    public string? Status { get; init; }
    /// <summary>Canonical rendering of the value (run mode), when ok.</summary>
    public string? Output { get; init; }
    /// <summary>One-line reason when not ok.</summary>
    public string? Error { get; init; }
    /// <summary>Main's exit code (complete programs).</summary>
    public int? ExitCode { get; init; }
    /// <summary>Captured stdout (complete programs), truncated at the output limit.</summary>
    public string? Stdout { get; init; }
    /// <summary>The batch is finished (every program before this line has replied).</summary>
    public bool Done { get; init; }
    /// <summary>The runner is exiting after this line (a program hung); the host restarts it and resends the rest.</summary>
    public bool Exit { get; init; }
    /// <summary>On the end-of-batch line: CPU milliseconds the runner process used for this request (all its threads).</summary>
    public double? CpuMs { get; init; }
}

/// <summary>The JSON conventions of the protocol (camelCase, nulls omitted, one object per line).</summary>
public static class ProtocolJson
{
    /// <summary>Options shared by host and runner.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
