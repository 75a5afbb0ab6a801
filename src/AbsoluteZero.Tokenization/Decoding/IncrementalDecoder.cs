using System.Text;

namespace AbsoluteZero.Tokenization.Decoding;

/// <summary>
/// Decodes ids one at a time for streaming: a character split across tokens is held back until its last byte
/// arrives, so the concatenated output equals <see cref="HfTokenizer.Decode(IEnumerable{int}, bool)"/> of all ids.
/// Not thread-safe (one per stream).
/// </summary>
public sealed class IncrementalDecoder
{
    private readonly TokenDecoder _tables;
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly bool _skipSpecialTokens;
    private char[] _buffer = new char[64];

    internal IncrementalDecoder(TokenDecoder tables, bool skipSpecialTokens)
    {
        _tables = tables;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <summary>Adds one id; returns the text that became complete (possibly empty).</summary>
    public string Append(int id)
    {
        var (bytes, added) = _tables.Lookup(id);
        if (added is not null)
        {
            if (_skipSpecialTokens && added.Special) return "";
            return Convert([], flush: true) + added.Content;
        }
        return bytes is null ? "" : Convert(bytes, flush: false);
    }

    /// <summary>Ends the stream: bytes of an unfinished character become U+FFFD.</summary>
    public string Flush() => Convert([], flush: true);

    private string Convert(byte[] bytes, bool flush)
    {
        int needed = bytes.Length + 8; // each byte yields at most one char; held-back bytes at most three U+FFFD
        if (_buffer.Length < needed) _buffer = new char[needed * 2];
        int n = _utf8.GetChars(bytes, 0, bytes.Length, _buffer, 0, flush);
        return new string(_buffer, 0, n);
    }
}
