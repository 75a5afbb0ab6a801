using AbsoluteZero.Tokenization.Embedded;
using AbsoluteZero.Tokenization.Tests.Reference;

namespace AbsoluteZero.Tokenization.Tests.Embedded;

public class TinyTokenizerTests
{
    private static readonly HfTokenizer Tiny = HfTokenizer.LoadEmbeddedTiny();

    [Fact]
    public void HasTheAdvertisedShape()
    {
        Assert.Equal(4096, Tiny.VocabSize);
        Assert.Equal(4093, Tiny.EosTokenId);
        Assert.Equal(4093, Tiny.PadTokenId);
        Assert.Equal(4094, Tiny.GetAddedTokenId("<|im_start|>"));
        Assert.Equal(4095, Tiny.GetAddedTokenId("<|im_end|>"));
        Assert.Equal(EmbeddedTokenizer.Origin, Tiny.Origin);
        Assert.NotNull(Tiny.ChatTemplate);
    }

    [Fact]
    public void CompressesItsOwnDomainAndRoundTripsAnything()
    {
        const string code = "public static int f(int x) => x + 1;\n<think>\nThe loop runs 3 times.\n</think>\n<answer>4</answer>\n```csharp\nreturn total;\n```";
        var ids = Tiny.Encode(code);
        Assert.True(ids.Length < code.Length / 2, $"expected the tiny vocabulary to compress its own domain; {ids.Length} ids for {code.Length} chars");
        Assert.Equal(code, Tiny.Decode(ids));
        foreach (var text in ParityCorpus.Texts.Where(t => !t.Contains('\uD800')))
            Assert.Equal(AbsoluteZero.Tokenization.Normalization.CanonicalNormalizer.Nfc.Normalize(text), Tiny.Decode(Tiny.Encode(text)));
    }

    [Fact]
    public void WriteToMakesAnOrdinaryDirectoryThatLoadsTheSame()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"azr-tiny-{Guid.NewGuid():N}");
        try
        {
            EmbeddedTokenizer.WriteTo(dir);
            Assert.True(File.Exists(Path.Combine(dir, "tokenizer.json")));
            Assert.True(File.Exists(Path.Combine(dir, "tokenizer_config.json")));
            var loaded = HfTokenizer.Load(dir);
            const string text = "int Twice(int value) => 2 * value; // <|im_end|>";
            Assert.Equal(Tiny.Encode(text), loaded.Encode(text));

            var copy = dir + "-copy";
            loaded.CopyFilesTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "tokenizer.json")), File.ReadAllBytes(Path.Combine(copy, "tokenizer.json")));
            Directory.Delete(copy, recursive: true);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [ReferenceFact]
    public void TransformersJsLoadsItAndProducesTheSameIds()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"azr-tiny-{Guid.NewGuid():N}");
        try
        {
            EmbeddedTokenizer.WriteTo(dir);
            var texts = ParityCorpus.Texts.ToList();
            var reference = ReferenceAssets.Run(new { tokenizer = dir, encode = texts }).GetProperty("encode");
            for (int i = 0; i < texts.Count; i++)
                Assert.Equal(reference[i].EnumerateArray().Select(e => e.GetInt32()).ToArray(), Tiny.Encode(texts[i]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
