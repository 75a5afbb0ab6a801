namespace AbsoluteZero.Tasks.Parsing;

/// <summary>
/// The outer structure of every response: <c>&lt;think&gt;reasoning&lt;/think&gt; &lt;answer&gt;answer&lt;/answer&gt;</c>,
/// each tag exactly once, in that order, with only whitespace around them. This is stricter than the reference
/// code's <c>re.match(r"(?s)&lt;think&gt;.*?&lt;/think&gt;\s*&lt;answer&gt;.*?&lt;/answer&gt;")</c>, which tolerates trailing
/// text: stop generation at <c>&lt;/answer&gt;</c> (a stop string) so well-behaved responses end there.
/// </summary>
/// <param name="Reasoning">The text inside the think tags, trimmed.</param>
/// <param name="Answer">The text inside the answer tags (untrimmed).</param>
public sealed record ResponseEnvelope(string Reasoning, string Answer)
{
    private const string ThinkOpen = "<think>", ThinkClose = "</think>", AnswerOpen = "<answer>", AnswerClose = "</answer>";

    /// <summary>Splits <paramref name="response"/> (including the <c>&lt;think&gt;</c> the prompt may have opened) into reasoning and answer.</summary>
    public static ParseResult<ResponseEnvelope> Parse(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (string.IsNullOrWhiteSpace(response)) return Fail(FormatError.Empty, "the response is empty");

        foreach (var tag in new[] { ThinkOpen, ThinkClose, AnswerOpen, AnswerClose })
        {
            int n = Count(response, tag);
            if (n > 1) return Fail(FormatError.RepeatedTag, $"{tag} occurs {n} times; it must occur exactly once");
        }
        int thinkOpen = response.IndexOf(ThinkOpen, StringComparison.Ordinal);
        int thinkClose = response.IndexOf(ThinkClose, StringComparison.Ordinal);
        int answerOpen = response.IndexOf(AnswerOpen, StringComparison.Ordinal);
        int answerClose = response.IndexOf(AnswerClose, StringComparison.Ordinal);
        if (thinkOpen < 0 || thinkClose < 0)
            return Fail(FormatError.MissingThink, thinkOpen < 0 ? "no <think> tag" : "the <think> block is never closed with </think>");
        if (answerOpen < 0 || answerClose < 0)
            return Fail(FormatError.MissingAnswer, answerOpen < 0 ? "no <answer> tag after </think>" : "the <answer> block is never closed with </answer>");
        if (!(thinkOpen < thinkClose && thinkClose < answerOpen && answerOpen < answerClose))
            return Fail(FormatError.TagOrder, "tags must appear in the order <think> </think> <answer> </answer>");

        if (!IsBlank(response.AsSpan(0, thinkOpen)))
            return Fail(FormatError.TextOutsideTags, "text before <think>");
        int betweenStart = thinkClose + ThinkClose.Length;
        if (!IsBlank(response.AsSpan(betweenStart, answerOpen - betweenStart)))
            return Fail(FormatError.TextOutsideTags, "text between </think> and <answer>");
        if (!IsBlank(response.AsSpan(answerClose + AnswerClose.Length)))
            return Fail(FormatError.TextOutsideTags, "text after </answer>");

        int rStart = thinkOpen + ThinkOpen.Length, aStart = answerOpen + AnswerOpen.Length;
        var envelope = new ResponseEnvelope(response[rStart..thinkClose].Trim(), response[aStart..answerClose]);
        return ParseResult<ResponseEnvelope>.Ok(envelope, envelope.Reasoning);
    }

    private static ParseResult<ResponseEnvelope> Fail(FormatError error, string message) => ParseResult<ResponseEnvelope>.Fail(error, message);

    private static int Count(string text, string tag)
    {
        int n = 0;
        for (int i = text.IndexOf(tag, StringComparison.Ordinal); i >= 0; i = text.IndexOf(tag, i + tag.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static bool IsBlank(ReadOnlySpan<char> span) => span.IsWhiteSpace();
}
