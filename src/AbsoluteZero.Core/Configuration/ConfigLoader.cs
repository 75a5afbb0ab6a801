using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AbsoluteZero.Core.Configuration;

/// <summary>
/// Loads a typed configuration record: defaults from the record's initialisers, then a JSON file, then
/// <c>section.key=value</c> overrides, then validation. Every failure is a <see cref="ConfigException"/> that names
/// the key (and the file and line when it came from a file). Keys are snake_case versions of the property names.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The JSON conventions of every config and run-directory file: snake_case keys and enum values.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Loads <typeparamref name="T"/> from optional <paramref name="path"/> and <paramref name="overrides"/>.</summary>
    public static T Load<T>(string? path = null, IEnumerable<string>? overrides = null) where T : class, new() =>
        Load(new T(), path, overrides);

    /// <summary>
    /// Like <see cref="Load{T}(string?, IEnumerable{string}?)"/> but starting from <paramref name="defaults"/> instead of
    /// <c>new T()</c> (a preset): preset, then file, then overrides, then validation.
    /// </summary>
    public static T Load<T>(T defaults, string? path, IEnumerable<string>? overrides) where T : class
    {
        var root = (JsonObject)JsonSerializer.SerializeToNode(defaults, JsonOptions)!;
        if (path is not null) MergeFile(root, typeof(T), path);
        foreach (var item in overrides ?? [])
            ApplyOverride(root, typeof(T), item);

        T config;
        try
        {
            config = root.Deserialize<T>(JsonOptions)!;
        }
        catch (JsonException e)
        {
            throw new ConfigException($"configuration key '{JsonPathToKey(e.Path)}': {e.Message}");
        }
        var errors = new List<string>();
        Validate(config, "", errors);
        if (errors.Count > 0)
            throw new ConfigException("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        return config;
    }

    /// <summary>The fully resolved configuration as indented JSON (what gets logged and saved to a run directory).</summary>
    public static string ToJson<T>(T config) => JsonSerializer.Serialize(config, JsonOptions);

    private static void MergeFile(JsonObject root, Type type, string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"config file '{path}' does not exist");
        byte[] bytes = File.ReadAllBytes(path);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: line {e.LineNumber + 1}: not valid JSON: {FirstSentence(e.Message)}");
        }
        if (node is not JsonObject obj) throw new ConfigException($"{path}: the top level must be a JSON object");
        var lines = KeyLines(bytes);
        MergeObject(root, obj, type, "", key => $"{path}: line {(lines.TryGetValue(key, out var l) ? l : 0)}: ");
    }

    private static void MergeObject(JsonObject target, JsonObject source, Type type, string prefix, Func<string, string> where)
    {
        var info = JsonOptions.GetTypeInfo(type);
        foreach (var (name, value) in source.ToList())
        {
            string key = prefix + name;
            var property = info.Properties.FirstOrDefault(p => p.Name == name)
                ?? throw new ConfigException($"{where(key)}unknown configuration key '{key}'{Suggest(info, name)}");
            if (IsSection(property.PropertyType) && value is JsonObject sectionValue)
            {
                if (target[name] is not JsonObject sectionTarget) target[name] = sectionTarget = new JsonObject();
                MergeObject(sectionTarget, sectionValue, property.PropertyType, key + ".", where);
            }
            else
            {
                var copy = value?.DeepClone();
                CheckType(copy, property.PropertyType, key, where(key));
                target[name] = copy;
            }
        }
    }

    private static void ApplyOverride(JsonObject root, Type type, string item)
    {
        int eq = item.IndexOf('=');
        if (eq <= 0) throw new ConfigException($"override '{item}' must look like section.key=value");
        string key = item[..eq].Trim();
        string raw = item[(eq + 1)..];
        string[] parts = key.Split('.');
        JsonObject target = root;
        Type current = type;
        for (int i = 0; i < parts.Length; i++)
        {
            var info = JsonOptions.GetTypeInfo(current);
            var property = info.Properties.FirstOrDefault(p => p.Name == parts[i])
                ?? throw new ConfigException($"--set {item}: unknown configuration key '{string.Join('.', parts[..(i + 1)])}'{Suggest(info, parts[i])}");
            if (i == parts.Length - 1)
            {
                var value = ParseOverrideValue(raw, property.PropertyType);
                CheckType(value, property.PropertyType, key, $"--set {item}: ");
                target[parts[i]] = value;
            }
            else
            {
                if (!IsSection(property.PropertyType))
                    throw new ConfigException($"--set {item}: '{string.Join('.', parts[..(i + 1)])}' is a value, not a section");
                if (target[parts[i]] is not JsonObject next) target[parts[i]] = next = new JsonObject();
                target = next;
                current = property.PropertyType;
            }
        }
    }

    private static JsonNode? ParseOverrideValue(string raw, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying.IsEnum)
        {
            if (raw == "null" && !type.IsValueType) return null;
            // Strings may be given bare (--set model.path=/x) or JSON-quoted.
            if (raw.StartsWith('"')) { try { return JsonNode.Parse(raw); } catch (JsonException) { } }
            return JsonValue.Create(raw);
        }
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return JsonValue.Create(raw); // reported as a type error by CheckType with the key named
        }
    }

    private static void CheckType(JsonNode? value, Type type, string key, string where)
    {
        try
        {
            JsonSerializer.Deserialize(value, type, JsonOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            string got = value is null ? "null" : value.ToJsonString();
            throw new ConfigException($"{where}configuration key '{key}' expects {Describe(type)}, got {got}");
        }
    }

    /// <summary>True for nested configuration records (objects that hold further keys).</summary>
    private static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    private static string Describe(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var t = nullable ?? type;
        string text = t switch
        {
            _ when t == typeof(int) || t == typeof(long) => "an integer",
            _ when t == typeof(double) || t == typeof(float) => "a number",
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(string) => "a string",
            _ when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n))),
            _ when t.IsArray || (t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)) => "a JSON array",
            _ => "an object of type " + t.Name,
        };
        return nullable is null ? text : text + " or null";
    }

    private static string Suggest(JsonTypeInfo info, string name)
    {
        var best = info.Properties
            .Select(p => (p.Name, Distance: Levenshtein(p.Name, name)))
            .OrderBy(p => p.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private static void Validate(object obj, string prefix, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(obj, new ValidationContext(obj), results, validateAllProperties: true);
        foreach (var r in results)
        {
            string member = r.MemberNames.FirstOrDefault() ?? "";
            errors.Add($"configuration key '{prefix}{JsonNamingPolicy.SnakeCaseLower.ConvertName(member)}': {r.ErrorMessage}");
        }
        if (obj is IValidatableConfig custom)
            errors.AddRange(custom.Validate().Select(e => $"configuration key '{prefix}{e.Key}': {e.Message}"));
        foreach (var property in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!IsSection(property.PropertyType) || property.GetIndexParameters().Length > 0) continue;
            if (property.GetValue(obj) is { } child)
                Validate(child, prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) + ".", errors);
        }
    }

    /// <summary>Maps dotted key paths to 1-based line numbers of their property names in a JSON file.</summary>
    private static Dictionary<string, int> KeyLines(byte[] bytes)
    {
        var result = new Dictionary<string, int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<string?>();
        string? pending = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString();
                    var path = string.Join('.', stack.Where(s => s is not null).Append(pending));
                    result[path] = 1 + CountNewlines(bytes, (int)reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    stack.Add(reader.TokenType == JsonTokenType.StartArray ? null : pending);
                    pending = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                    break;
            }
        }
        return result;
    }

    private static int CountNewlines(byte[] bytes, int end)
    {
        int n = 0;
        for (int i = 0; i < end; i++) if (bytes[i] == (byte)'\n') n++;
        return n;
    }

    private static string JsonPathToKey(string? path) =>
        string.IsNullOrEmpty(path) ? "(root)" : path.TrimStart('$').TrimStart('.').Replace("['", "").Replace("']", "");

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }
}

/// <summary>A configuration record with checks that attributes cannot express (cross-field constraints).</summary>
public interface IValidatableConfig
{
    /// <summary>Problems found, each with the snake_case key (relative to this record) and a message.</summary>
    IEnumerable<(string Key, string Message)> Validate();
}

/// <summary>A configuration problem, with a message that names the key, file and line where known.</summary>
public sealed class ConfigException(string message) : Exception(message);
