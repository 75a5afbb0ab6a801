using System.Globalization;
using System.Reflection;

namespace AbsoluteZero.Tokenization.Normalization;

/// <summary>
/// Canonical combining classes, canonical decompositions and primary compositions, read from the embedded
/// <c>unicode-nfc.txt</c> (generated from the Unicode Character Database).
/// </summary>
/// <remarks>
/// Why our own tables: .NET's <see cref="string.Normalize(System.Text.NormalizationForm)"/> calls ICU, and in
/// invariant-globalization mode (the <c>azr</c> program runs in it) it silently returns non-ASCII text unchanged. The
/// tokenizer must produce the same ids on every machine, so it carries its own data.
/// </remarks>
internal sealed class UnicodeNormalizationData
{
    public const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    public const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<UnicodeNormalizationData> LazyInstance = new(Load);

    /// <summary>The shared tables (parsed once, about a millisecond).</summary>
    public static UnicodeNormalizationData Instance => LazyInstance.Value;

    /// <summary>The Unicode version of the data, from the file header.</summary>
    public string UnicodeVersion { get; }

    private readonly byte[] _bmpCombiningClass = new byte[0x10000];
    private readonly Dictionary<int, byte> _astralCombiningClass = [];
    private readonly Dictionary<int, int[]> _fullDecomposition = [];
    private readonly Dictionary<long, int> _composition = [];
    private readonly bool[] _bmpMaybeUnstable = new bool[0x10000];

    private UnicodeNormalizationData(string text)
    {
        var single = new Dictionary<int, int[]>();
        var exclusions = new HashSet<int>();
        string version = "unknown";
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                const string marker = "Unicode Character Database ";
                int at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0) version = line[(at + marker.Length)..].Trim();
                continue;
            }
            var f = line.Split(' ');
            try
            {
                switch (f[0])
                {
                    case "c":
                        var range = f[1].Split('-');
                        int first = Hex(range[0]), last = range.Length > 1 ? Hex(range[1]) : first;
                        byte value = byte.Parse(f[2], CultureInfo.InvariantCulture);
                        for (int cp = first; cp <= last; cp++) SetCombiningClass(cp, value);
                        break;
                    case "d":
                        single[Hex(f[1])] = f.Skip(2).Select(Hex).ToArray();
                        break;
                    case "x":
                        exclusions.Add(Hex(f[1]));
                        break;
                    default:
                        throw new FormatException($"unknown record '{f[0]}'");
                }
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw new InvalidDataException($"unicode-nfc.txt line {lineNumber}: {e.Message}", e);
            }
        }
        UnicodeVersion = version;

        foreach (var (cp, mapping) in single)
        {
            _fullDecomposition[cp] = Expand(mapping, single);
            // Primary composites: two-character mappings that are not excluded and do not start with a non-starter.
            if (mapping.Length == 2 && !exclusions.Contains(cp) && CombiningClass(mapping[0]) == 0)
                _composition[Key(mapping[0], mapping[1])] = cp;
        }

        // A BMP char is "maybe unstable" when NFC could change it or its neighbourhood: it decomposes, is a non-starter,
        // or can be the second half of a composition. Text without such chars is already NFC.
        foreach (var cp in _fullDecomposition.Keys) MarkUnstable(cp);
        for (int cp = 0; cp < 0x10000; cp++) if (_bmpCombiningClass[cp] != 0) _bmpMaybeUnstable[cp] = true;
        foreach (var cp in _astralCombiningClass.Keys) MarkUnstable(cp);
        foreach (var key in _composition.Keys) MarkUnstable((int)(key & 0x1FFFFF));
        for (int v = VBase; v < VBase + VCount; v++) _bmpMaybeUnstable[v] = true;
        for (int t = TBase + 1; t < TBase + TCount; t++) _bmpMaybeUnstable[t] = true;
    }

    private void MarkUnstable(int cp)
    {
        if (cp < 0x10000) _bmpMaybeUnstable[cp] = true;
        else _bmpMaybeUnstable[char.ConvertFromUtf32(cp)[0]] = true; // conservatively flag the high surrogate
    }

    private void SetCombiningClass(int cp, byte value)
    {
        if (cp < 0x10000) _bmpCombiningClass[cp] = value;
        else _astralCombiningClass[cp] = value;
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static long Key(int a, int b) => ((long)a << 21) | (uint)b;

    private static int[] Expand(int[] mapping, Dictionary<int, int[]> single)
    {
        var result = new List<int>();
        foreach (var cp in mapping)
        {
            if (single.TryGetValue(cp, out var inner)) result.AddRange(Expand(inner, single));
            else result.Add(cp);
        }
        return [.. result];
    }

    /// <summary>Canonical combining class of a code point (0 for starters).</summary>
    public int CombiningClass(int cp) =>
        cp < 0x10000 ? _bmpCombiningClass[cp] : _astralCombiningClass.TryGetValue(cp, out var v) ? v : 0;

    /// <summary>True when NFC might change text containing this UTF-16 unit (conservative for surrogates).</summary>
    public bool MaybeUnstable(char c) => _bmpMaybeUnstable[c];

    /// <summary>The full canonical decomposition, or null when the code point does not decompose (Hangul excluded).</summary>
    public int[]? Decomposition(int cp) => _fullDecomposition.TryGetValue(cp, out var d) ? d : null;

    /// <summary>The primary composite of a pair (Hangul included), or -1.</summary>
    public int Compose(int first, int second)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
            return SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
        if (first >= SBase && first < SBase + SCount && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
            return first + (second - TBase);
        return _composition.TryGetValue(Key(first, second), out var c) ? c : -1;
    }

    private static UnicodeNormalizationData Load()
    {
        using var stream = typeof(UnicodeNormalizationData).Assembly.GetManifestResourceStream("AbsoluteZero.Tokenization.unicode-nfc.txt")
            ?? throw new InvalidOperationException("embedded resource unicode-nfc.txt is missing from AbsoluteZero.Tokenization");
        using var reader = new StreamReader(stream);
        return new UnicodeNormalizationData(reader.ReadToEnd());
    }
}
