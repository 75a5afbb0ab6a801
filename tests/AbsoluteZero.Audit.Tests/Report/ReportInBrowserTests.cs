using AbsoluteZero.Audit.Analysis;
using AbsoluteZero.Audit.Report;
using AbsoluteZero.Audit.Tests.Analysis;

namespace AbsoluteZero.Audit.Tests.Report;

/// <summary>
/// Opens the report of the synthetic run in headless Chromium: the rendered DOM must hold the overview, the charts
/// (SVG) and a flag with its highlighted span, and the filter script must have run. The report and a screenshot are
/// kept under artifacts/audit-report/ for people to look at.
/// </summary>
public sealed class ReportInBrowserTests : IDisposable
{
    private readonly string _dir = SyntheticRun.Write(Path.Combine(Path.GetTempPath(), "azr-audit-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ChromiumFact]
    public void RenderedReportShowsOverviewChartAndFlag()
    {
        string chromium = Chromium.Find()!;
        string outDir = Path.Combine(RepoRoot(), "artifacts", "audit-report");
        Directory.CreateDirectory(outDir);
        string html = Path.Combine(outDir, "synthetic-report.html");
        string png = Path.Combine(outDir, "synthetic-report.png");
        ReportWriter.WriteHtml(RunAuditor.Analyze(_dir, new AuditOptions(Rescan: true)), html);
        string url = new Uri(html).AbsoluteUri;

        string dom = Chromium.Run(chromium, url, "--dump-dom");
        Assert.Contains("id=\"overview\"", dom);
        Assert.Contains("12</div><div class=\"k\">proposals", dom);
        Assert.Matches("id=\"chart-valid\"><svg[^>]*>.*<polyline", dom);
        Assert.Matches("class=\"flag\" id=\"flag-0\"", dom);
        Assert.Contains("<mark", dom);
        Assert.Contains("outsmart", dom);
        Assert.Contains("href=\"#rollout-0\"", dom);
        Assert.Contains("12 shown", dom);                     // the filter script ran
        Assert.DoesNotContain("<script>alert(1)</script>", dom);

        if (File.Exists(png)) File.Delete(png);
        Chromium.Run(chromium, url, $"--screenshot={png}", "--window-size=1280,1600");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AbsoluteZero.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
