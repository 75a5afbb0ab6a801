using System.Globalization;
using System.Text;

namespace AbsoluteZero.Tokenization.PreTokenization;

/// <summary>
/// A regex character class (a bracket expression, <c>\p{..}</c>, <c>\s</c>, <c>.</c> ...) as a set of Unicode code
/// points, so it can be rewritten for .NET's UTF-16 regex engine with code-point semantics.
/// </summary>
internal sealed class CodePointClass
{
    private readonly List<Func<int, bool>> _items = [];
    private readonly List<string> _bmpSyntax = [];

    public bool Negated { get; init; }

    /// <summary>Adds an inclusive code-point range.</summary>
    public void AddRange(int first, int last)
    {
        _items.Add(cp => cp >= first && cp <= last);
        if (first <= 0xFFFF)
            _bmpSyntax.Add(first == Math.Min(last, 0xFFFF) ? Escape(first) : $"{Escape(first)}-{Escape(Math.Min(last, 0xFFFF))}");
    }

    /// <summary>Adds a general category (<c>\p{L}</c>) or its complement (<c>\P{L}</c>).</summary>
    public void AddCategory(string name, bool complement)
    {
        var set = Categories(name);
        _items.Add(complement
            ? cp => !set.Contains(CharUnicodeInfo.GetUnicodeCategory(cp))
            : cp => set.Contains(CharUnicodeInfo.GetUnicodeCategory(cp)));
        _bmpSyntax.Add((complement ? @"\P{" : @"\p{") + ShortName(name) + "}");
    }

    /// <summary>Adds <c>\s</c>, <c>\d</c>, <c>\w</c> or their complements.</summary>
    public void AddShorthand(char letter)
    {
        Func<int, bool> f = char.ToLowerInvariant(letter) switch
        {
            's' => IsWhiteSpace,
            'd' => cp => CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.DecimalDigitNumber,
            'w' => IsWordChar,
            _ => throw new ArgumentException($"unknown shorthand \\{letter}"),
        };
        _items.Add(char.IsUpper(letter) ? cp => !f(cp) : f);
        _bmpSyntax.Add("\\" + letter);
    }

    public bool Contains(int cp)
    {
        bool any = false;
        foreach (var f in _items)
            if (f(cp)) { any = true; break; }
        return any != Negated;
    }

    /// <summary>The .NET regex for this class with code-point semantics (<paramref name="astral"/>: match surrogate pairs).</summary>
    public string ToDotNet(bool astral)
    {
        var bmp = BmpClass();
        var high = astral ? AstralAlternation() : null;
        if (high is null) return bmp ?? "(?!)";
        return bmp is null ? $"(?:{high})" : $"(?:{bmp}|{high})";
    }

    // The BMP part, surrogates excluded (they only ever appear in pairs, handled by the astral part).
    private string? BmpClass()
    {
        if (_bmpSyntax.Count == 0 && !Negated) return null;
        return "[" + (Negated ? "^" : "") + string.Concat(_bmpSyntax) + @"-[\uD800-\uDFFF]]";
    }

    private string? AstralAlternation()
    {
        // For each high surrogate, the low-surrogate ranges it pairs with; equal neighbours are grouped.
        var groups = new List<(int HighFirst, int HighLast, string Lows)>();
        for (int hi = 0xD800; hi <= 0xDBFF; hi++)
        {
            var lows = new StringBuilder();
            int runStart = -1;
            for (int lo = 0xDC00; lo <= 0xE000; lo++)
            {
                bool member = lo <= 0xDFFF && Contains(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
                if (member && runStart < 0) runStart = lo;
                if (!member && runStart >= 0)
                {
                    lows.Append(Escape(runStart));
                    if (lo - 1 > runStart) lows.Append('-').Append(Escape(lo - 1));
                    runStart = -1;
                }
            }
            if (lows.Length == 0) continue;
            var l = lows.ToString();
            if (groups.Count > 0 && groups[^1].HighLast == hi - 1 && groups[^1].Lows == l)
                groups[^1] = (groups[^1].HighFirst, hi, l);
            else
                groups.Add((hi, hi, l));
        }
        if (groups.Count == 0) return null;
        return string.Join("|", groups.Select(g =>
            (g.HighFirst == g.HighLast ? Escape(g.HighFirst) : $"[{Escape(g.HighFirst)}-{Escape(g.HighLast)}]") + $"[{g.Lows}]"));
    }

    private static string Escape(int c) => $"\\u{c:X4}";

    // Unicode White_Space (what \s means in Oniguruma, Rust and .NET).
    private static bool IsWhiteSpace(int cp) => cp is (>= 0x09 and <= 0x0D) or 0x20 or 0x85 or 0xA0 or 0x1680
        or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;

    private static bool IsWordChar(int cp) => CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.ConnectorPunctuation;

    private static readonly Dictionary<string, string> LongNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Combining_Mark"] = "M",
        ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N",
        ["Decimal_Number"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No", ["Punctuation"] = "P",
        ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf",
        ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc",
        ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z", ["Space_Separator"] = "Zs",
        ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C", ["Control"] = "Cc",
        ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private static readonly Dictionary<string, UnicodeCategory[]> ShortNames = BuildShortNames();

    private static Dictionary<string, UnicodeCategory[]> BuildShortNames()
    {
        var one = new Dictionary<string, UnicodeCategory>
        {
            ["Lu"] = UnicodeCategory.UppercaseLetter, ["Ll"] = UnicodeCategory.LowercaseLetter,
            ["Lt"] = UnicodeCategory.TitlecaseLetter, ["Lm"] = UnicodeCategory.ModifierLetter,
            ["Lo"] = UnicodeCategory.OtherLetter, ["Mn"] = UnicodeCategory.NonSpacingMark,
            ["Mc"] = UnicodeCategory.SpacingCombiningMark, ["Me"] = UnicodeCategory.EnclosingMark,
            ["Nd"] = UnicodeCategory.DecimalDigitNumber, ["Nl"] = UnicodeCategory.LetterNumber,
            ["No"] = UnicodeCategory.OtherNumber, ["Pc"] = UnicodeCategory.ConnectorPunctuation,
            ["Pd"] = UnicodeCategory.DashPunctuation, ["Ps"] = UnicodeCategory.OpenPunctuation,
            ["Pe"] = UnicodeCategory.ClosePunctuation, ["Pi"] = UnicodeCategory.InitialQuotePunctuation,
            ["Pf"] = UnicodeCategory.FinalQuotePunctuation, ["Po"] = UnicodeCategory.OtherPunctuation,
            ["Sm"] = UnicodeCategory.MathSymbol, ["Sc"] = UnicodeCategory.CurrencySymbol,
            ["Sk"] = UnicodeCategory.ModifierSymbol, ["So"] = UnicodeCategory.OtherSymbol,
            ["Zs"] = UnicodeCategory.SpaceSeparator, ["Zl"] = UnicodeCategory.LineSeparator,
            ["Zp"] = UnicodeCategory.ParagraphSeparator, ["Cc"] = UnicodeCategory.Control,
            ["Cf"] = UnicodeCategory.Format, ["Cs"] = UnicodeCategory.Surrogate,
            ["Co"] = UnicodeCategory.PrivateUse, ["Cn"] = UnicodeCategory.OtherNotAssigned,
        };
        var result = one.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }, StringComparer.Ordinal);
        foreach (var major in new[] { "L", "M", "N", "P", "S", "Z", "C" })
            result[major] = one.Where(kv => kv.Key[0] == major[0]).Select(kv => kv.Value).ToArray();
        return result;
    }

    private static string ShortName(string name) => LongNames.TryGetValue(name, out var s) ? s : name;

    /// <summary>True when <paramref name="name"/> is a general category we can translate.</summary>
    public static bool IsKnownCategory(string name) => ShortNames.ContainsKey(ShortName(name));

    private static HashSet<UnicodeCategory> Categories(string name) =>
        ShortNames.TryGetValue(ShortName(name), out var cats)
            ? [.. cats]
            : throw new ArgumentException($"unsupported Unicode property \\p{{{name}}} (only general categories such as L, N, Lu, P are supported)");
}
