using System.Globalization;
using System.Text;

namespace AbsoluteZero.Tokenization.Tests.Maintenance;

/// <summary>
/// Builds the compact NFC data file (src/AbsoluteZero.Tokenization/Normalization/unicode-nfc.txt) from the Unicode
/// Character Database (Debian package <c>unicode-data</c>: /usr/share/unicode). Only maintainers run it, when moving to a
/// newer Unicode version: <c>AZR_REGENERATE=1 dotnet test ... --filter UnicodeNormalizationData</c>.
/// </summary>
internal static class UnicodeNormalizationDataGenerator
{
    public const string UcdDirectory = "/usr/share/unicode";

    public static string Generate(string ucdDirectory, string unicodeVersion)
    {
        var ccc = new SortedDictionary<int, int>();
        var decompositions = new SortedDictionary<int, int[]>();
        foreach (var line in File.ReadLines(Path.Combine(ucdDirectory, "UnicodeData.txt")))
        {
            var f = line.Split(';');
            if (f.Length < 6) continue;
            int cp = int.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int combining = int.Parse(f[3], CultureInfo.InvariantCulture);
            if (combining != 0) ccc[cp] = combining;
            var d = f[5];
            if (d.Length > 0 && d[0] != '<')
                decompositions[cp] = d.Split(' ').Select(x => int.Parse(x, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        }
        var exclusions = File.ReadLines(Path.Combine(ucdDirectory, "CompositionExclusions.txt"))
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => int.Parse(l, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Order()
            .ToList();

        var sb = new StringBuilder();
        sb.Append("# Canonical normalization data for NFC, generated from the Unicode Character Database ").Append(unicodeVersion).Append('\n');
        sb.Append("# (UnicodeData.txt fields 3 and 5, CompositionExclusions.txt). Regenerate; do not edit.\n");
        sb.Append("# c FIRST[-LAST] CCC: canonical combining class; d CP MAPPING...: canonical decomposition; x CP: composition exclusion\n");
        foreach (var (first, last, value) in Runs(ccc))
            sb.Append("c ").Append(first.ToString("X4")).Append(last != first ? "-" + last.ToString("X4") : "").Append(' ').Append(value).Append('\n');
        foreach (var (cp, mapping) in decompositions)
            sb.Append("d ").Append(cp.ToString("X4")).Append(' ').Append(string.Join(' ', mapping.Select(m => m.ToString("X4")))).Append('\n');
        foreach (var cp in exclusions)
            sb.Append("x ").Append(cp.ToString("X4")).Append('\n');
        return sb.ToString();
    }

    private static IEnumerable<(int First, int Last, int Value)> Runs(SortedDictionary<int, int> map)
    {
        int first = -1, last = -1, value = -1;
        foreach (var (cp, v) in map)
        {
            if (cp == last + 1 && v == value) { last = cp; continue; }
            if (first >= 0) yield return (first, last, value);
            (first, last, value) = (cp, cp, v);
        }
        if (first >= 0) yield return (first, last, value);
    }
}
