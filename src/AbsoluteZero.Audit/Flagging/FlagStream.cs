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

    /// <summary>Processes every line of <paramref name="input"/>; returns (items flagged, items clean, error lines).</summary>
    public static (int Flagged, int Clean, int Errors) Process(ReasoningFlagger flagger, TextReader input, TextWriter output)
    {
        int flagged = 0, clean = 0, errors = 0, lineNumber = 0;
        for (string? line = input.ReadLine(); line is not null; line = input.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var result = ProcessLine(flagger, line, lineNumber);
            output.WriteLine(result.ToJsonString(Compact));
            if (result["error"] is not null) errors++;
            else if (result["flagged"]!.GetValue<bool>()) flagged++;
            else clean++;
        }
        output.Flush();
        return (flagged, clean, errors);
    }

    /// <summary>The output object for one input line.</summary>
    public static JsonObject ProcessLine(ReasoningFlagger flagger, string line, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            return Error(null, lineNumber, $"not valid JSON: {e.Message}");
        }
        if (node is not JsonObject obj) return Error(null, lineNumber, "expected a JSON object {\"id\", \"text\"}");
        JsonNode? id = obj["id"]?.DeepClone();
        if (id is null) return Error(null, lineNumber, "missing \"id\"");
        if (obj["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
            return Error(id, lineNumber, "missing or non-string \"text\"");

        var flags = flagger.Scan(text);
        var spans = new JsonArray();
        foreach (var f in flags)
            spans.Add(new JsonObject
            {
                ["start"] = f.Start, ["end"] = f.End, ["text"] = f.Text,
                ["category"] = f.Category, ["severity"] = f.Severity, ["rule"] = f.Rule,
            });
        var categories = new JsonArray([.. flags.Select(f => f.Category).Distinct().Select(c => (JsonNode?)JsonValue.Create(c))]);
        return new JsonObject { ["id"] = id, ["flagged"] = flags.Count > 0, ["categories"] = categories, ["spans"] = spans };
    }

    private static JsonObject Error(JsonNode? id, int line, string message) =>
        new() { ["id"] = id, ["line"] = line, ["error"] = $"line {line}: {message}" };
}
