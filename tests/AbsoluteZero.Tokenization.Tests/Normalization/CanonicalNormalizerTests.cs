using System.Text;
using AbsoluteZero.Tokenization.Normalization;

namespace AbsoluteZero.Tokenization.Tests.Normalization;

/// <summary>Our NFC/NFD tables against ICU (the test process runs with ICU, unlike the invariant-mode CLI).</summary>
public class CanonicalNormalizerTests
{
    private static bool IcuNormalizes => "e\u0301".Normalize(NormalizationForm.FormC) == "\u00e9";

    [Fact]
    public void ComposesAndDecomposesTheUsualSuspects()
    {
        Assert.Equal("\u00e9", CanonicalNormalizer.Nfc.Normalize("e\u0301"));
        Assert.Equal("e\u0301", CanonicalNormalizer.Nfd.Normalize("\u00e9"));
        Assert.Equal("\uAC01", CanonicalNormalizer.Nfc.Normalize("\u1100\u1161\u11A8")); // Hangul L V T
        Assert.Equal("\u1E69", CanonicalNormalizer.Nfc.Normalize("s\u0323\u0307"));    // s + dot below + dot above
        Assert.Equal("\u1E69", CanonicalNormalizer.Nfc.Normalize("s\u0307\u0323"));    // reordered first
        Assert.Equal("\u0915\u093C", CanonicalNormalizer.Nfc.Normalize("\u0958"));     // composition exclusion stays decomposed
        Assert.Equal("\u03A9", CanonicalNormalizer.Nfc.Normalize("\u2126"));           // singleton (Ohm → Omega)
        Assert.Equal("\U0001109A", CanonicalNormalizer.Nfc.Normalize("\U00011099\U000110BA")); // astral composition
    }

    [Fact]
    public void StableTextIsReturnedWithoutCopying()
    {
        const string ascii = "int f(int x) => x + 1; // plain ASCII\r\n\t";
        Assert.Same(ascii, CanonicalNormalizer.Nfc.Normalize(ascii));
        const string cjk = "你好，世界 안녕하세요 😀";
        Assert.Same(cjk, CanonicalNormalizer.Nfc.Normalize(cjk));
    }

    [Fact]
    public void EveryCodePointMatchesIcu()
    {
        Assert.True(IcuNormalizes, "this test process should have ICU (it is not in invariant-globalization mode)");
        var mismatches = new List<string>();
        for (int cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var s = char.ConvertFromUtf32(cp);
            string icuC, icuD;
            try { (icuC, icuD) = (s.Normalize(NormalizationForm.FormC), s.Normalize(NormalizationForm.FormD)); }
            catch (ArgumentException) { continue; } // .NET refuses noncharacters such as U+FFFE
            if (CanonicalNormalizer.Nfc.Normalize(s) != icuC) mismatches.Add($"NFC U+{cp:X4}");
            if (CanonicalNormalizer.Nfd.Normalize(s) != icuD) mismatches.Add($"NFD U+{cp:X4}");
            if (mismatches.Count > 20) break;
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void RandomCombiningSequencesMatchIcu()
    {
        // Starters, marks of many combining classes, Hangul jamo, Indic two-part vowels, exclusions, astral pairs.
        int[] pool =
        [
            'a', 'e', 'o', 's', 'A', 'K', ' ', '>', '=', 0x00E9, 0x0300, 0x0301, 0x0302, 0x0308, 0x0323, 0x0327, 0x0328,
            0x031B, 0x0345, 0x05B0, 0x05BC, 0x0650, 0x0670, 0x093C, 0x0915, 0x0958, 0x09C7, 0x09BE, 0x09D7, 0x0B47,
            0x0B3E, 0x0B56, 0x0BC6, 0x0BBE, 0x0F71, 0x0F72, 0x0F80, 0x1100, 0x1161, 0x11A8, 0x11C2, 0xAC00, 0xAC01,
            0x0338, 0x2126, 0x212B, 0x1E0B, 0x1E63, 0x0344, 0x0F73, 0x3099, 0x304B, 0x309A, 0x30CF, 0x11099, 0x110BA,
            0x1D15E, 0x1D165, 0x1D16E, 0x1F600, 0x4E00, 0xF900,
        ];
        Assert.True(IcuNormalizes);
        var rng = new Random(12345);
        var sb = new StringBuilder();
        for (int n = 0; n < 20_000; n++)
        {
            sb.Clear();
            int len = rng.Next(1, 9);
            for (int i = 0; i < len; i++) sb.Append(char.ConvertFromUtf32(pool[rng.Next(pool.Length)]));
            var s = sb.ToString();
            Assert.Equal(s.Normalize(NormalizationForm.FormC), CanonicalNormalizer.Nfc.Normalize(s));
            Assert.Equal(s.Normalize(NormalizationForm.FormD), CanonicalNormalizer.Nfd.Normalize(s));
        }
    }
}
