using System.Text;

namespace AbsoluteZero.Tasks.Prompts;

/// <summary>
/// A prompt template: plain text with <c>{{name}}</c> placeholders. Nothing else is interpreted, so a template can
/// never run code. Syntax:
/// <list type="bullet">
/// <item><c>{{name}}</c> (spaces allowed inside the braces) is replaced by the value of <c>name</c>; values are inserted
/// verbatim and never re-scanned, so C# code containing braces is safe.</item>
/// <item><c>{{! any text }}</c> is a comment; a line holding only a comment disappears with its line break.</item>
/// <item><c>\{{</c> writes a literal <c>{{</c>.</item>
/// </list>
/// Unknown placeholders, missing required ones and unterminated braces are load-time errors naming the file and line.
/// </summary>
public sealed class Template
{
    private readonly List<(string? Text, string? Placeholder)> _parts;

    private Template(string name, string source, List<(string?, string?)> parts, IReadOnlySet<string> used)
    {
        Name = name;
        Source = source;
        _parts = parts;
        Placeholders = used;
    }

    /// <summary>Template name (file name without <c>.txt</c>).</summary>
    public string Name { get; }

    /// <summary>Where it came from: a file path or <c>built-in</c>.</summary>
    public string Source { get; }

    /// <summary>The placeholders the template uses.</summary>
    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>
    /// Parses <paramref name="text"/>, checking every placeholder against <paramref name="allowed"/> and that all of
    /// <paramref name="required"/> occur. Throws <see cref="InvalidDataException"/> naming <paramref name="source"/> and the line.
    /// </summary>
    public static Template Parse(string name, string source, string text, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        text = text.Replace("\r\n", "\n");
        var parts = new List<(string?, string?)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && string.CompareOrdinal(text, i + 1, "{{", 0, 2) == 0)
            {
                literal.Append("{{");
                i += 3;
                continue;
            }
            if (string.CompareOrdinal(text, i, "{{", 0, 2) != 0)
            {
                literal.Append(text[i++]);
                continue;
            }
            int close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
            int nextOpen = text.IndexOf("{{", i + 2, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close && text[i + 2] != '!'))
                throw Error(source, text, i, "unterminated '{{' (write \\{{ for literal braces)");
            string inner = text[(i + 2)..close].Trim();
            if (inner.StartsWith('!'))
            {
                // A comment alone on its line takes the line break with it.
                int lineStart = text.LastIndexOf('\n', Math.Max(0, i - 1)) + 1;
                if (i == 0) lineStart = 0;
                bool aloneOnLine = text[lineStart..i].Trim().Length == 0 && (close + 2 == text.Length || text[close + 2] == '\n');
                if (aloneOnLine)
                {
                    TrimTrailingSpaces(literal);
                    i = close + 2 < text.Length ? close + 3 : close + 2;
                }
                else i = close + 2;
                continue;
            }
            if (inner.Length == 0 || !inner.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw Error(source, text, i, $"'{{{{{inner}}}}}' is not a placeholder name (letters, digits, _)");
            if (!allowed.Contains(inner))
                throw Error(source, text, i, $"unknown placeholder '{{{{{inner}}}}}' in template '{name}'; known: {string.Join(", ", allowed.Order())}");
            if (literal.Length > 0) { parts.Add((literal.ToString(), null)); literal.Clear(); }
            parts.Add((null, inner));
            used.Add(inner);
            i = close + 2;
        }
        if (literal.Length > 0) parts.Add((literal.ToString(), null));
        var missing = required.Where(r => !used.Contains(r)).Order().ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{source}: template '{name}' must use {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}");
        return new Template(name, source, parts, used);
    }

    /// <summary>Renders the template. Every placeholder it uses must have a value (a programming error otherwise).</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder();
        foreach (var (text, placeholder) in _parts)
        {
            if (text is not null) sb.Append(text);
            else if (values.TryGetValue(placeholder!, out var v)) sb.Append(v);
            else throw new InvalidOperationException($"template '{Name}' ({Source}) needs a value for '{{{{{placeholder}}}}}'");
        }
        return sb.ToString();
    }

    private static void TrimTrailingSpaces(StringBuilder sb)
    {
        while (sb.Length > 0 && (sb[^1] == ' ' || sb[^1] == '\t')) sb.Length--;
    }

    private static InvalidDataException Error(string source, string text, int offset, string message)
    {
        int line = 1;
        for (int k = 0; k < offset; k++) if (text[k] == '\n') line++;
        return new InvalidDataException($"{source}: line {line}: {message}");
    }
}
