namespace AbsoluteZero.Execution.Tests;

/// <summary>The rewriting must keep every valid construct compiling and behaving the same.</summary>
public class InstrumentationTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    [Theory]
    [InlineData("class C { public int X { get; set; } public int Twice => X * 2; public int this[int i] => X + i; public C(int x) => X = x; } int f(int x) => new C(x).Twice + new C(x)[1];", "3", "10")]
    [InlineData("struct V { public int A; public V(int a) { A = a; } public static V operator +(V p, V q) => new V(p.A + q.A); public static implicit operator int(V v) => v.A; } int f(int x) => new V(x) + new V(2);", "3", "5")]
    [InlineData("int f(int x) { int g(int y) => y * y; static int h(int y) { return y + 1; } return g(x) + h(x); }", "4", "21")]
    [InlineData("int f(int x) { try { return 10 / x; } catch (DivideByZeroException) { return -1; } }", "0", "-1")]
    [InlineData("int f(int x) { try { throw new ArgumentException(\"a\"); } catch (ArgumentException e) when (e.Message == \"a\") { return 1; } catch (Exception) { return 2; } }", "0", "1")]
    [InlineData("int f(int x) { try { try { throw new Exception(); } catch { throw; } } catch { return 7; } }", "0", "7")]
    [InlineData("string f(int x) { switch (x) { case 1: goto case 2; case 2: return \"two\"; default: return \"other\"; } }", "1", "\"two\"")]
    [InlineData("IEnumerable<int> g(int n) { int i = 0; while (i < n) yield return i++; } List<int> f(int n) => g(n).Select(v => { return v * 10; }).ToList();", "3", "new List<int> { 0, 10, 20 }")]
    [InlineData("T Id<T>(T v) => v; int f(int x) => Id(x);", "9", "9")]
    [InlineData("record P(int X) { public int Sq => X * X; } int f(int x) => new P(x).Sq;", "5", "25")]
    [InlineData("int f(int x) { Func<int, int> g = delegate (int y) { return y + 1; }; Action a = () => { x++; }; a(); return g(x); }", "1", "3")]
    [InlineData("int f(int x) { int s = 0; do s += x--; while (x > 0); foreach (var (a, b) in new[] { (1, 2) }) s += a * b; return s; }", "3", "8")]
    [InlineData("int F = 3; int f(int x) => x + F;", "1", "4")]
    [InlineData("const int K = 2; int f(int x) => x * K;", "5", "10")]
    [InlineData("static int f(int x) => x switch { 0 => 0, _ => throw new InvalidOperationException(\"no\") };", "0", "0")]
    [InlineData("int f(int n) => n == 0 ? 0 : 1 + f(n - 1);", "3000", "3000")]
    [InlineData("int f(int x) => throw new InvalidOperationException(\"boom\");", "0", null)]
    public async Task Valid_constructs_survive_instrumentation(string program, string input, string? output)
    {
        var r = await fixture.RunAsync(program, input);
        if (output is null)
        {
            Assert.Equal(Verdict.RuntimeError, r.Status);
            Assert.Contains("boom", r.Error);
            return;
        }
        Assert.True(r.Status == Verdict.Ok, $"{r.Status}: {r.Error}");
        Assert.Equal(output, r.Output);
    }

    [Fact]
    public async Task Budget_exceptions_cannot_be_swallowed_or_faked()
    {
        var r = await fixture.RunAsync("int f(int x) { while (true) { try { while (true) x++; } catch (Exception e) when (true) { x = 0; } finally { x = 1; } } }", "0");
        Assert.Equal(Verdict.Timeout, r.Status);
        r = await fixture.RunAsync("int f(int x) { try { return f(x + 1); } catch (InsufficientExecutionStackException) { return -1; } }", "0");
        Assert.Equal(Verdict.Crash, r.Status);
    }
}
