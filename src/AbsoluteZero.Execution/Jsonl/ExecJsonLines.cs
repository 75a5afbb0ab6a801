using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AbsoluteZero.Execution.Jsonl;

/// <summary>
/// The stable line protocol of <c>azr exec</c> (docs/exec-jsonl.md): one request object per input line, one result
/// object per line out, same order. A line that is not a valid request gets its own <c>invalid_input</c> result and
/// never stops the stream. Blank lines are skipped.
/// </summary>
public static class ExecJsonLines
{
    /// <summary>Requests are executed in chunks of this many lines (results still come out in order).</summary>
    public const int ChunkLines = 256;

    /// <summary>Reads requests from <paramref name="input"/> until its end and writes results to <paramref name="output"/>; returns the number of lines answered.</summary>
    public static async Task<long> RunAsync(TextReader input, TextWriter output, IProgramExecutor executor, bool determinismCheck,
        CancellationToken cancellationToken)
    {
        long lineNumber = 0, answered = 0;
        var chunk = new List<(ExecutionRequest? Request, ExecutionResult? Malformed)>();
        while (true)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is not null)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                chunk.Add(Parse(line, lineNumber));
                if (chunk.Count < ChunkLines) continue;
            }
            if (chunk.Count > 0)
            {
                await FlushAsync(chunk, output, executor, determinismCheck, cancellationToken);
                answered += chunk.Count;
                chunk.Clear();
            }
            if (line is null) return answered;
        }
    }

    private static async Task FlushAsync(List<(ExecutionRequest? Request, ExecutionResult? Malformed)> chunk, TextWriter output,
        IProgramExecutor executor, bool determinismCheck, CancellationToken cancellationToken)
    {
        var requests = chunk.Where(c => c.Request is not null).Select(c => c.Request!).ToList();
        var results = requests.Count > 0 ? await executor.ExecuteAsync(requests, determinismCheck, cancellationToken) : [];
        int next = 0;
        foreach (var (request, malformed) in chunk)
            await output.WriteLineAsync(Format(request is null ? malformed! : results[next++]).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Parses one request line; a malformed one becomes its error result.</summary>
    public static (ExecutionRequest? Request, ExecutionResult? Malformed) Parse(string line, long lineNumber)
    {
        string? id = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Malformed(null, lineNumber, $"expected a JSON object, found {root.ValueKind}");
            if (root.TryGetProperty("id", out var idElement))
                id = idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString(),
                    JsonValueKind.Number => idElement.GetRawText(),
                    _ => null,
                };
            if (id is null) return Malformed(null, lineNumber, "\"id\" must be a string");
            if (!TryString(root, "program", required: true, out var program, out var error)
                || !TryString(root, "input", required: true, out var inputText, out error)
                || !TryString(root, "expected", required: false, out var expected, out error))
                return Malformed(id, lineNumber, error);
            return (new ExecutionRequest(id, program!, inputText!, expected), null);
        }
        catch (JsonException e)
        {
            return Malformed(id, lineNumber, "not valid JSON: " + e.Message);
        }
    }

    private static bool TryString(JsonElement root, string name, bool required, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (!required) return true;
            error = $"\"{name}\" is missing";
            return false;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"\"{name}\" must be a string, found {element.ValueKind}";
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static (ExecutionRequest?, ExecutionResult?) Malformed(string? id, long lineNumber, string why) =>
        (null, new ExecutionResult(id ?? "", Verdict.InvalidInput, null, null, $"line {lineNumber}: malformed request: {why}"));

    /// <summary>One result line: exactly the keys id, status, output, match, error, in that order.</summary>
    public static string Format(ExecutionResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (result.Id.Length == 0) writer.WriteNull("id"); else writer.WriteString("id", result.Id);
            writer.WriteString("status", Verdicts.Name(result.Status));
            if (result.Output is null) writer.WriteNull("output"); else writer.WriteString("output", result.Output);
            if (result.Match is { } m) writer.WriteBoolean("match", m); else writer.WriteNull("match");
            if (result.Error is null) writer.WriteNull("error"); else writer.WriteString("error", result.Error);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
