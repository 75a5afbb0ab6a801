using System.Text;

namespace AbsoluteZero.Tokenization.Normalization;

/// <summary>
/// Unicode canonical normalization (NFC or NFD, UAX #15) with the tokenizer's own data, independent of ICU and of
/// invariant-globalization mode. Text that cannot change (all of ASCII, most CJK) is returned as is without copying.
/// </summary>
public sealed class CanonicalNormalizer : ITextNormalizer
{
    private readonly UnicodeNormalizationData _data = UnicodeNormalizationData.Instance;

    /// <summary>Canonical composition (tokenizer.json <c>{"type":"NFC"}</c>, used by Qwen2/2.5/3).</summary>
    public static CanonicalNormalizer Nfc { get; } = new(compose: true);

    /// <summary>Canonical decomposition (tokenizer.json <c>{"type":"NFD"}</c>).</summary>
    public static CanonicalNormalizer Nfd { get; } = new(compose: false);

    /// <summary>True for NFC, false for NFD.</summary>
    public bool Compose { get; }

    /// <summary>The Unicode version of the embedded normalization data.</summary>
    public string UnicodeVersion => _data.UnicodeVersion;

    private CanonicalNormalizer(bool compose) => Compose = compose;

    /// <inheritdoc/>
    public string Normalize(string text)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
            if (MaybeUnstable(text[i])) { first = i; break; }
        if (first < 0) return text;

        // Everything before the previous starter is stable and cannot interact with what follows.
        int start = Math.Max(0, first - 1);
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;

        var cps = new List<int>(text.Length - start + 8);
        Decompose(text.AsSpan(start), cps);
        Reorder(cps);
        if (Compose) ComposeInPlace(cps);

        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, start);
        foreach (var cp in cps)
        {
            if (cp < 0x10000) sb.Append((char)cp);
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        var result = sb.ToString();
        return result == text ? text : result;
    }

    // NFD also changes precomposed Hangul syllables, which NFC leaves alone.
    private bool MaybeUnstable(char c) =>
        _data.MaybeUnstable(c) || (!Compose && c >= UnicodeNormalizationData.SBase && c < UnicodeNormalizationData.SBase + UnicodeNormalizationData.SCount);

    private void Decompose(ReadOnlySpan<char> span, List<int> output)
    {
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            int cp = c;
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                cp = char.ConvertToUtf32(c, span[++i]);
            if (cp >= UnicodeNormalizationData.SBase && cp < UnicodeNormalizationData.SBase + UnicodeNormalizationData.SCount)
            {
                int s = cp - UnicodeNormalizationData.SBase;
                output.Add(UnicodeNormalizationData.LBase + s / UnicodeNormalizationData.NCount);
                output.Add(UnicodeNormalizationData.VBase + s % UnicodeNormalizationData.NCount / UnicodeNormalizationData.TCount);
                int t = s % UnicodeNormalizationData.TCount;
                if (t != 0) output.Add(UnicodeNormalizationData.TBase + t);
                continue;
            }
            if (_data.MaybeUnstable(c) && _data.Decomposition(cp) is { } d) output.AddRange(d);
            else output.Add(cp);
        }
    }

    /// <summary>Canonical ordering: a stable sort of each run of non-starters by combining class.</summary>
    private void Reorder(List<int> cps)
    {
        for (int i = 1; i < cps.Count; i++)
        {
            int cc = _data.CombiningClass(cps[i]);
            if (cc == 0) continue;
            int j = i;
            while (j > 0)
            {
                int prev = _data.CombiningClass(cps[j - 1]);
                if (prev <= cc) break;
                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private void ComposeInPlace(List<int> cps)
    {
        int starter = -1, lastClass = 0, write = 0;
        for (int read = 0; read < cps.Count; read++)
        {
            int cp = cps[read];
            int cc = _data.CombiningClass(cp);
            if (starter >= 0)
            {
                bool adjacent = write - 1 == starter;
                bool blocked = !adjacent && (lastClass == 0 || lastClass >= cc);
                if (!blocked)
                {
                    int composite = _data.Compose(cps[starter], cp);
                    if (composite >= 0)
                    {
                        cps[starter] = composite;
                        continue;
                    }
                }
            }
            if (cc == 0) starter = write;
            lastClass = cc;
            cps[write++] = cp;
        }
        cps.RemoveRange(write, cps.Count - write);
    }
}
