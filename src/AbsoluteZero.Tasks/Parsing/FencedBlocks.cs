namespace AbsoluteZero.Tasks.Parsing;

/// <summary>One fenced block: <c>```lang</c> on its own line, content lines, <c>```</c> on its own line.</summary>
/// <param name="Language">The tag after the opening fence (<c>csharp</c>, <c>input</c>, <c>output</c>, <c>message</c>, …).</param>
/// <param name="Content">The lines between the fences, without leading and trailing blank lines (trailing spaces trimmed).</param>
/// <param name="Line">1-based line of the opening fence within the answer.</param>
public sealed record FencedBlock(string Language, string Content, int Line);

/// <summary>Splits an answer into fenced blocks; any other non-blank text is a format error.</summary>
internal static class FencedBlocks
{
    private const string Fence = "```";

    public static (List<FencedBlock>? Blocks, FormatFailure? Failure) Split(string answer)
    {
        var lines = answer.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<FencedBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith(Fence, StringComparison.Ordinal))
                return (null, new FormatFailure(FormatError.TextOutsideBlocks, $"text outside the fenced blocks in <answer>: '{Clip(trimmed)}'"));
            string language = trimmed[Fence.Length..].Trim();
            if (!IsLanguageTag(language))
                return (null, new FormatFailure(FormatError.UnexpectedBlock,
                    language.Length == 0 ? "a fenced block without a language tag (write e.g. ```input)" : $"'{Clip(trimmed)}' is not a fence line ```<tag> (fences go on their own lines)"));
            int open = i;
            var content = new List<string>();
            bool closed = false;
            for (i++; i < lines.Length; i++)
            {
                if (lines[i].Trim() == Fence) { closed = true; break; }
                content.Add(lines[i].TrimEnd());
            }
            if (!closed) return (null, new FormatFailure(FormatError.UnclosedBlock, $"the ```{language} block opened on answer line {open + 1} is never closed"));
            int first = content.FindIndex(l => l.Length > 0), last = content.FindLastIndex(l => l.Length > 0);
            string text = first < 0 ? "" : string.Join('\n', content.GetRange(first, last - first + 1));
            blocks.Add(new FencedBlock(language, text, open + 1));
        }
        return (blocks, null);
    }

    private static bool IsLanguageTag(string s) =>
        s.Length > 0 && s.Length <= 32 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '#' or '+' or '-');

    internal static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
