using AbsoluteZero.Execution.Running;

namespace AbsoluteZero.Execution.Tests;

/// <summary>A fact that runs only where bubblewrap works (scripts/setup.d/40-sandbox.sh installs it); otherwise skipped with the reason.</summary>
public sealed class BubblewrapFactAttribute : FactAttribute
{
    public BubblewrapFactAttribute()
    {
        var status = SandboxStatus.Describe();
        if (!status.StartsWith("bubblewrap works", StringComparison.Ordinal)) Skip = "bubblewrap unavailable: " + status;
    }
}
