using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Tokenization.Loading;

/// <summary>The tokenizer files of a Hugging Face model directory, held in memory so they can be copied into checkpoints.</summary>
public sealed class TokenizerFiles
{
    /// <summary>tokenizer.json (required).</summary>
    public const string TokenizerJson = "tokenizer.json";

    /// <summary>tokenizer_config.json (optional).</summary>
    public const string TokenizerConfigJson = "tokenizer_config.json";

    /// <summary>Every file name that belongs to a tokenizer and is carried along when present.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        TokenizerJson, TokenizerConfigJson, "special_tokens_map.json", "chat_template.jinja", "chat_template.json",
        "added_tokens.json", "vocab.json", "merges.txt",
    ];

    private readonly Dictionary<string, byte[]> _files;

    /// <summary>Where the files came from (a directory path, or <c>embedded:...</c>).</summary>
    public string Origin { get; }

    /// <summary>The file names held.</summary>
    public IReadOnlyCollection<string> Names => _files.Keys;

    private TokenizerFiles(Dictionary<string, byte[]> files, string origin)
    {
        _files = files;
        Origin = origin;
    }

    /// <summary>The contents of <paramref name="name"/>, or null when absent.</summary>
    public byte[]? Get(string name) => _files.TryGetValue(name, out var b) ? b : null;

    /// <summary>Reads the tokenizer files of <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">There is no tokenizer.json.</exception>
    public static TokenizerFiles ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"tokenizer directory not found: {directory}");
        var json = Path.Combine(directory, TokenizerJson);
        if (!File.Exists(json))
            throw new FileNotFoundException($"no {TokenizerJson} in {directory} (a Hugging Face 'fast' tokenizer file is required; vocab.json + merges.txt alone are not supported)", json);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in KnownNames)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) files[name] = File.ReadAllBytes(path);
        }
        return new TokenizerFiles(files, Path.GetFullPath(directory));
    }

    /// <summary>Wraps in-memory files (must include tokenizer.json).</summary>
    public static TokenizerFiles FromMemory(IReadOnlyDictionary<string, byte[]> files, string origin)
    {
        if (!files.ContainsKey(TokenizerJson)) throw new ArgumentException($"{TokenizerJson} is required", nameof(files));
        var unknown = files.Keys.Where(k => !KnownNames.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"not tokenizer files: {string.Join(", ", unknown)}", nameof(files));
        return new TokenizerFiles(files.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), origin);
    }

    /// <summary>Writes every held file into <paramref name="directory"/> (created if needed), each atomically.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, bytes) in _files)
            AtomicFile.WriteAllBytes(Path.Combine(directory, name), bytes);
    }
}
