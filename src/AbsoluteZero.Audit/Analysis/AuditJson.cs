using System.Text.Json;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>summary.json: the <see cref="AuditSummary"/> with the project's JSON conventions (snake_case, indented).</summary>
public static class AuditJson
{
    /// <summary>The summary as JSON text.</summary>
    public static string Serialize(AuditSummary summary) => JsonSerializer.Serialize(summary, ConfigLoader.JsonOptions);

    /// <summary>Writes the summary atomically.</summary>
    public static void Write(AuditSummary summary, string path) => AtomicFile.WriteAllText(path, Serialize(summary) + "\n");
}
