using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AbsoluteZero.Evaluation.Benchmarks;

/// <summary>One JSON object read from a benchmark file, with where it came from for error messages.</summary>
public readonly record struct JsonlRecord(string Path, int Line, JsonElement Value)
{
    /// <summary>"file:line" for messages.</summary>
    public string Where => $"{Path}:{Line}";

    /// <summary>A required string field (numbers are accepted and written in invariant form).</summary>
    public string String(string field)
    {
        if (!Value.TryGetProperty(field, out var v))
            throw new InvalidDataException($"{Where}: missing field \"{field}\"");
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new InvalidDataException($"{Where}: field \"{field}\" is {v.ValueKind}, expected a string"),
        };
    }

    /// <summary>An optional string field: null when absent or JSON null.</summary>
    public string? OptionalString(string field) =>
        Value.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? String(field) : null;

    /// <summary>A required number field.</summary>
    public double Number(string field, double? fallback = null)
    {
        if (!Value.TryGetProperty(field, out var v))
            return fallback ?? throw new InvalidDataException($"{Where}: missing field \"{field}\"");
        if (v.ValueKind != JsonValueKind.Number)
            throw new InvalidDataException($"{Where}: field \"{field}\" is {v.ValueKind}, expected a number");
        return v.GetDouble();
    }

    /// <summary>
    /// A required array field; each element is returned as its raw JSON text. An empty object counts as an empty
    /// array (MBPP+ stores <c>"plus_input": {}</c> for Mbpp/793).
    /// </summary>
    public IReadOnlyList<string> RawArray(string field)
    {
        if (!Value.TryGetProperty(field, out var v))
            throw new InvalidDataException($"{Where}: missing field \"{field}\"");
        if (v.ValueKind == JsonValueKind.Object && !v.EnumerateObject().Any()) return [];
        if (v.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{Where}: field \"{field}\" is {v.ValueKind}, expected an array");
        return [.. v.EnumerateArray().Select(e => PythonJson.RestoreNonFiniteTokens(e.GetRawText()))];
    }

    /// <summary>An optional array of strings (empty when absent).</summary>
    public IReadOnlyList<string> StringArray(string field)
    {
        if (!Value.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{Where}: field \"{field}\" is {v.ValueKind}, expected an array of strings");
        var where = Where;
        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()!
            : throw new InvalidDataException($"{where}: field \"{field}\" holds a {e.ValueKind}, expected strings"))];
    }
}

/// <summary>Reads JSON Lines files, plain or gzip-compressed (by the <c>.gz</c> suffix).</summary>
public static class JsonlRecords
{
    /// <summary>Every non-blank line as an object; a malformed line raises <see cref="InvalidDataException"/> naming file and line.</summary>
    public static List<JsonlRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"benchmark file not found: {path}", path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var records = new List<JsonlRecord>();
        int lineNo = 0;
        string? line;
        while (true)
        {
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message})", e);
            }
            if (line is null) break;
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement value;
            try
            {
                using var doc = JsonDocument.Parse(PythonJson.QuoteNonFiniteTokens(line));
                value = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNo}: not valid JSON: {e.Message}", e);
            }
            if (value.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}:{lineNo}: expected a JSON object, found {value.ValueKind}");
            records.Add(new JsonlRecord(path, lineNo, value));
        }
        if (records.Count == 0) throw new InvalidDataException($"{path}: no records");
        return records;
    }
}
