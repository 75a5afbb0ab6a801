namespace AbsoluteZero.Execution;

/// <summary>The stable snake_case names of <see cref="Verdict"/> used by the runner protocol and <c>azr exec</c>.</summary>
public static class Verdicts
{
    private static readonly Dictionary<string, Verdict> ByName = Enum.GetValues<Verdict>().ToDictionary(Name);

    /// <summary><c>ok</c>, <c>compile_error</c>, <c>policy_violation</c>, ...</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.CompileError => "compile_error",
        Verdict.PolicyViolation => "policy_violation",
        Verdict.InvalidInput => "invalid_input",
        Verdict.RuntimeError => "runtime_error",
        Verdict.Timeout => "timeout",
        Verdict.MemoryLimit => "memory_limit",
        Verdict.OutputLimit => "output_limit",
        Verdict.Crash => "crash",
        Verdict.Nondeterministic => "nondeterministic",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    /// <summary>The verdict named <paramref name="name"/>; unknown names (a confused runner) count as a crash.</summary>
    public static Verdict Parse(string? name) => name is not null && ByName.TryGetValue(name, out var v) ? v : Verdict.Crash;
}
