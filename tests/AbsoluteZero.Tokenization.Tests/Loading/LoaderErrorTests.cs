using System.Text.Json.Nodes;

namespace AbsoluteZero.Tokenization.Tests.Loading;

/// <summary>Bad or unsupported files fail with the file and key named.</summary>
public class LoaderErrorTests
{
    private static InvalidDataException Fails(JsonObject tokenizer, JsonObject? config = null) =>
        Assert.Throws<InvalidDataException>(() => TokenizerFixture.Build(tokenizer, config));

    [Fact]
    public void UnsupportedNormalizerIsNamed()
    {
        var t = TokenizerFixture.TokenizerJson();
        t["normalizer"] = JsonNode.Parse("""{"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "NFKC"}]}""");
        var e = Fails(t);
        Assert.Contains("/models/test/tokenizer.json", e.Message);
        Assert.Contains("normalizer.normalizers[1].type", e.Message);
        Assert.Contains("NFKC", e.Message);
    }

    [Fact]
    public void UnsupportedModelPreTokenizerAndDecoderAreNamed()
    {
        var t = TokenizerFixture.TokenizerJson();
        t["model"]!["type"] = "WordPiece";
        Assert.Contains("model.type", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["pre_tokenizer"] = JsonNode.Parse("""{"type": "Metaspace", "replacement": "▁"}""");
        Assert.Contains("pre_tokenizer.type", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["pre_tokenizer"] = JsonNode.Parse("""{"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": "Isolated", "invert": false}""");
        Assert.Contains("no ByteLevel step", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["decoder"] = JsonNode.Parse("""{"type": "Metaspace"}""");
        Assert.Contains("decoder.type", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["pre_tokenizer"]!["pretokenizers"]![0]!["pattern"] = JsonNode.Parse("""{"Regex": "\\p{Han}+|\\s+"}""");
        var e = Fails(t);
        Assert.Contains("pre_tokenizer.pretokenizers[0].pattern.Regex", e.Message);
        Assert.Contains("Han", e.Message);
    }

    [Fact]
    public void BrokenVocabularyAndMergesAreNamed()
    {
        var t = TokenizerFixture.TokenizerJson();
        t["model"]!["vocab"]!.AsObject().Remove("Ġ");
        var e = Fails(t);
        Assert.Contains("model.vocab", e.Message);
        Assert.Contains("0x20", e.Message);

        t = TokenizerFixture.TokenizerJson();
        t["model"]!["merges"]!.AsArray()[5] = JsonNode.Parse("""["nonexistent", "token"]""");
        Assert.Contains("model.merges[5]", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["model"]!["merges"]!.AsArray()[7] = "onlyonepart";
        Assert.Contains("model.merges[7]", Fails(t).Message);

        t = TokenizerFixture.TokenizerJson();
        t["added_tokens"]!.AsArray()[1]!["id"] = 4093;
        Assert.Contains("added_tokens[1].id", Fails(t).Message);
    }

    [Fact]
    public void ConfigTokensMustExist()
    {
        var c = TokenizerFixture.ConfigJson();
        c["eos_token"] = "<|nope|>";
        var e = Fails(TokenizerFixture.TokenizerJson(), c);
        Assert.Contains("tokenizer_config.json", e.Message);
        Assert.Contains("eos_token", e.Message);
    }

    [Fact]
    public void MissingFilesAndBadJson()
    {
        Assert.Throws<DirectoryNotFoundException>(() => HfTokenizer.Load("/no/such/model/dir"));
        var empty = Directory.CreateTempSubdirectory("azr-tok-empty").FullName;
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => HfTokenizer.Load(empty));
            Assert.Contains("tokenizer.json", e.Message);
        }
        finally { Directory.Delete(empty, true); }

        var dir = TokenizerFixture.WriteDirectory(TokenizerFixture.TokenizerJson(), "{ \"eos_token\": \"<|endoftext|>\",\n  oops }");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => HfTokenizer.Load(dir));
            Assert.Contains("tokenizer_config.json", e.Message);
            Assert.Contains("line 2", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void NoConfigFileMeansNoEosButStillWorks()
    {
        var dir = TokenizerFixture.WriteDirectory(TokenizerFixture.TokenizerJson());
        try
        {
            var t = HfTokenizer.Load(dir);
            Assert.Null(t.EosTokenId);
            Assert.Null(t.PadTokenId);
            Assert.Null(t.ChatTemplate);
            Assert.Equal("x + 1", t.Decode(t.Encode("x + 1")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
