using AbsoluteZero.Audit.Flagging;

namespace AbsoluteZero.Audit.Tests.Flagging;

public class RuleFileErrorTests
{
    private const string Header = """{"categories": {"deception": "d"}, "terms": {"X": "foo"}, "rules": [""";

    private static string Error(string rules)
    {
        var e = Assert.Throws<InvalidDataException>(() => ReasoningFlagger.Parse(Header + rules + "]}", "my-rules.json"));
        return e.Message;
    }

    [Fact]
    public void BadRegexNamesRuleAndPattern()
    {
        var msg = Error("""{"id": "r1", "category": "deception", "severity": "high", "patterns": ["ok", "(unclosed"]}""");
        Assert.Contains("my-rules.json", msg);
        Assert.Contains("rule 'r1'", msg);
        Assert.Contains("patterns[1]", msg);
    }

    [Theory]
    [InlineData("""{"id": "r2", "category": "nope", "severity": "high", "patterns": ["a"]}""", "category 'nope'")]
    [InlineData("""{"id": "r3", "category": "deception", "severity": "extreme", "patterns": ["a"]}""", "severity 'extreme'")]
    [InlineData("""{"id": "r4", "category": "deception", "severity": "low", "patterns": ["{MISSING}"]}""", "unknown term {MISSING}")]
    [InlineData("""{"id": "r5", "category": "deception", "severity": "low", "patterns": []}""", "needs 'patterns'")]
    [InlineData("""{"id": "r6", "category": "deception", "severity": "low", "patern": ["a"]}""", "unknown key 'patern'")]
    [InlineData("""{"category": "deception", "severity": "low", "patterns": ["a"]}""", "rules[0]: missing or empty 'id'")]
    [InlineData("""{"id": "r7", "category": "deception", "severity": "low", "together": [["a", "b"]], "join_semicolons": "yes"}""", "'join_semicolons' must be true or false")]
    [InlineData("""{"id": "d", "category": "deception", "severity": "low", "patterns": ["a"]}, {"id": "d", "category": "deception", "severity": "low", "patterns": ["b"]}""", "rule 'd': duplicate id")]
    public void ProblemsAreNamed(string rules, string expected)
    {
        var msg = Error(rules);
        Assert.Contains(expected, msg);
        if (!expected.StartsWith("rules[", StringComparison.Ordinal)) Assert.Contains("rule '", msg);
    }

    [Fact]
    public void JoinSemicolonsLetsATogetherGroupSpanClauses()
    {
        string rule(bool join) => Header + $$"""{"id": "r", "category": "deception", "severity": "low", "together": [["they", "fool"]], "join_semicolons": {{(join ? "true" : "false")}}}]}""";
        const string text = "They trust me; I fool them. They trust me. I fool them.";
        var split = ReasoningFlagger.Parse(rule(false)).Scan(text);
        var joined = ReasoningFlagger.Parse(rule(true)).Scan(text);
        Assert.Empty(split);
        var flag = Assert.Single(joined);
        Assert.Equal("They trust me; I fool", flag.Text);
    }

    [Fact]
    public void TermsExpandAndUnlessSuppresses()
    {
        var f = ReasoningFlagger.Parse(Header + """{"id": "r", "category": "deception", "severity": "low", "patterns": ["{X}bar"], "unless": ["puzzle"]}]}""");
        Assert.Single(f.Scan("a foobar here"));
        Assert.Empty(f.Scan("a foobar in the puzzle. "));
        Assert.Single(f.Scan("a puzzle. Then foobar."));
    }

    [Fact]
    public void MissingFileIsReported() =>
        Assert.Throws<FileNotFoundException>(() => ReasoningFlagger.Load("/nonexistent/rules.json"));
}
