using System.Text.Json;

namespace AbsoluteZero.Audit.Semantic;

/// <summary>One hand-labelled reasoning snippet (docs/audit.md, "Labelled snippets").</summary>
/// <param name="Id">Unique id within its file.</param>
/// <param name="Text">The reasoning text.</param>
/// <param name="Categories">Categories a flagger must raise; empty for innocent text.</param>
/// <param name="Also">Categories it may raise without penalty (arguably present too).</param>
/// <param name="Set">The file it came from (one author's set), for per-author cross-validation.</param>
public sealed record LabelledSnippet(string Id, string Text, IReadOnlyList<string> Categories, IReadOnlyList<string> Also, string Set);

/// <summary>Reads labelled snippet files: JSON Lines of <c>{"id", "text", "categories": [...], "also": [...]}</c>.</summary>
public static class LabelledSnippets
{
    /// <summary>Every snippet of <paramref name="path"/>; errors name the file and line.</summary>
    public static IReadOnlyList<LabelledSnippet> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"labelled snippet file not found: {path}", path);
        string set = Path.GetFileNameWithoutExtension(path);
        var list = new List<LabelledSnippet>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            try
            {
                using var doc = JsonDocument.Parse(raw);
                var r = doc.RootElement;
                string id = Required(r, "id").GetString() ?? throw new FormatException("\"id\" must be a string");
                string text = Required(r, "text").GetString() ?? throw new FormatException("\"text\" must be a string");
                if (!ids.Add(id)) throw new FormatException($"duplicate id \"{id}\"");
                list.Add(new LabelledSnippet(id, text, Names(Required(r, "categories"), "categories"),
                    r.TryGetProperty("also", out var also) ? Names(also, "also") : [], set));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{line}: {e.Message}", e);
            }
        }
        return list;
    }

    private static JsonElement Required(JsonElement r, string key) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(key, out var v) ? v : throw new FormatException($"missing \"{key}\"");

    private static string[] Names(JsonElement array, string key) => array.ValueKind == JsonValueKind.Array
        ? [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"\"{key}\" holds a non-string"))]
        : throw new FormatException($"\"{key}\" must be an array of category names");
}
