using System.Text;

namespace AbsoluteZero.Tasks.Validation;

/// <summary>
/// Normalises C# text for deduplication: comments are removed and whitespace outside string and character literals
/// is collapsed (dropped next to <c>( ) [ ] { } , ;</c>, a single space elsewhere). The mapping is conservative: two
/// texts with the same normal form always mean the same program; two equivalent texts may still differ (e.g.
/// <c>a+b</c> and <c>a + b</c>). Text the scanner is unsure about (raw or interpolated strings, preprocessor lines,
/// unterminated literals or comments) is only trimmed.
/// </summary>
public static class CSharpText
{
    /// <summary>The normal form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        int i = 0, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            char next = i + 1 < n ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c)) { space = true; i++; continue; }
            if (c == '/' && next == '/')
            {
                while (i < n && text[i] != '\n') i++;
                space = true;
                continue;
            }
            if (c == '/' && next == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) return text.Trim();
                i = end + 2;
                space = true;
                continue;
            }
            if (c == '#' || c == '$' || (c == '@' && next == '$')) return text.Trim();
            if (space && sb.Length > 0 && !IsTight(sb[^1]) && !IsTight(c)) sb.Append(' ');
            space = false;

            int stop;
            if (c == '"')
            {
                if (next == '"' && i + 2 < n && text[i + 2] == '"') return text.Trim(); // raw string literal
                stop = ScanRegular(text, i + 1, '"');
            }
            else if (c == '@' && next == '"') stop = ScanVerbatim(text, i + 2);
            else if (c == '\'') stop = ScanRegular(text, i + 1, '\'');
            else { sb.Append(c); i++; continue; }
            if (stop < 0) return text.Trim();
            sb.Append(text, i, stop + 1 - i);
            i = stop + 1;
        }
        return sb.ToString();
    }

    private static bool IsTight(char c) => c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';';

    /// <summary>Index of the closing quote of a regular string/char literal starting after its opening quote, or −1.</summary>
    private static int ScanRegular(string text, int j, char quote)
    {
        while (j < text.Length)
        {
            char c = text[j];
            if (c == '\\') { j += 2; continue; }
            if (c == quote) return j;
            if (c == '\n') return -1;
            j++;
        }
        return -1;
    }

    private static int ScanVerbatim(string text, int j)
    {
        while (j < text.Length)
        {
            if (text[j] == '"')
            {
                if (j + 1 < text.Length && text[j + 1] == '"') { j += 2; continue; }
                return j;
            }
            j++;
        }
        return -1;
    }
}
