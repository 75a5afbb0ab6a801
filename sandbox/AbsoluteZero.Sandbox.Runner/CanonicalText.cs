using System.Globalization;
using System.Text;

namespace AbsoluteZero.Sandbox.Runner;

/// <summary>
/// The canonical spelling of scalar values and type names of the literal subset. The runner (rendering .NET values)
/// and the host (rendering parsed literals) share it, so both produce byte-identical text for equal values.
/// </summary>
public static class CanonicalText
{
    /// <summary><c>123</c> for an int.</summary>
    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>123L</c> for a long.</summary>
    public static string Long(long v) => v.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>Shortest round-trip text that still reads back as a double (<c>1.0</c>, <c>1E+20</c>, <c>double.NaN</c>).</summary>
    public static string Double(double v)
    {
        if (double.IsNaN(v)) return "double.NaN";
        if (double.IsPositiveInfinity(v)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(v)) return "double.NegativeInfinity";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }

    /// <summary>Shortest round-trip text with an <c>f</c> suffix (<c>1.5f</c>, <c>float.NaN</c>).</summary>
    public static string Float(float v)
    {
        if (float.IsNaN(v)) return "float.NaN";
        if (float.IsPositiveInfinity(v)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(v)) return "float.NegativeInfinity";
        return v.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool v) => v ? "true" : "false";

    /// <summary>A char literal; everything outside printable ASCII is a <c>\uXXXX</c> escape.</summary>
    public static string Char(char c)
    {
        var sb = new StringBuilder(8).Append('\'');
        AppendEscaped(sb, c, '\'');
        return sb.Append('\'').ToString();
    }

    /// <summary>A regular string literal; everything outside printable ASCII is a <c>\uXXXX</c> escape.</summary>
    public static string String(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s) AppendEscaped(sb, c, '"');
        return sb.Append('"').ToString();
    }

    private static void AppendEscaped(StringBuilder sb, char c, char quote)
    {
        switch (c)
        {
            case '\\': sb.Append("\\\\"); return;
            case '\0': sb.Append("\\0"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
        }
        if (c == quote) sb.Append('\\').Append(c);
        else if (c < 0x20 || c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        else sb.Append(c);
    }

    /// <summary>Joins items as <c>{ a, b }</c>, or <c>{ }</c> when empty.</summary>
    public static string Braces(IEnumerable<string> items)
    {
        var body = string.Join(", ", items);
        return body.Length == 0 ? "{ }" : "{ " + body + " }";
    }
}
