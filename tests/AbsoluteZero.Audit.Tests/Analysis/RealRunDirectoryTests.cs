using AbsoluteZero.Audit.Report;

namespace AbsoluteZero.Audit.Tests.Analysis;

/// <summary>
/// The audit of a real run directory (e.g. one written by `azr selfplay --preset tiny`), pointed to by
/// AZR_AUDIT_RUN_DIR; skipped when unset. Checks the invariants that hold for any run and that the report renders.
/// </summary>
public sealed class RealRunDirectoryTests
{
    [RunDirFact]
    public void AnyRunDirectoryAuditsConsistently()
    {
        var dir = Environment.GetEnvironmentVariable("AZR_AUDIT_RUN_DIR")!;
        var summary = RunDirectoryInvariants.Check(dir);
        var html = HtmlReport.Render(summary);
        Assert.Contains("id=\"overview\"", html);
    }

    private sealed class RunDirFactAttribute : FactAttribute
    {
        public RunDirFactAttribute()
        {
            var dir = Environment.GetEnvironmentVariable("AZR_AUDIT_RUN_DIR");
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
                Skip = "set AZR_AUDIT_RUN_DIR to a run directory (e.g. from `azr selfplay --preset tiny --out <dir>`) to audit it";
        }
    }
}
