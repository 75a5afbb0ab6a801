using System.Text.Json;
using AbsoluteZero.Audit.Analysis;
using AbsoluteZero.Audit.Report;
using AbsoluteZero.Audit.Tests.Analysis;

namespace AbsoluteZero.Audit.Tests.Report;

public sealed class HtmlReportTests : IDisposable
{
    private readonly string _dir = SyntheticRun.Write(Path.Combine(Path.GetTempPath(), "azr-audit-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReportHasEverySectionAndEscapesRunText()
    {
        var html = HtmlReport.Render(RunAuditor.Analyze(_dir, new AuditOptions(Rescan: true)));
        foreach (var id in new[] { "overview", "charts", "chart-valid", "chart-solve", "chart-reward", "chart-buffers", "chart-flags", "tasks", "task-table", "flags", "flag-0", "rollouts", "rollout-0" })
            Assert.Contains($"id=\"{id}\"", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<mark", html);
        Assert.Contains("href=\"#rollout-0\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.Equal(1, CountOf(html, "<script>"));
    }

    [Fact]
    public void HighlightMergesOverlapsAndEscapes()
    {
        var s = HtmlReport.Highlight("a <b> c d", [(2, 5, "x"), (4, 7, "y"), (50, 60, "z")]);
        Assert.Equal("a <mark title=\"x, y\">&lt;b&gt; c</mark> d", s);
    }

    [Fact]
    public void SummaryJsonRoundTripsWithSnakeCase()
    {
        var path = Path.Combine(_dir, "summary.json");
        AuditJson.Write(RunAuditor.Analyze(_dir), path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(12, doc.RootElement.GetProperty("run").GetProperty("proposals").GetInt32());
        Assert.True(doc.RootElement.GetProperty("task_types")[0].TryGetProperty("interesting_task_ids", out _));
    }

    private static int CountOf(string s, string sub)
    {
        int n = 0;
        for (int i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
