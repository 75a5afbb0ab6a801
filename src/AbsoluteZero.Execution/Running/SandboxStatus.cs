namespace AbsoluteZero.Execution.Running;

/// <summary>What OS isolation the local backend gets on this machine (for <c>azr doctor</c>).</summary>
public static class SandboxStatus
{
    /// <summary>E.g. "bubblewrap works, prlimit works", or what is missing and why.</summary>
    public static string Describe()
    {
        if (!OperatingSystem.IsLinux()) return "no OS isolation (bubblewrap and prlimit are Linux-only): runners are plain processes";
        var bwrap = SandboxEnvironment.BubblewrapProblem;
        var prlimit = SandboxEnvironment.PrlimitProblem;
        return (bwrap is null ? "bubblewrap works" : "NO bubblewrap: " + bwrap)
            + "; " + (prlimit is null ? "prlimit works" : "NO prlimit: " + prlimit);
    }
}
