using System.Text.Json;
using AbsoluteZero.Tokenization.AddedTokens;
using AbsoluteZero.Tokenization.Bpe;
using AbsoluteZero.Tokenization.Normalization;
using AbsoluteZero.Tokenization.PreTokenization;

namespace AbsoluteZero.Tokenization.Loading;

/// <summary>Everything tokenizer.json says, validated.</summary>
internal sealed record TokenizerDefinition(
    Dictionary<string, int> Vocab,
    List<(string Left, string Right)> Merges,
    bool IgnoreMerges,
    List<AddedToken> AddedTokens,
    ITextNormalizer? Normalizer,
    IPreTokenizer PreTokenizer,
    SpecialTokensTemplate? Template,
    string? UnsupportedPostProcessor);

/// <summary>The ids a TemplateProcessing post-processor puts around a single sequence.</summary>
internal sealed record SpecialTokensTemplate(int[] Before, int[] After);

/// <summary>
/// Reads a Hugging Face tokenizer.json for a byte-level BPE model. Anything that would change the ids or the decoded
/// text and is not implemented is rejected with the file and key named.
/// </summary>
internal static class TokenizerJsonReader
{
    public static TokenizerDefinition Read(byte[] bytes, string fileLabel)
    {
        var j = new JsonReading(fileLabel);
        using var doc = j.Parse(bytes);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw j.Error("", "the file must hold a JSON object");

        var model = j.Required(root, "model", "");
        var modelType = j.OptionalString(model, "type", "model") ?? "BPE";
        if (modelType != "BPE")
            throw j.Error("model.type", $"'{modelType}' is not supported: only byte-level BPE tokenizers (Qwen2/2.5/3, Llama 3, GPT-2 style) are");
        foreach (var name in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
            if (j.OptionalString(model, name, "model") is { Length: > 0 } v)
                throw j.Error("model." + name, $"'{v}' is not supported by byte-level BPE");
        if (j.Optional(model, "dropout") is { } dropout && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() != 0)
            throw j.Error("model.dropout", "BPE dropout is not supported (tokenization must be deterministic)");

        var vocab = ReadVocab(j, j.Required(model, "vocab", "model"));
        for (int b = 0; b < 256; b++)
        {
            var symbol = ByteLevelAlphabet.Encode((byte)b).ToString();
            if (!vocab.ContainsKey(symbol))
                throw j.Error("model.vocab", $"lacks the byte-level symbol '{symbol}' for byte 0x{b:X2}; text containing that byte could not be encoded");
        }
        var merges = ReadMerges(j, j.Required(model, "merges", "model"), vocab);
        bool ignoreMerges = j.Bool(model, "ignore_merges", "model", false);
        var added = ReadAddedTokens(j, root);

        var normalizer = j.Optional(root, "normalizer") is { } n ? ReadNormalizer(j, n, "normalizer") : null;
        var preTokenizerSpec = j.Optional(root, "pre_tokenizer") ?? throw j.Error("pre_tokenizer", "is missing; byte-level BPE needs a ByteLevel pre-tokenizer");
        bool sawByteLevel = false;
        var preTokenizer = ReadPreTokenizer(j, preTokenizerSpec, "pre_tokenizer", ref sawByteLevel);
        if (!sawByteLevel)
            throw j.Error("pre_tokenizer", "has no ByteLevel step: only byte-level BPE tokenizers are supported");
        CheckDecoder(j, j.Optional(root, "decoder") ?? throw j.Error("decoder", "is missing; a ByteLevel decoder is required"), "decoder");


        SpecialTokensTemplate? template = null;
        string? unsupported = null;
        if (j.Optional(root, "post_processor") is { } post)
            ReadPostProcessor(j, post, "post_processor", ref template, ref unsupported);

        return new TokenizerDefinition(vocab, merges, ignoreMerges, added, normalizer, preTokenizer, template, unsupported);
    }

    private static Dictionary<string, int> ReadVocab(JsonReading j, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw j.Error("model.vocab", $"expected an object of token → id, found {e.ValueKind}");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<int, string>();
        foreach (var p in e.EnumerateObject())
        {
            int id = j.Int(p.Value, $"model.vocab[\"{p.Name}\"]");
            if (id < 0) throw j.Error($"model.vocab[\"{p.Name}\"]", $"negative id {id}");
            if (seen.TryGetValue(id, out var other)) throw j.Error("model.vocab", $"id {id} is used by both '{other}' and '{p.Name}'");
            seen[id] = p.Name;
            vocab[p.Name] = id;
        }
        if (vocab.Count == 0) throw j.Error("model.vocab", "is empty");
        return vocab;
    }

    private static List<(string, string)> ReadMerges(JsonReading j, JsonElement e, Dictionary<string, int> vocab)
    {
        j.Array(e, "model.merges");
        var merges = new List<(string, string)>(e.GetArrayLength());
        int i = 0;
        foreach (var m in e.EnumerateArray())
        {
            string key = $"model.merges[{i}]";
            string left, right;
            if (m.ValueKind == JsonValueKind.String)
            {
                var s = m.GetString()!;
                int space = s.IndexOf(' ');
                if (space <= 0 || space == s.Length - 1 || s.IndexOf(' ', space + 1) >= 0)
                    throw j.Error(key, $"'{s}' is not of the form \"left right\"");
                (left, right) = (s[..space], s[(space + 1)..]);
            }
            else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2)
            {
                left = j.String(m[0], key + "[0]");
                right = j.String(m[1], key + "[1]");
                if (left.Contains(' ') || right.Contains(' '))
                    throw j.Error(key, "a merge part contains a space, which a byte-level vocabulary never does");
            }
            else throw j.Error(key, "expected \"left right\" or [\"left\", \"right\"]");
            foreach (var part in new[] { left, right, left + right })
                if (!vocab.ContainsKey(part)) throw j.Error(key, $"'{part}' is not in model.vocab");
            merges.Add((left, right));
            i++;
        }
        // HF keeps the last rank of a duplicated pair; keep that one so relative ranks match.
        var lastIndex = new Dictionary<(string, string), int>();
        for (int k = 0; k < merges.Count; k++) lastIndex[merges[k]] = k;
        if (lastIndex.Count == merges.Count) return merges;
        return merges.Where((m, k) => lastIndex[m] == k).ToList();
    }

    private static List<AddedToken> ReadAddedTokens(JsonReading j, JsonElement root)
    {
        var list = new List<AddedToken>();
        if (j.Optional(root, "added_tokens") is not { } arr) return list;
        j.Array(arr, "added_tokens");
        var ids = new HashSet<int>();
        var contents = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var t in arr.EnumerateArray())
        {
            string key = $"added_tokens[{i++}]";
            int id = j.Int(j.Required(t, "id", key), key + ".id");
            string content = j.String(j.Required(t, "content", key), key + ".content");
            if (content.Length == 0) throw j.Error(key + ".content", "is empty");
            if (!ids.Add(id)) throw j.Error(key + ".id", $"id {id} appears twice in added_tokens");
            if (!contents.Add(content)) throw j.Error(key + ".content", $"'{content}' appears twice in added_tokens");
            list.Add(new AddedToken(id, content,
                Special: j.Bool(t, "special", key, false),
                SingleWord: j.Bool(t, "single_word", key, false),
                LStrip: j.Bool(t, "lstrip", key, false),
                RStrip: j.Bool(t, "rstrip", key, false),
                Normalized: j.Bool(t, "normalized", key, false)));
        }
        return list;
    }

    private static ITextNormalizer? ReadNormalizer(JsonReading j, JsonElement e, string path)
    {
        var type = j.String(j.Required(e, "type", path), path + ".type");
        switch (type)
        {
            case "NFC": return CanonicalNormalizer.Nfc;
            case "NFD": return CanonicalNormalizer.Nfd;
            case "Sequence":
                var items = j.Array(j.Required(e, "normalizers", path), path + ".normalizers");
                var list = new List<ITextNormalizer>();
                int i = 0;
                foreach (var item in items.EnumerateArray())
                    if (ReadNormalizer(j, item, $"{path}.normalizers[{i++}]") is { } n) list.Add(n);
                return list.Count == 0 ? null : list.Count == 1 ? list[0] : new SequenceNormalizer(list);
            default:
                throw j.Error(path + ".type", $"normalizer '{type}' is not supported (supported: NFC, NFD, Sequence of those)");
        }
    }

    private static IPreTokenizer ReadPreTokenizer(JsonReading j, JsonElement e, string path, ref bool sawByteLevel)
    {
        var type = j.String(j.Required(e, "type", path), path + ".type");
        switch (type)
        {
            case "Sequence":
            {
                var items = j.Array(j.Required(e, "pretokenizers", path), path + ".pretokenizers");
                var steps = new List<IPreTokenizer>();
                int i = 0;
                foreach (var item in items.EnumerateArray())
                    steps.Add(ReadPreTokenizer(j, item, $"{path}.pretokenizers[{i++}]", ref sawByteLevel));
                return new SequencePreTokenizer(steps);
            }
            case "ByteLevel":
                sawByteLevel = true;
                return new ByteLevelPreTokenizer(j.Bool(e, "add_prefix_space", path, true), j.Bool(e, "use_regex", path, true));
            case "Digits":
                return new DigitsPreTokenizer(j.Bool(e, "individual_digits", path, false));
            case "Split":
            {
                var pattern = j.Required(e, "pattern", path);
                string? regex = j.OptionalString(pattern, "Regex", path + ".pattern");
                string? literal = j.OptionalString(pattern, "String", path + ".pattern");
                if (regex is null == literal is null) throw j.Error(path + ".pattern", "expected exactly one of {\"Regex\": ...} or {\"String\": ...}");
                var behaviorName = j.OptionalString(e, "behavior", path) ?? "Isolated";
                if (!Enum.TryParse<SplitBehavior>(behaviorName, ignoreCase: true, out var behavior))
                    throw j.Error(path + ".behavior", $"unknown split behavior '{behaviorName}'");
                try
                {
                    return new RegexSplitPreTokenizer(regex ?? literal!, behavior, j.Bool(e, "invert", path, false), isLiteral: regex is null);
                }
                catch (ArgumentException ex)
                {
                    throw j.Error(path + ".pattern.Regex", ex.Message);
                }
            }
            default:
                throw j.Error(path + ".type", $"pre-tokenizer '{type}' is not supported (supported: Split, ByteLevel, Digits, Sequence)");
        }
    }

    private static void CheckDecoder(JsonReading j, JsonElement e, string path)
    {
        var type = j.String(j.Required(e, "type", path), path + ".type");
        if (type == "ByteLevel") return;
        if (type == "Sequence")
        {
            var items = j.Array(j.Required(e, "decoders", path), path + ".decoders");
            int i = 0;
            foreach (var item in items.EnumerateArray()) CheckDecoder(j, item, $"{path}.decoders[{i++}]");
            return;
        }
        throw j.Error(path + ".type", $"decoder '{type}' is not supported (only ByteLevel, as byte-level BPE uses)");
    }

    private static void ReadPostProcessor(JsonReading j, JsonElement e, string path, ref SpecialTokensTemplate? template, ref string? unsupported)
    {
        var type = j.String(j.Required(e, "type", path), path + ".type");
        switch (type)
        {
            case "ByteLevel":
                return; // only adjusts offsets
            case "Sequence":
            {
                int i = 0;
                foreach (var item in j.Array(j.Required(e, "processors", path), path + ".processors").EnumerateArray())
                    ReadPostProcessor(j, item, $"{path}.processors[{i++}]", ref template, ref unsupported);
                return;
            }
            case "TemplateProcessing":
            {
                var specials = j.Optional(e, "special_tokens");
                var before = new List<int>();
                var after = new List<int>();
                bool seenSequence = false;
                int i = 0;
                foreach (var piece in j.Array(j.Required(e, "single", path), path + ".single").EnumerateArray())
                {
                    string key = $"{path}.single[{i++}]";
                    if (j.Optional(piece, "Sequence") is not null) { seenSequence = true; continue; }
                    var special = j.Required(piece, "SpecialToken", key);
                    var name = j.String(j.Required(special, "id", key + ".SpecialToken"), key + ".SpecialToken.id");
                    var entry = specials is { } s ? j.Optional(s, name) : null;
                    if (entry is null) throw j.Error(path + ".special_tokens", $"has no entry for '{name}'");
                    int k = 0;
                    foreach (var id in j.Array(j.Required(entry.Value, "ids", $"{path}.special_tokens.{name}"), $"{path}.special_tokens.{name}.ids").EnumerateArray())
                        (seenSequence ? after : before).Add(j.Int(id, $"{path}.special_tokens.{name}.ids[{k++}]"));
                }
                template = new SpecialTokensTemplate([.. before], [.. after]);
                return;
            }
            default:
                unsupported = $"{path}.type '{type}'";
                return;
        }
    }
}
