using System.Text;
using AbsoluteZero.Tokenization.AddedTokens;
using AbsoluteZero.Tokenization.Bpe;

namespace AbsoluteZero.Tokenization.Decoding;

/// <summary>Id → bytes/text tables and the byte-level decode (HF ByteLevel decoder, lossy UTF-8).</summary>
internal sealed class TokenDecoder
{
    private readonly byte[]?[] _bytes;
    private readonly string?[] _tokens;
    private readonly AddedToken?[] _added;

    public TokenDecoder(Dictionary<string, int> vocab, IReadOnlyList<AddedToken> added)
    {
        int size = Math.Max(vocab.Values.Max(), added.Count == 0 ? -1 : added.Max(a => a.Id)) + 1;
        _bytes = new byte[size][];
        _tokens = new string[size];
        _added = new AddedToken[size];
        foreach (var (token, id) in vocab)
        {
            _tokens[id] = token;
            // A vocabulary entry outside the byte alphabet cannot come from byte-level BPE; write its UTF-8 as HF does.
            _bytes[id] = ByteLevelAlphabet.DecodeToken(token) ?? Encoding.UTF8.GetBytes(token);
        }
        foreach (var a in added)
        {
            _tokens[a.Id] = a.Content;
            _added[a.Id] = a;
            _bytes[a.Id] = null;
        }
    }

    public string? TokenString(int id) => id >= 0 && id < _tokens.Length ? _tokens[id] : null;

    public bool IsSpecial(int id) => id >= 0 && id < _added.Length && _added[id] is { Special: true };

    /// <summary>What one id contributes: bytes of a vocabulary token, an added token, or nothing.</summary>
    public (byte[]? Bytes, AddedToken? Added) Lookup(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        if (id >= _bytes.Length) return (null, null);
        return (_bytes[id], _added[id]);
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens)
    {
        var sb = new StringBuilder();
        var pending = new List<byte>(64);
        foreach (var id in ids)
        {
            var (bytes, added) = Lookup(id);
            if (added is not null)
            {
                if (skipSpecialTokens && added.Special) continue;
                Flush(pending, sb);
                sb.Append(added.Content);
            }
            else if (bytes is not null) pending.AddRange(bytes);
        }
        Flush(pending, sb);
        return sb.ToString();
    }

    private static void Flush(List<byte> pending, StringBuilder sb)
    {
        if (pending.Count == 0) return;
        sb.Append(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending)));
        pending.Clear();
    }

    /// <summary>transformers' clean_up_tokenization_spaces: removes spaces before punctuation and contractions.</summary>
    public static string CleanUpTokenizationSpaces(string text) => text
        .Replace(" .", ".").Replace(" ?", "?").Replace(" !", "!").Replace(" ,", ",").Replace(" ' ", "'")
        .Replace(" n't", "n't").Replace(" 'm", "'m").Replace(" 's", "'s").Replace(" 've", "'ve").Replace(" 're", "'re");
}
