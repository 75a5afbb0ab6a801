using AbsoluteZero.Execution.Literals;

namespace AbsoluteZero.Execution.Tests;

public class LiteralTests
{
    private static LiteralValue Parse(string text)
    {
        Assert.True(CSharpLiteral.TryParse(text, out var value, out var error), error);
        return value;
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-5", "-5")]
    [InlineData("-2147483648", "-2147483648")]
    [InlineData("5L", "5L")]
    [InlineData("-9223372036854775808L", "-9223372036854775808L")]
    [InlineData("1.0", "1.0")]
    [InlineData("1d", "1.0")]
    [InlineData("0.1", "0.1")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1e20", "1E+20")]
    [InlineData("1.5f", "1.5f")]
    [InlineData("double.NaN", "double.NaN")]
    [InlineData("float.NegativeInfinity", "float.NegativeInfinity")]
    [InlineData("int.MaxValue", "2147483647")]
    [InlineData("true", "true")]
    [InlineData("'a'", "'a'")]
    [InlineData("'\\''", "'\\''")]
    [InlineData("\"a\\nb\\\"c\"", "\"a\\nb\\\"c\"")]
    [InlineData("@\"x\\y\"", "\"x\\\\y\"")]
    [InlineData("\"é\"", "\"\\u00E9\"")]
    [InlineData("null", "null")]
    [InlineData("new[] { 1, 2 }", "new int[] { 1, 2 }")]
    [InlineData("new[] { 1, 2L }", "new long[] { 1L, 2L }")]
    [InlineData("new[] { \"a\", null }", "new string[] { \"a\", null }")]
    [InlineData("new int[0]", "new int[] { }")]
    [InlineData("new int[2]", "new int[] { 0, 0 }")]
    [InlineData("new int[][] { new[] { 1 }, new int[0] }", "new int[][] { new int[] { 1 }, new int[] { } }")]
    [InlineData("new List<long> { 1, 2 }", "new List<long> { 1L, 2L }")]
    [InlineData("new List<int>()", "new List<int> { }")]
    [InlineData("new HashSet<string> { \"b\", \"a\", \"b\" }", "new HashSet<string> { \"a\", \"b\" }")]
    [InlineData("new Dictionary<string, int> { [\"b\"] = 2, [\"a\"] = 1 }", "new Dictionary<string, int> { [\"a\"] = 1, [\"b\"] = 2 }")]
    [InlineData("new Dictionary<char, List<int>> { { 'x', new List<int> { 1 } } }", "new Dictionary<char, List<int>> { ['x'] = new List<int> { 1 } }")]
    [InlineData("(1, \"a\")", "(1, \"a\")")]
    [InlineData("(1, (2L, 'c'), new[] { true })", "(1, (2L, 'c'), new bool[] { true })")]
    [InlineData("new List<(int, string)> { (1, \"a\") }", "new List<(int, string)> { (1, \"a\") }")]
    public void Parses_and_renders_canonically(string text, string canonical)
    {
        var value = Parse(text);
        Assert.Equal(canonical, value.ToCanonicalString());
        var again = Parse(canonical);
        Assert.Equal(canonical, again.ToCanonicalString());
        Assert.True(value.StructurallyEquals(again));
    }

    [Theory]
    [InlineData("f(1)", "not part of the literal subset")]
    [InlineData("x => x", "not part of the literal subset")]
    [InlineData("new object()", "not part of the literal subset")]
    [InlineData("1 + 2", "not part of the literal subset")]
    [InlineData("$\"a{1}\"", "not part of the literal subset")]
    [InlineData("1u", "UInt32")]
    [InlineData("1m", "Decimal")]
    [InlineData("new[] { 1, \"a\" }", "no common type")]
    [InlineData("new List<object> { 1 }", "not part of the literal subset")]
    [InlineData("new int[,] { { 1 } }", "multi-dimensional")]
    [InlineData("new Dictionary<int, int> { [1] = 1, [1] = 2 }", "duplicate")]
    [InlineData("new List<int> { null }", "cannot be converted")]
    [InlineData("1 2", "not a C# expression")]
    [InlineData("(a: 1, b: 2)", "named tuple")]
    [InlineData("Math.PI", "not part of the literal subset")]
    [InlineData("[1, 2]", "not part of the literal subset")]
    public void Rejects_everything_else_with_a_reason(string text, string reason)
    {
        Assert.False(CSharpLiteral.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("1", "1L", true)]
    [InlineData("1", "1.0", true)]
    [InlineData("1.5", "1.5f", true)]
    [InlineData("0.1", "0.1f", false)]
    [InlineData("double.NaN", "double.NaN", true)]
    [InlineData("'a'", "\"a\"", false)]
    [InlineData("new[] { 1, 2 }", "new List<int> { 1, 2 }", true)]
    [InlineData("new[] { 1, 2 }", "new[] { 2, 1 }", false)]
    [InlineData("new HashSet<int> { 1, 2 }", "new HashSet<long> { 2L, 1L }", true)]
    [InlineData("new HashSet<int> { 1, 2 }", "new List<int> { 1, 2 }", false)]
    [InlineData("new Dictionary<string, int> { [\"a\"] = 1 }", "new Dictionary<string, long> { [\"a\"] = 1L }", true)]
    [InlineData("new Dictionary<string, int> { [\"a\"] = 1 }", "new Dictionary<string, int> { [\"a\"] = 2 }", false)]
    [InlineData("(1, \"a\")", "(1L, \"a\")", true)]
    [InlineData("null", "\"\"", false)]
    [InlineData("null", "null", true)]
    public void Structural_equality(string a, string b, bool equal)
    {
        Assert.Equal(equal, Parse(a).StructurallyEquals(Parse(b)));
        Assert.Equal(equal, Parse(b).StructurallyEquals(Parse(a)));
    }

    [Fact]
    public void Parses_argument_lists()
    {
        Assert.True(CSharpLiteral.TryParseArguments("1, \"a\", new[] { 2, 3 }", out var values, out var error), error);
        Assert.Equal(3, values.Count);
        Assert.True(CSharpLiteral.TryParseArguments("", out values, out _));
        Assert.Empty(values);
        Assert.False(CSharpLiteral.TryParseArguments("x: 1", out _, out error));
        Assert.Contains("named", error);
        Assert.False(CSharpLiteral.TryParseArguments("1, Console.ReadLine()", out _, out error));
    }

    [Fact]
    public void Every_double_round_trips()
    {
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            double d = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (double.IsNaN(d)) continue;
            var text = AbsoluteZero.Sandbox.Runner.CanonicalText.Double(d);
            var value = Parse(text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)value.Scalar!));
        }
    }

    [Fact]
    public void Runner_rendering_matches_the_parser()
    {
        object[] values =
        [
            new List<int> { 3, 1 }, new HashSet<string> { "z", "a" }, new Dictionary<int, string?> { [2] = null, [1] = "x" },
            (1, 'c', 2.5), new long[][] { [1L], [] }, "tab\there", -0.0f, new List<(string, double)> { ("a", 1e-300) },
        ];
        foreach (var v in values)
        {
            var text = AbsoluteZero.Sandbox.Runner.ValueFormatter.Format(v, 10000);
            Assert.Equal(text, Parse(text).ToCanonicalString());
        }
    }
}
