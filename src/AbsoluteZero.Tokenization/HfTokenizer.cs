using System.Text;
using AbsoluteZero.Tokenization.AddedTokens;
using AbsoluteZero.Tokenization.Bpe;
using AbsoluteZero.Tokenization.Decoding;
using AbsoluteZero.Tokenization.Embedded;
using AbsoluteZero.Tokenization.Loading;
using AbsoluteZero.Tokenization.Normalization;
using AbsoluteZero.Tokenization.PreTokenization;

namespace AbsoluteZero.Tokenization;

/// <summary>
/// A Hugging Face byte-level BPE tokenizer (Qwen2/2.5/3, Llama 3, GPT-2 style) loaded from tokenizer.json and
/// tokenizer_config.json, producing the same ids as HF <c>tokenizers</c>. Thread-safe after construction.
/// </summary>
/// <remarks>
/// Encoding: added tokens (special or not, e.g. <c>&lt;|im_start|&gt;</c>, <c>&lt;think&gt;</c>) are cut out of the raw
/// text first; each remaining run is normalized (NFC for Qwen), split by the file's pre-tokenizer regex with
/// code-point semantics, and each piece is merged by byte-level BPE (Microsoft.ML.Tokenizers), with a per-piece cache.
/// Lone UTF-16 surrogates (not valid Unicode) are encoded as U+FFFD, which is what UTF-8 encoding would write.
/// </remarks>
public sealed class HfTokenizer
{
    private readonly TokenizerDefinition _definition;
    private readonly ByteLevelBpeModel _model;
    private readonly AddedTokenSplitter _rawSplitter;
    private readonly AddedTokenSplitter? _normalizedSplitter;
    private readonly Dictionary<string, int> _addedByContent;
    private readonly TokenDecoder _decoder;

    /// <summary>The files the tokenizer was loaded from (copied into checkpoints by <see cref="CopyFilesTo"/>).</summary>
    public TokenizerFiles Files { get; }

    /// <summary>tokenizer_config.json and chat template, as read.</summary>
    public TokenizerConfig Config { get; }

    /// <summary>Where the tokenizer came from: a directory path or <c>embedded:tiny</c>.</summary>
    public string Origin => Files.Origin;

    /// <summary>Number of token ids: the highest id of the vocabulary or the added tokens, plus one (HF <c>len(tokenizer)</c>).
    /// A model's embedding table may be larger (Qwen pads to 151936); ids beyond this decode to nothing.</summary>
    public int VocabSize { get; }

    /// <summary>Added tokens (special and not), in file order.</summary>
    public IReadOnlyList<AddedToken> AddedTokens => _definition.AddedTokens;

    /// <summary>Special added tokens (content → id): those skipped by decode with skipSpecialTokens.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The end-of-sequence token (tokenizer_config eos_token), or null when not configured.</summary>
    public string? EosToken => Config.EosToken;

    /// <summary>Id of <see cref="EosToken"/>, or null.</summary>
    public int? EosTokenId { get; }

    /// <summary>The padding token: pad_token, or <see cref="EosToken"/> when no pad_token is configured.</summary>
    public string? PadToken { get; }

    /// <summary>Id of <see cref="PadToken"/>, or null.</summary>
    public int? PadTokenId { get; }

    /// <summary>Id of bos_token, or null (Qwen has none).</summary>
    public int? BosTokenId { get; }

    /// <summary>The chat template text from the model directory, or null.</summary>
    public string? ChatTemplate => Config.ChatTemplate;

    /// <summary>The normalizer (null when tokenizer.json has none).</summary>
    public ITextNormalizer? Normalizer => _definition.Normalizer;

    private HfTokenizer(TokenizerFiles files, int cacheCapacity)
    {
        Files = files;
        string label(string name) => files.Origin.StartsWith("embedded:", StringComparison.Ordinal) ? $"{name} ({files.Origin})" : Path.Combine(files.Origin, name);
        _definition = TokenizerJsonReader.Read(files.Get(TokenizerFiles.TokenizerJson)!, label(TokenizerFiles.TokenizerJson));
        var jinja = files.Get("chat_template.jinja") is { } jb ? Encoding.UTF8.GetString(jb) : null;
        Config = TokenizerConfig.Read(files.Get(TokenizerFiles.TokenizerConfigJson), jinja, files.Get("chat_template.json"), label(TokenizerFiles.TokenizerConfigJson));

        _model = new ByteLevelBpeModel(_definition.Vocab, _definition.Merges, _definition.IgnoreMerges, cacheCapacity);
        _rawSplitter = new AddedTokenSplitter(_definition.AddedTokens.Where(t => !t.Normalized));
        var normalizedTokens = _definition.AddedTokens.Where(t => t.Normalized).ToList();
        _normalizedSplitter = normalizedTokens.Count > 0 ? new AddedTokenSplitter(normalizedTokens) : null;
        _addedByContent = _definition.AddedTokens.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        SpecialTokens = _definition.AddedTokens.Where(t => t.Special).ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        _decoder = new TokenDecoder(_definition.Vocab, _definition.AddedTokens);
        VocabSize = Math.Max(_definition.Vocab.Values.Max(), _definition.AddedTokens.Count == 0 ? -1 : _definition.AddedTokens.Max(t => t.Id)) + 1;

        string configLabel = label(TokenizerFiles.TokenizerConfigJson);
        EosTokenId = ResolveConfigured(Config.EosToken, "eos_token", configLabel);
        PadToken = Config.PadToken ?? Config.EosToken;
        PadTokenId = ResolveConfigured(PadToken, Config.PadToken is null ? "eos_token" : "pad_token", configLabel);
        BosTokenId = ResolveConfigured(Config.BosToken, "bos_token", configLabel);
    }

    private int? ResolveConfigured(string? token, string key, string file)
    {
        if (token is null) return null;
        return TokenToId(token) ?? throw new InvalidDataException($"{file}: key '{key}': token '{token}' is neither an added token nor in the vocabulary");
    }

    /// <summary>Loads tokenizer.json (+ tokenizer_config.json, chat template files) from a model directory.</summary>
    /// <exception cref="DirectoryNotFoundException">No such directory.</exception>
    /// <exception cref="FileNotFoundException">No tokenizer.json in it.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or uses an unsupported feature; the message names the file and key.</exception>
    public static HfTokenizer Load(string directory) => new(TokenizerFiles.ReadDirectory(directory), ByteLevelBpeModel.DefaultCacheCapacity);

    /// <summary>Builds a tokenizer from in-memory files; <paramref name="cacheCapacity"/> 0 disables the piece cache.</summary>
    public static HfTokenizer FromFiles(TokenizerFiles files, int cacheCapacity = ByteLevelBpeModel.DefaultCacheCapacity) => new(files, cacheCapacity);

    /// <summary>The small byte-level BPE tokenizer built into the assembly (for <c>--preset tiny</c>; see <see cref="EmbeddedTokenizer"/>).</summary>
    public static HfTokenizer LoadEmbeddedTiny() => new(EmbeddedTokenizer.Files(), ByteLevelBpeModel.DefaultCacheCapacity);

    /// <summary>
    /// Encodes text to ids. No special tokens are added (no BOS/EOS); text of added tokens inside
    /// <paramref name="text"/> (e.g. <c>&lt;|im_start|&gt;</c>) becomes those tokens.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        EncodeInto(text, ids);
        return [.. ids];
    }

    /// <summary>
    /// Encodes text; with <paramref name="addSpecialTokens"/> the tokenizer.json post-processor's template is applied
    /// (e.g. Llama 3 prepends <c>&lt;|begin_of_text|&gt;</c>; Qwen adds nothing).
    /// </summary>
    /// <exception cref="NotSupportedException">addSpecialTokens with a post-processor type that is not implemented.</exception>
    public int[] Encode(string text, bool addSpecialTokens)
    {
        if (!addSpecialTokens) return Encode(text);
        if (_definition.UnsupportedPostProcessor is { } what)
            throw new NotSupportedException($"{Origin}: tokenizer.json {what} is not supported; encode without special tokens and add them yourself");
        var ids = new List<int>();
        if (_definition.Template is { } t) ids.AddRange(t.Before);
        EncodeInto(text, ids);
        if (_definition.Template is { } t2) ids.AddRange(t2.After);
        return [.. ids];
    }

    /// <summary>Encodes many texts, in parallel when there are several (same results as <see cref="Encode(string)"/>).</summary>
    public int[][] EncodeBatch(IReadOnlyList<string> texts)
    {
        var result = new int[texts.Count][];
        if (texts.Count < 4)
        {
            for (int i = 0; i < texts.Count; i++) result[i] = Encode(texts[i]);
            return result;
        }
        Parallel.For(0, texts.Count, i => result[i] = Encode(texts[i]));
        return result;
    }

    private void EncodeInto(string text, List<int> ids)
    {
        text = ReplaceLoneSurrogates(text);
        var segments = new List<Segment>();
        _rawSplitter.Split(text, segments);
        var pieces = new List<Piece>();
        var split = new List<Piece>();
        List<Segment>? inner = _normalizedSplitter is null ? null : [];
        foreach (var segment in segments)
        {
            if (segment.Token is { } token)
            {
                ids.Add(token.Id);
                continue;
            }
            var normalized = _definition.Normalizer?.Normalize(segment.Text) ?? segment.Text;
            if (inner is null)
            {
                EncodePlain(normalized, pieces, split, ids);
                continue;
            }
            inner.Clear();
            _normalizedSplitter!.Split(normalized, inner);
            foreach (var s in inner)
            {
                if (s.Token is { } t) ids.Add(t.Id);
                else EncodePlain(s.Text, pieces, split, ids);
            }
        }
    }

    private void EncodePlain(string text, List<Piece> pieces, List<Piece> split, List<int> ids)
    {
        if (text.Length == 0) return;
        pieces.Clear();
        split.Clear();
        pieces.Add(new Piece(text, 0, text.Length));
        _definition.PreTokenizer.Split(pieces, split);
        foreach (var piece in split) _model.EncodePiece(piece.Span, ids);
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        int i = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return text;
        StringBuilder? sb = null;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c))
            {
                sb ??= new StringBuilder(text);
                sb[i] = '\uFFFD';
            }
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>
    /// Decodes ids to text. Added tokens are written as their content; with <paramref name="skipSpecialTokens"/>,
    /// special ones (<c>&lt;|im_end|&gt;</c>, not <c>&lt;think&gt;</c>) are left out. Invalid UTF-8 (a sequence cut
    /// mid-character) becomes U+FFFD. Ids outside the vocabulary (padding rows of the embedding) are skipped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative id.</exception>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false) => _decoder.Decode(ids, skipSpecialTokens);

    /// <summary>As <see cref="Decode(IEnumerable{int}, bool)"/>, then HF's clean_up_tokenization_spaces when asked.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens, bool cleanUpTokenizationSpaces)
    {
        var text = _decoder.Decode(ids, skipSpecialTokens);
        return cleanUpTokenizationSpaces ? TokenDecoder.CleanUpTokenizationSpaces(text) : text;
    }

    /// <summary>A decoder that turns ids into text as they are generated (for streaming output).</summary>
    public IncrementalDecoder CreateIncrementalDecoder(bool skipSpecialTokens = false) => new(_decoder, skipSpecialTokens);

    /// <summary>The id of a vocabulary entry (byte-level spelling, e.g. "Ġthe") or added token, or null.</summary>
    public int? TokenToId(string token) =>
        _addedByContent.TryGetValue(token, out var a) ? a : _definition.Vocab.TryGetValue(token, out var v) ? v : null;

    /// <summary>The vocabulary entry (byte-level spelling) or added-token content of <paramref name="id"/>, or null.</summary>
    public string? IdToToken(int id) => _decoder.TokenString(id);

    /// <summary>True when <paramref name="id"/> is a special added token.</summary>
    public bool IsSpecial(int id) => _decoder.IsSpecial(id);

    /// <summary>The id of an added token by its content (special or not, e.g. "&lt;|im_end|&gt;").</summary>
    /// <exception cref="KeyNotFoundException">The tokenizer has no such added token.</exception>
    public int GetAddedTokenId(string content) =>
        _addedByContent.TryGetValue(content, out var id) ? id : throw new KeyNotFoundException($"{Origin}: the tokenizer has no added token '{content}'");

    /// <summary>Writes the tokenizer's files into <paramref name="directory"/> (each atomically), so a checkpoint
    /// directory is a complete Hugging Face directory.</summary>
    public void CopyFilesTo(string directory) => Files.WriteTo(directory);
}
