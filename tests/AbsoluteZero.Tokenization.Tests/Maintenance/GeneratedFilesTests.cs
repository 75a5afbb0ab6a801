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
