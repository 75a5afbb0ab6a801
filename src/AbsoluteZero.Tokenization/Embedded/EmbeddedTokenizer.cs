using AbsoluteZero.Tokenization.Loading;

namespace AbsoluteZero.Tokenization.Embedded;

/// <summary>
/// The tiny byte-level BPE tokenizer compiled into this assembly (tokenizer.json + tokenizer_config.json), used by
/// the trainer's <c>--preset tiny</c> so it runs with no downloads. It was trained by <see cref="Training.BpeTrainer"/>
/// on <see cref="Training.TinyCorpus"/> (text written for this project: C# snippets, the prompt-template vocabulary,
/// English instructions; no benchmark data). A test regenerates it and fails if the committed copy is stale.
/// </summary>
public static class EmbeddedTokenizer
{
    /// <summary>The origin label of the embedded files.</summary>
    public const string Origin = "embedded:tiny";

    private const string ResourcePrefix = "AbsoluteZero.Tokenization.TinyTokenizer.";

    /// <summary>The names of the embedded files.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TokenizerFiles.TokenizerJson, TokenizerFiles.TokenizerConfigJson];

    /// <summary>The embedded files.</summary>
    public static TokenizerFiles Files() =>
        TokenizerFiles.FromMemory(FileNames.ToDictionary(n => n, ReadResource), Origin);

    /// <summary>Writes the tiny tokenizer's files into <paramref name="directory"/>, making it an ordinary HF tokenizer directory.</summary>
    public static void WriteTo(string directory) => Files().WriteTo(directory);

    internal static byte[] ReadResource(string name)
    {
        using var stream = typeof(EmbeddedTokenizer).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"embedded resource {ResourcePrefix}{name} is missing from AbsoluteZero.Tokenization");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
