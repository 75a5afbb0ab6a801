using AbsoluteZero.Tokenization.PreTokenization;
using AbsoluteZero.Tokenization.Training;

namespace AbsoluteZero.Tokenization.Tests.PreTokenization;

public class SplitRegexTests
{
    private const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static string[] Split(string pattern, string text, SplitBehavior behavior = SplitBehavior.Isolated, bool invert = false)
    {
        var output = new List<Piece>();
        new RegexSplitPreTokenizer(pattern, behavior, invert).Split([new Piece(text, 0, text.Length)], output);
        return output.Select(p => p.ToString()).ToArray();
    }

    [Fact]
    public void QwenPatternSplitsDigitsAndKeepsCodePointsWhole()
    {
        Assert.Equal(["Hello", ",", " world", "1", "2", "3"], Split(BpeTrainer.QwenSplitPattern, "Hello, world123"));
        Assert.Equal(["😀abc"], Split(BpeTrainer.QwenSplitPattern, "😀abc"));       // optional non-letter + letters: one code point
        Assert.Equal(["a𝑥b", " 𝑦"], Split(BpeTrainer.QwenSplitPattern, "a𝑥b 𝑦"));   // 𝑥 is a letter
        Assert.Equal(["𝟏", "𝟐"], Split(BpeTrainer.QwenSplitPattern, "𝟏𝟐"));         // astral digits, one each
        Assert.Equal(["x", "  ", " y", "\r\n\r\n", "z"], Split(BpeTrainer.QwenSplitPattern, "x   y\r\n\r\nz"));
        Assert.Equal(["I", "'LL"], Split(BpeTrainer.QwenSplitPattern, "I'LL"));
    }

    [Fact]
    public void Llama3PatternGroupsDigitsByThree()
    {
        Assert.Equal(["123", "456", "7", " apples"], Split(Llama3Pattern, "1234567 apples"));
    }

    [Fact]
    public void BehaviorsMatchHuggingFaceSemantics()
    {
        Assert.Equal(["a", "b", "c"], Split("-", "a-b-c", SplitBehavior.Removed));
        Assert.Equal(["a", "-", "b"], Split("-", "a-b", SplitBehavior.Isolated));
        Assert.Equal(["a-", "b-", "c"], Split("-", "a-b-c", SplitBehavior.MergedWithPrevious));
        Assert.Equal(["a", "-b", "-c"], Split("-", "a-b-c", SplitBehavior.MergedWithNext));
        Assert.Equal(["a", "--", "b"], Split("-", "a--b", SplitBehavior.Contiguous));
        Assert.Equal(["-", "-"], Split("-", "a-b-c", SplitBehavior.Removed, invert: true));
    }

    [Fact]
    public void PossessiveQuantifiersAndEscapesTranslate()
    {
        // tiktoken-style possessive quantifiers become atomic groups.
        Assert.Equal(["ab", " ", "12"], Split(@"[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+|\s", "ab 12"));
        Assert.Equal(["\t", "x"], Split(@"\x09|\x{78}|\u0079", "\tx"));
    }

    [Theory]
    [InlineData(@"[[:alpha:]]+", "POSIX")]
    [InlineData(@"[a-z&&[^aeiou]]", "intersection")]
    [InlineData(@"\p{Han}+", "Han")]
    [InlineData(@"(a)\1", "back-references")]
    [InlineData(@"(a", "unbalanced")]
    public void UnsupportedSyntaxFailsLoudly(string pattern, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new RegexSplitPreTokenizer(pattern, SplitBehavior.Isolated, false));
        Assert.Contains(expected, e.Message);
    }
}
