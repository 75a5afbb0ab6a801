namespace AbsoluteZero.Tokenization.Tests.Maintenance;

/// <summary>
/// Committed generated files are reproducible. With <c>AZR_REGENERATE=1</c> these tests rewrite them instead of
/// comparing (maintainers only).
/// </summary>
public class GeneratedFilesTests
{
    private static readonly string NfcDataPath = RepoPaths.Source("src", "AbsoluteZero.Tokenization", "Normalization", "unicode-nfc.txt");

    [UcdFact]
    public void UnicodeNormalizationDataMatchesTheUnicodeCharacterDatabase()
    {
        var generated = UnicodeNormalizationDataGenerator.Generate(UnicodeNormalizationDataGenerator.UcdDirectory, UcdFactAttribute.InstalledVersion!);
        if (RepoPaths.RegenerateRequested) File.WriteAllText(NfcDataPath, generated);
        Assert.True(File.ReadAllText(NfcDataPath) == generated,
            "unicode-nfc.txt is not what the generator makes from the installed Unicode Character Database; regenerate with AZR_REGENERATE=1");
    }

    [Fact]
    public void EmbeddedTinyTokenizerIsWhatTheTrainerMakesFromTheCorpus()
    {
        var built = AbsoluteZero.Tokenization.Training.TinyCorpus.BuildFiles();
        var dir = RepoPaths.Source("src", "AbsoluteZero.Tokenization", "Embedded", "TinyTokenizer");
        foreach (var (name, bytes) in built)
        {
            var path = Path.Combine(dir, name);
            if (RepoPaths.RegenerateRequested)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(path, bytes);
                continue;
            }
            Assert.True(File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes),
                $"{path} is stale: the corpus or the trainer changed. Regenerate: AZR_REGENERATE=1 dotnet test tests/AbsoluteZero.Tokenization.Tests -c Release --filter EmbeddedTinyTokenizer");
            Assert.True(AbsoluteZero.Tokenization.Embedded.EmbeddedTokenizer.ReadResource(name).AsSpan().SequenceEqual(bytes),
                $"the embedded copy of {name} differs from the source file; rebuild the project");
        }
    }

    /// <summary>Runs only where the Debian unicode-data package of the committed file's Unicode version is installed.</summary>
    private sealed class UcdFactAttribute : FactAttribute
    {
        public static string? InstalledVersion
        {
            get
            {
                var path = Path.Combine(UnicodeNormalizationDataGenerator.UcdDirectory, "DerivedAge.txt");
                if (!File.Exists(path)) return null;
                var first = File.ReadLines(path).First(); // "# DerivedAge-15.0.0.txt"
                return first.Replace("# DerivedAge-", "").Replace(".txt", "").Trim();
            }
        }

        public UcdFactAttribute()
        {
            var installed = InstalledVersion;
            if (installed is null)
            {
                Skip = "the Unicode Character Database (apt package unicode-data) is not installed; NormalizationTests still check the committed tables against ICU";
                return;
            }
            if (RepoPaths.RegenerateRequested) return;
            var committed = File.Exists(NfcDataPath) ? File.ReadLines(NfcDataPath).First() : "";
            if (!committed.EndsWith(" " + installed, StringComparison.Ordinal))
                Skip = $"installed Unicode Character Database {installed} differs from the committed tables' version ({committed}); regenerate with AZR_REGENERATE=1 to move";
        }
    }
}
