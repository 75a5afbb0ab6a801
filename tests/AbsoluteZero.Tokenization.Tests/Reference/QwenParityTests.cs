using System.Text.Json;
using AbsoluteZero.Tokenization.Normalization;

namespace AbsoluteZero.Tokenization.Tests.Reference;

/// <summary>The real Qwen3 tokenizer: identical ids to the JS reference encoder, and lossless round trips.</summary>
public class QwenParityTests
{
    [ReferenceFact]
    public void EncodeMatchesTheJavaScriptReferenceOnTheCorpus()
    {
        var texts = ParityCorpus.Texts.Concat(GeneratedCases()).ToList();
        var reference = ReferenceAssets.Run(new { encode = texts }).GetProperty("encode");
        var tokenizer = ReferenceAssets.Qwen;
        var failures = new List<string>();
        for (int i = 0; i < texts.Count; i++)
        {
            var expected = reference[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = tokenizer.Encode(texts[i]);
            if (!expected.SequenceEqual(actual))
                failures.Add($"#{i} {JsonSerializer.Serialize(texts[i][..Math.Min(80, texts[i].Length)])}\n  js: [{string.Join(",", expected)}]\n  us: [{string.Join(",", actual)}]");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {texts.Count} texts differ:\n" + string.Join("\n", failures.Take(10)));
    }

    [ReferenceFact]
    public void DecodeMatchesTheJavaScriptReference()
    {
        var tokenizer = ReferenceAssets.Qwen;
        var cases = ParityCorpus.Texts.Where(t => t.Length > 0).SelectMany(t => new[] { (Ids: tokenizer.Encode(t), Skip: false), (Ids: tokenizer.Encode(t), Skip: true) })
            .Append((Ids: new[] { 151644, 872, 198, 14990, 151645, 151667, 151668 }, Skip: true))
            .Append((Ids: new[] { 9707, 151643, 9707 }, Skip: false))
            .ToList();
        var request = new { decode = cases.Select(c => new { ids = c.Ids, skip_special_tokens = c.Skip }).ToList() };
        var reference = ReferenceAssets.Run(request).GetProperty("decode");
        for (int i = 0; i < cases.Count; i++)
            Assert.Equal(reference[i].GetString(), tokenizer.Decode(cases[i].Ids, cases[i].Skip));
    }

    [ReferenceFact(needNode: false)]
    public void DecodeOfEncodeGivesBackTheNfcText()
    {
        var tokenizer = ReferenceAssets.Qwen;
        foreach (var text in ParityCorpus.Texts.Concat(GeneratedCases()))
        {
            if (text.Contains('\uD800')) continue; // a lone surrogate is not Unicode; it becomes U+FFFD
            var expected = CanonicalNormalizer.Nfc.Normalize(text);
            Assert.Equal(expected, tokenizer.Decode(tokenizer.Encode(text)));
        }
        const string nfc = "int f(int x) => x + 1; // café 你好 😀 <|im_end|>\r\n\t ";
        Assert.Equal(nfc, tokenizer.Decode(tokenizer.Encode(nfc)));
    }

    [ReferenceFact(needNode: false)]
    public void KnownIdsAndConfiguration()
    {
        var t = ReferenceAssets.Qwen;
        Assert.Equal(151669, t.VocabSize);
        Assert.Equal(151645, t.EosTokenId); // this package's config: eos_token <|im_end|>
        Assert.Equal(151643, t.PadTokenId);
        Assert.Null(t.BosTokenId);
        Assert.Equal(151644, t.GetAddedTokenId("<|im_start|>"));
        Assert.Equal(151667, t.TokenToId("<think>"));
        Assert.True(t.IsSpecial(151645));
        Assert.False(t.IsSpecial(151667)); // <think> is an added token but not special
        Assert.Equal([151644, 151645], t.Encode("<|im_start|><|im_end|>"));
        Assert.Equal("Ġthe", t.IdToToken(t.TokenToId("Ġthe")!.Value));
        Assert.Equal("<think>x</think>", t.Decode(t.Encode("<|im_start|><think>x</think><|im_end|>"), skipSpecialTokens: true));
    }

    // Random mixtures of the corpus' characters: catches splitting differences at unusual boundaries.
    private static IEnumerable<string> GeneratedCases()
    {
        // U+0085 is whitespace for HF and .NET but not for JavaScript's \s (see ParityCorpus), so it is not mixed in.
        var alphabet = string.Concat(ParityCorpus.Texts.Where(t => !t.Contains('\uD800'))).EnumerateRunes()
            .Where(r => r.Value != 0x85).Distinct().Select(r => r.ToString()).ToArray();
        string[] fragments = ["<|im_start|>", "<|im_end|>", "<think>", "</think>", " ", "  ", "\n", "\r\n", "\t", "'s", "'LL", "123", "😀", "𝑥", "e\u0301", "你好"];
        var rng = new Random(2024);
        for (int n = 0; n < 300; n++)
        {
            var sb = new System.Text.StringBuilder();
            int len = rng.Next(1, 40);
            for (int i = 0; i < len; i++)
                sb.Append(rng.Next(4) == 0 ? fragments[rng.Next(fragments.Length)] : alphabet[rng.Next(alphabet.Length)]);
            yield return sb.ToString();
        }
    }
}
