using System.Text.Json.Nodes;
using AbsoluteZero.Tokenization.Bpe;

namespace AbsoluteZero.Tokenization.Tests.Loading;

/// <summary>Loader and encoder features on synthetic variants of the tiny tokenizer (no downloads).</summary>
public class EncodingBehaviourTests
{
    private static readonly HfTokenizer Tiny = HfTokenizer.LoadEmbeddedTiny();

    [Fact]
    public void StringAndPairMergeFormatsGiveTheSameIds()
    {
        var t = TokenizerFixture.TokenizerJson();
        var merges = t["model"]!["merges"]!.AsArray();
        var strings = new JsonArray(merges.Select(m => (JsonNode)JsonValue.Create($"{m![0]} {m[1]}")).ToArray());
        t["model"]!["merges"] = strings;
        var fromStrings = TokenizerFixture.Build(t);
        const string text = "public static int Count(string text) => text.Length; // The answer is 42.";
        Assert.Equal(Tiny.Encode(text), fromStrings.Encode(text));
    }

    [Fact]
    public void AddedTokensSpecialOrNotStripAndSkip()
    {
        var t = TokenizerFixture.TokenizerJson();
        var added = t["added_tokens"]!.AsArray();
        added.Add(JsonNode.Parse("""{"id": 4096, "content": "<think>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": false}"""));
        added.Add(JsonNode.Parse("""{"id": 4097, "content": "[MASK]", "single_word": false, "lstrip": true, "rstrip": true, "normalized": false, "special": true}"""));
        added.Add(JsonNode.Parse("""{"id": 4098, "content": "word", "single_word": true, "lstrip": false, "rstrip": false, "normalized": false, "special": false}"""));
        var tok = TokenizerFixture.Build(t);

        Assert.Equal(4099, tok.VocabSize);
        var ids = tok.Encode("a <think>b</think>");
        Assert.Contains(4096, ids);
        Assert.Equal("a <think>b</think>", tok.Decode(ids, skipSpecialTokens: true)); // non-special survives skipping

        // lstrip/rstrip: the spaces around [MASK] belong to it.
        var masked = tok.Encode("x   [MASK]   y");
        Assert.Equal(tok.Encode("x").Concat([4097]).Concat(tok.Encode("y")), masked);
        Assert.Equal("xy", tok.Decode(masked, skipSpecialTokens: true));

        // single_word: only matched as a whole word.
        Assert.Contains(4098, tok.Encode("a word here"));
        Assert.DoesNotContain(4098, tok.Encode("swordfish"));

        // Longest match wins, special tokens inside text are recognised, partial ones are not.
        Assert.Equal([4094, 4095], tok.Encode("<|im_start|><|im_end|>"));
        Assert.DoesNotContain(4094, tok.Encode("<|im_start"));
    }

    [Fact]
    public void NormalizedAddedTokensMatchAfterNfc()
    {
        var t = TokenizerFixture.TokenizerJson();
        t["added_tokens"]!.AsArray().Add(JsonNode.Parse("""{"id": 4096, "content": "café", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false}"""));
        var tok = TokenizerFixture.Build(t);
        Assert.Equal([4096], tok.Encode("cafe\u0301"));
    }

    [Fact]
    public void IgnoreMergesTakesWholeVocabularyEntries()
    {
        // A vocabulary entry that the merges cannot build ("Ġxyzzy" added without merges): only ignore_merges finds it.
        var t = TokenizerFixture.TokenizerJson();
        var vocab = t["model"]!["vocab"]!.AsObject();
        var added = t["added_tokens"]!.AsArray();
        foreach (var a in added) a!["id"] = a["id"]!.GetValue<int>() + 1;
        vocab["Ġxyzzy"] = 4093;
        var withoutFlag = TokenizerFixture.Build(t);
        Assert.NotEqual([4093], withoutFlag.Encode(" xyzzy"));
        t["model"]!["ignore_merges"] = true;
        var withFlag = TokenizerFixture.Build(t);
        Assert.Equal([4093], withFlag.Encode(" xyzzy"));
        Assert.Equal(" xyzzy", withFlag.Decode([4093]));
    }

    [Fact]
    public void TemplatePostProcessorAddsBosOnlyWhenAsked()
    {
        var t = TokenizerFixture.TokenizerJson();
        t["post_processor"] = JsonNode.Parse("""
            {"type": "TemplateProcessing",
             "single": [{"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
             "pair": [], "special_tokens": {"<|endoftext|>": {"id": "<|endoftext|>", "ids": [4093], "tokens": ["<|endoftext|>"]}}}
            """);
        var tok = TokenizerFixture.Build(t);
        Assert.Equal(tok.Encode("hi"), Tiny.Encode("hi"));
        Assert.Equal(new[] { 4093 }.Concat(Tiny.Encode("hi")), tok.Encode("hi", addSpecialTokens: true));

        t["post_processor"] = JsonNode.Parse("""{"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0]}""");
        var roberta = TokenizerFixture.Build(t);
        Assert.Equal(Tiny.Encode("hi"), roberta.Encode("hi"));
        Assert.Throws<NotSupportedException>(() => roberta.Encode("hi", addSpecialTokens: true));
    }

    [Fact]
    public void AstralLettersAreLettersForTheSplitRegex()
    {
        // With code-point semantics "a𝑥b" is one \p{L}+ piece; with UTF-16 semantics it would split three ways.
        var ids = Tiny.Encode("a𝑥b");
        var piecewise = Tiny.Encode("a").Concat(Tiny.Encode("𝑥")).Concat(Tiny.Encode("b")).ToArray();
        Assert.Equal("a𝑥b", Tiny.Decode(ids));
        // The pieces differ in how bytes group: one word of 6 bytes vs three words.
        Assert.True(ids.Length <= piecewise.Length);
        Assert.Equal(Tiny.Encode("😀abc"), Tiny.Encode("😀abc"));
    }

    [Fact]
    public void LoneSurrogatesEncodeAsReplacementCharacter()
    {
        Assert.Equal(Tiny.Encode("a\uFFFDb"), Tiny.Encode("a\uD800b"));
        Assert.Equal(Tiny.Encode("\uFFFD"), Tiny.Encode("\uDC00"));
    }

    [Fact]
    public void DecodeSkipsUnknownIdsRejectsNegativeAndReplacesCutCharacters()
    {
        var ids = Tiny.Encode("ok");
        Assert.Equal("ok", Tiny.Decode(ids.Append(100_000)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tiny.Decode([-1]));
        var emoji = Tiny.Encode("😀"); // byte tokens in the tiny vocabulary
        Assert.True(emoji.Length > 1);
        Assert.Equal("\uFFFD", Tiny.Decode(emoji[..1]));
    }

    [Fact]
    public void IncrementalDecodingEqualsBatchDecoding()
    {
        const string text = "naïve 😀 <|im_start|>你好<|im_end|> x => x + 1;";
        var ids = Tiny.Encode(text);
        foreach (var skip in new[] { false, true })
        {
            var stream = Tiny.CreateIncrementalDecoder(skip);
            var streamed = string.Concat(ids.Select(stream.Append)) + stream.Flush();
            Assert.Equal(Tiny.Decode(ids, skip), streamed);
        }
    }

    [Fact]
    public void BatchAndCacheDoNotChangeResults()
    {
        var texts = Reference.ParityCorpus.Texts.ToList();
        var batch = Tiny.EncodeBatch(texts);
        var uncached = TokenizerFixture.Build(cacheCapacity: 0);
        for (int i = 0; i < texts.Count; i++)
        {
            Assert.Equal(Tiny.Encode(texts[i]), batch[i]);
            Assert.Equal(batch[i], uncached.Encode(texts[i]));
        }
    }

    [Fact]
    public void ByteLevelAlphabetIsAReversibleMapOfAllBytes()
    {
        var chars = Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.Encode((byte)b)).ToArray();
        Assert.Equal(256, chars.Distinct().Count());
        Assert.Equal('Ġ', ByteLevelAlphabet.Encode((byte)' '));
        Assert.Equal('Ċ', ByteLevelAlphabet.Encode((byte)'\n'));
        for (int b = 0; b < 256; b++)
        {
            Assert.True(ByteLevelAlphabet.TryDecode(chars[b], out var back));
            Assert.Equal(b, back);
        }
    }
}
