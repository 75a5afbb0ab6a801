namespace AbsoluteZero.Evaluation.Math;

/// <summary>
/// The top-level shape of a normalised answer: an optional outer bracket pair (tuple <c>()</c>, interval with mixed
/// brackets, list <c>[]</c>, set <c>\{\}</c>, matrix) and its comma-separated items, <c>\pm</c> expanded.
/// </summary>
internal sealed record Structure(string Open, string Close, IReadOnlyList<string> Items)
{
    /// <summary>A set literal (<c>\{…\}</c>): items compare in any order.</summary>
    public bool IsSet => Open == "\\{";

    public static Structure Parse(string s)
    {
        if (MatrixItems(s) is { } rows) return new Structure("matrix", "matrix", rows);
        if (s.StartsWith("\\{", StringComparison.Ordinal) && s.EndsWith("\\}", StringComparison.Ordinal) && ClosesAtEnd(s, 2, s.Length - 2))
            return new Structure("\\{", "\\}", Expand(SplitTopLevel(s[2..^2])));
        if (s.Length >= 2 && s[0] is '(' or '[' && s[^1] is ')' or ']' && ClosesAtEnd(s, 1, s.Length - 1))
        {
            var inner = SplitTopLevel(s[1..^1]);
            if (inner.Count > 1) return new Structure(s[0].ToString(), s[^1].ToString(), inner);
        }
        var items = Expand(SplitTopLevel(s));
        return new Structure("", "", items.Count > 1 ? [.. items.Select(LatexNormalizer.StripAssignment)] : items);
    }

    // True when the bracket opened before 'start' is closed exactly at 'end' (all bracket kinds count the same, so
    // the half-open interval "(1,2]" qualifies).
    private static bool ClosesAtEnd(string s, int start, int end)
    {
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            char c = s[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}' && --depth < 0) return false;
        }
        return depth == 0;
    }

    private static List<string> SplitTopLevel(string s)
    {
        var items = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if ((c == ',' || c == ';') && depth == 0)
            {
                items.Add(s[start..i]);
                start = i + 1;
            }
        }
        items.Add(s[start..]);
        return items.Where(x => x.Length > 0).DefaultIfEmpty("").ToList();
    }

    private static List<string> Expand(List<string> items)
    {
        var result = new List<string>();
        foreach (var item in items)
        {
            int at = item.IndexOf("\\pm", StringComparison.Ordinal);
            if (at < 0) { result.Add(item); continue; }
            var rest = item[(at + 3)..];
            result.Add(at == 0 ? rest : item[..at] + "+" + rest);
            result.Add(item[..at] + "-" + rest);
        }
        return result;
    }

    private static List<string>? MatrixItems(string s)
    {
        foreach (var env in new[] { "pmatrix", "bmatrix", "matrix", "vmatrix" })
        {
            var begin = "\\begin{" + env + "}";
            var end = "\\end{" + env + "}";
            if (s.StartsWith(begin, StringComparison.Ordinal) && s.EndsWith(end, StringComparison.Ordinal))
            {
                var body = s[begin.Length..^end.Length];
                return [.. body.Split("\\\\").SelectMany(row => row.Split('&')).Select(x => x.Trim()).Where(x => x.Length > 0)];
            }
        }
        return null;
    }
}
