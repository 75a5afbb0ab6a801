using AbsoluteZero.Audit.Analysis;
using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Audit.Report;

/// <summary>Writes the HTML report atomically.</summary>
public static class ReportWriter
{
    /// <summary>Renders <paramref name="summary"/> to <paramref name="path"/>.</summary>
    public static void WriteHtml(AuditSummary summary, string path) => AtomicFile.WriteAllText(path, HtmlReport.Render(summary));
}
