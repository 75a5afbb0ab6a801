using System.Text;

namespace AbsoluteZero.Evaluation.Benchmarks;

/// <summary>
/// EvalPlus files are written by Python's <c>json</c>, which emits <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>
/// outside strings. Those are not JSON; they are swapped for sentinel strings to parse, and swapped back in raw input
/// texts (which Python reads again).
/// </summary>
internal static class PythonJson
{
    private static readonly (string Token, string Sentinel)[] Tokens =
    [
        ("-Infinity", "\"\\u0000azr:-Infinity\""), ("Infinity", "\"\\u0000azr:Infinity\""), ("NaN", "\"\\u0000azr:NaN\""),
    ];

    /// <summary>Replaces the non-finite tokens that stand outside strings by sentinel strings.</summary>
    public static string QuoteNonFiniteTokens(string line)
    {
        if (!line.Contains("NaN", StringComparison.Ordinal) && !line.Contains("Infinity", StringComparison.Ordinal)) return line;
        var sb = new StringBuilder(line.Length + 32);
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < line.Length) sb.Append(line[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }
            var match = Tokens.FirstOrDefault(t => string.CompareOrdinal(line, i, t.Token, 0, t.Token.Length) == 0);
            if (match.Token is not null)
            {
                sb.Append(match.Sentinel);
                i += match.Token.Length - 1;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Turns sentinel strings in a raw JSON text back into Python's tokens.</summary>
    public static string RestoreNonFiniteTokens(string rawJson)
    {
        if (!rawJson.Contains("azr:", StringComparison.Ordinal)) return rawJson;
        foreach (var (token, sentinel) in Tokens) rawJson = rawJson.Replace(sentinel, token, StringComparison.Ordinal);
        return rawJson;
    }
}
