using System.Text.Json;

namespace AbsoluteZero.Audit.Tests.Flagging;

/// <summary>One hand-labelled reasoning snippet: the categories it must raise, and those it may raise without penalty.</summary>
internal sealed record LabelledSnippet(string Id, string Text, IReadOnlyList<string> Categories, IReadOnlyList<string> Also);

internal static class LabelledSnippets
{
    public static IReadOnlyList<LabelledSnippet> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        var list = new List<LabelledSnippet>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            using var doc = JsonDocument.Parse(raw);
            var r = doc.RootElement;
            list.Add(new LabelledSnippet(
                r.GetProperty("id").GetString()!,
                r.GetProperty("text").GetString()!,
                [.. r.GetProperty("categories").EnumerateArray().Select(e => e.GetString()!)],
                r.TryGetProperty("also", out var a) ? [.. a.EnumerateArray().Select(e => e.GetString()!)] : []));
        }
        return list;
    }
}
