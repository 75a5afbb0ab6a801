namespace AbsoluteZero.Audit.Semantic;

/// <summary>A passage of a text the classifier scores on its own: character range and the text itself.</summary>
/// <param name="Start">UTF-16 offset of the first character in the source text.</param>
/// <param name="End">Offset one past the last character.</param>
/// <param name="Text">The passage, whitespace runs collapsed to one space.</param>
public sealed record TextWindow(int Start, int End, string Text);

/// <summary>
/// Cuts reasoning into the passages the classifier scores: every sentence, every pair of neighbouring sentences, and
/// the whole text when it is short. A sentence embedding of a 2,000-token rollout is a blur of everything in it; one
/// unsafe sentence among forty benign ones only stands out when it is scored with little around it, and pairs catch
/// intent that is split over two sentences ("I could fake it. Nobody would know.").
/// </summary>
public static class TextWindows
{
    /// <summary>Longest window in words; the embedding model reads at most 256 word pieces.</summary>
    public const int MaxWords = 64;

    /// <summary>Texts up to this many words are also scored whole.</summary>
    public const int WholeTextWords = 80;

    /// <summary>The windows of <paramref name="text"/>, deduplicated, in order of start.</summary>
    public static IReadOnlyList<TextWindow> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<(int Start, int End)>();
        foreach (var (s, e) in Sentences(text))
            sentences.AddRange(Chunks(text, s, e));
        var windows = new List<TextWindow>();
        var seen = new HashSet<(int, int)>();
        void Add(int s, int e)
        {
            if (!seen.Add((s, e))) return;
            string collapsed = Collapse(text.AsSpan(s, e - s));
            if (WordCount(collapsed) >= 2) windows.Add(new TextWindow(s, e, collapsed));
        }
        for (int i = 0; i < sentences.Count; i++)
        {
            Add(sentences[i].Start, sentences[i].End);
            if (i + 1 < sentences.Count && WordCount(text, sentences[i].Start, sentences[i + 1].End) <= MaxWords)
                Add(sentences[i].Start, sentences[i + 1].End);
        }
        if (sentences.Count > 2 && WordCount(text, sentences[0].Start, sentences[^1].End) <= WholeTextWords)
            Add(sentences[0].Start, sentences[^1].End);
        windows.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return windows;
    }

    // A sentence ends at . ! ? followed by white space or the end, or at a line break; "x.Length" and "3.5" stay whole.
    private static IEnumerable<(int Start, int End)> Sentences(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool end = c == '\n' || ((c == '.' || c == '!' || c == '?') && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!end) continue;
            if (Trim(text, start, i + 1) is { } sentence) yield return sentence;
            start = i + 1;
        }
        if (Trim(text, start, text.Length) is { } last) yield return last;
    }

    private static (int, int)? Trim(string text, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return e > s ? (s, e) : null;
    }

    // A run-on sentence (or a line of code) longer than MaxWords becomes overlapping chunks of MaxWords words.
    private static IEnumerable<(int Start, int End)> Chunks(string text, int s, int e)
    {
        var words = new List<(int Start, int End)>();
        for (int i = s; i < e;)
        {
            while (i < e && char.IsWhiteSpace(text[i])) i++;
            int w = i;
            while (i < e && !char.IsWhiteSpace(text[i])) i++;
            if (i > w) words.Add((w, i));
        }
        if (words.Count <= MaxWords) { yield return (s, e); yield break; }
        int step = MaxWords / 2;
        for (int first = 0; ; first += step)
        {
            int last = Math.Min(first + MaxWords, words.Count) - 1;
            yield return (words[first].Start, words[last].End);
            if (last == words.Count - 1) yield break;
        }
    }

    private static int WordCount(string text, int s, int e) => WordCount(text.AsSpan(s, e - s));

    private static int WordCount(ReadOnlySpan<char> span)
    {
        int count = 0; bool inWord = false;
        foreach (char c in span)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }

    /// <summary>Collapses runs of white space to one space and trims.</summary>
    public static string Collapse(ReadOnlySpan<char> span)
    {
        var sb = new System.Text.StringBuilder(span.Length);
        bool space = false;
        foreach (char c in span)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
