using System.Text.Json;
using System.Text.Json.Nodes;

namespace AbsoluteZero.Audit.Flagging;

/// <summary>
/// The `azr audit flag` contract: reads JSON Lines of <c>{"id", "text"}</c> and writes one JSON line per input line,
/// <c>{"id", "flagged", "categories": [...], "spans": [{"start", "end", "text", "category", "severity", "rule"}]}</c>.
/// A malformed line yields <c>{"id": id-or-null, "line": n, "error": "..."}</c> and the stream continues.
/// </summary>
public static class FlagStream
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Lines scanned together: the classifier embeds a whole batch at once.</summary>
    public const int BatchLines = 64;

    /// <summary>Processes every line of <paramref name="input"/>; returns (items flagged, items clean, error lines).</summary>
    public static (int Flagged, int Clean, int Errors) Process(ITextFlagger flagger, TextReader input, TextWriter output)
    {
        int flagged = 0, clean = 0, errors = 0, lineNumber = 0;
        var batch = new List<(int Line, string Text)>();
        void Flush()
        {
            foreach (var result in ProcessLines(flagger, batch))
            {
                output.WriteLine(result.ToJsonString(Compact));
                if (result["error"] is not null) errors++;
                else if (result["flagged"]!.GetValue<bool>()) flagged++;
                else clean++;
            }
            output.Flush();
            batch.Clear();
        }
        for (string? line = input.ReadLine(); line is not null; line = input.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            batch.Add((lineNumber, line));
            if (batch.Count == BatchLines) Flush();
        }
        Flush();
        return (flagged, clean, errors);
    }

    /// <summary>The output object for one input line.</summary>
    public static JsonObject ProcessLine(ITextFlagger flagger, string line, int lineNumber) => ProcessLines(flagger, [(lineNumber, line)])[0];

    /// <summary>The output objects for several input lines, in order; the valid ones are scanned as one batch.</summary>
    public static IReadOnlyList<JsonObject> ProcessLines(ITextFlagger flagger, IReadOnlyList<(int Line, string Text)> lines)
    {
        var results = new JsonObject?[lines.Count];
        var parsed = new List<(int Index, JsonNode Id, string Text)>();
        for (int i = 0; i < lines.Count; i++)
        {
            var (item, error) = Parse(lines[i].Text, lines[i].Line);
            if (error is not null) results[i] = error;
            else parsed.Add((i, item!.Value.Id, item.Value.Text));
        }
        var scanned = flagger.ScanBatch([.. parsed.Select(p => p.Text)]);
        for (int k = 0; k < parsed.Count; k++)
        {
            var flags = scanned[k];
            var spans = new JsonArray();
            foreach (var f in flags)
                spans.Add(new JsonObject
                {
                    ["start"] = f.Start, ["end"] = f.End, ["text"] = f.Text,
                    ["category"] = f.Category, ["severity"] = f.Severity, ["rule"] = f.Rule,
                });
            var categories = new JsonArray([.. flags.Select(f => f.Category).Distinct().Select(c => (JsonNode?)JsonValue.Create(c))]);
            results[parsed[k].Index] = new JsonObject { ["id"] = parsed[k].Id, ["flagged"] = flags.Count > 0, ["categories"] = categories, ["spans"] = spans };
        }
        return [.. results.Select(r => r!)];
    }

    private static ((JsonNode Id, string Text)? Item, JsonObject? Error) Parse(string line, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, Error(null, lineNumber, $"not valid JSON: {e.Message}"));
        }
        if (node is not JsonObject obj) return (null, Error(null, lineNumber, "expected a JSON object {\"id\", \"text\"}"));
        JsonNode? id = obj["id"]?.DeepClone();
        if (id is null) return (null, Error(null, lineNumber, "missing \"id\""));
        if (obj["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
            return (null, Error(id, lineNumber, "missing or non-string \"text\""));
        return ((id, text), null);
    }

    private static JsonObject Error(JsonNode? id, int line, string message) =>
        new() { ["id"] = id, ["line"] = line, ["error"] = $"line {line}: {message}" };
}
