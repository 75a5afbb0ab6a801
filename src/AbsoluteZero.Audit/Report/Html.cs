using System.Net;

namespace AbsoluteZero.Audit.Report;

/// <summary>Escaping for everything that comes from a run: model text is hostile and must never become markup.</summary>
public static class Html
{
    /// <summary>Escapes text for element content (&lt; &gt; &amp; and both quotes).</summary>
    public static string Text(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>Escapes text for a double-quoted attribute value.</summary>
    public static string Attr(string? s) => WebUtility.HtmlEncode(s ?? "");
}
