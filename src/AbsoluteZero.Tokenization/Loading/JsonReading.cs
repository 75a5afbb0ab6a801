using System.Text.Json;

namespace AbsoluteZero.Tokenization.Loading;

/// <summary>Typed access to a JSON file's elements with errors that name the file and the key path.</summary>
internal sealed class JsonReading(string file)
{
    /// <summary>The file name (or path) used in messages.</summary>
    public string File { get; } = file;

    public InvalidDataException Error(string key, string message) => new($"{File}: key '{key}': {message}");

    public JsonDocument Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{File}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }
    }

    public JsonElement? Optional(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        return obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }

    public JsonElement Required(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Error(path, $"expected an object, found {obj.ValueKind}");
        return Optional(obj, name) ?? throw Error(Join(path, name), "is missing");
    }

    public string String(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(path, $"expected a string, found {e.ValueKind}");

    public int Int(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw Error(path, $"expected an integer, found {Describe(e)}");

    public bool Bool(JsonElement obj, string name, string path, bool fallback)
    {
        var v = Optional(obj, name);
        if (v is null) return fallback;
        return v.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(Join(path, name), $"expected true or false, found {Describe(v.Value)}"),
        };
    }

    public string? OptionalString(JsonElement obj, string name, string path)
    {
        var v = Optional(obj, name);
        return v is null ? null : String(v.Value, Join(path, name));
    }

    public JsonElement Array(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Array ? e : throw Error(path, $"expected an array, found {e.ValueKind}");

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? e.ValueKind.ToString() : e.GetRawText();
}
