namespace AbsoluteZero.Execution.Tests;

public class ExecutorTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    [Theory]
    [InlineData("int f(int x, string s) => x + s.Length;", "1, \"ab\"", "3")]
    [InlineData("static string f(string x) => x;", "\"Hello World\"", "\"Hello World\"")]
    [InlineData("List<int> f(int[] a) => a.Where(x => x % 2 == 0).Select(x => x * x).ToList();", "new[] { 1, 2, 3, 4 }", "new List<int> { 4, 16 }")]
    [InlineData("Dictionary<char, int> f(string s) { var d = new Dictionary<char, int>(); foreach (var c in s) d[c] = d.GetValueOrDefault(c) + 1; return d; }", "\"abca\"", "new Dictionary<char, int> { ['a'] = 2, ['b'] = 1, ['c'] = 1 }")]
    [InlineData("(int, string) f(long n) => ((int)n * 2, n.ToString());", "21L", "(42, \"21\")")]
    [InlineData("long fib(int n) => n < 2 ? n : fib(n - 1) + fib(n - 2); long f(int n) => fib(n);", "20", "6765L")]
    [InlineData("record P(int X, int Y); int f(int a) { var p = new P(a, 2); return (p with { Y = 5 }).X + p.Y; }", "3", "5")]
    [InlineData("double f(double x) => Math.Sqrt(x);", "2.0", "1.4142135623730951")]
    [InlineData("IEnumerable<int> f(int n) { for (int i = 0; i < n; i++) yield return i; }", "3", "new List<int> { 0, 1, 2 }")]
    [InlineData("HashSet<string> f(string[] w) => new HashSet<string>(w);", "new[] { \"b\", \"a\", \"b\" }", "new HashSet<string> { \"a\", \"b\" }")]
    [InlineData("string f(string s) { var sb = new StringBuilder(); try { throw new InvalidOperationException(); } catch { sb.Append(s); } return sb.ToString(); }", "\"x\"", "\"x\"")]
    [InlineData("string f() => null;", "", "null")]
    public async Task Runs_valid_programs(string program, string input, string output)
    {
        var r = await fixture.RunAsync(program, input, output);
        Assert.True(r.Status == Verdict.Ok, $"{r.Status}: {r.Error}");
        Assert.Equal(output, r.Output);
        Assert.True(r.Match);
    }

    [Fact]
    public async Task Match_is_structural()
    {
        var r = await fixture.RunAsync("List<long> f() => new List<long> { 1, 2 };", "", "new[] { 1, 2 }");
        Assert.Equal(Verdict.Ok, r.Status);
        Assert.True(r.Match);
        r = await fixture.RunAsync("int f() => 1;", "", "2");
        Assert.False(r.Match);
        r = await fixture.RunAsync("int f() => 1;", "", "Console.ReadLine()");
        Assert.False(r.Match);
        Assert.Contains("expected", r.Error);
        r = await fixture.RunAsync("int f() => 1;", "");
        Assert.Null(r.Match);
    }

    [Theory]
    [InlineData("int f(int x) => x +;", "1", Verdict.CompileError, "CS")]
    [InlineData("int g(int x) => x;", "1", Verdict.CompileError, "no method named f")]
    [InlineData("void f(int x) { }", "1", Verdict.CompileError, "must return a value")]
    [InlineData("int f(int x) => x;", "\"a\"", Verdict.InvalidInput, "does not fit")]
    [InlineData("int f(int x) => x;", "1, 2", Verdict.InvalidInput, "does not fit")]
    [InlineData("int f(int x) => x;", "Math.Abs(1)", Verdict.InvalidInput, "literal subset")]
    [InlineData("int f(int x) => 10 / x;", "0", Verdict.RuntimeError, "DivideByZeroException")]
    [InlineData("int f(int x) { while (true) x++; }", "0", Verdict.Timeout, "step budget")]
    [InlineData("int f(int x) { while (true) { try { while (true) x++; } catch { } } }", "0", Verdict.Timeout, "step budget")]
    [InlineData("int f(int x) { a: x++; goto a; }", "0", Verdict.Timeout, "step budget")]
    [InlineData("int f(int x) => f(x + 1) + 1;", "0", Verdict.Crash, "stack overflow")]
    [InlineData("int f(int x) { var l = new List<long[]>(); while (true) l.Add(new long[1000]); }", "0", Verdict.MemoryLimit, "allocation budget")]
    [InlineData("long[] f(int x) => new long[2_000_000_000];", "0", Verdict.MemoryLimit, "memory")]
    [InlineData("string f(int n) => new string('a', n);", "100000", Verdict.OutputLimit, "output limit")]
    [InlineData("object f() => new object();", "", Verdict.OutputLimit, "not representable")]
    [InlineData("int f() => Enumerable.Range(0, int.MaxValue).Select(x => x % 3).Count(x => x == 7);", "", Verdict.Timeout, "wall-clock")]
    public async Task Every_failure_has_its_verdict(string program, string input, Verdict verdict, string reason)
    {
        var r = await fixture.RunAsync(program, input);
        Assert.True(r.Status == verdict, $"{r.Status}: {r.Error}");
        Assert.Contains(reason, r.Error);
        Assert.Null(r.Output);
        await AssertHealthy();
    }

    [Fact]
    public async Task String_hash_order_is_nondeterministic_across_processes()
    {
        // A record's generated GetHashCode hashes its string with the per-process random seed (the policy allows
        // members of the program's own types, so this is left to the determinism check).
        var program = "record R(string S); int f(string s) => new R(s).GetHashCode();";
        var r = await fixture.RunAsync(program, "\"abc\"");
        Assert.True(r.Status == Verdict.Nondeterministic, $"{r.Status}: {r.Error} {r.Output}");
        r = await fixture.RunAsync(program, "\"abc\"", determinism: false);
        Assert.Equal(Verdict.Ok, r.Status);
    }

    [Fact]
    public async Task A_crash_costs_only_its_own_program()
    {
        var requests = new List<ExecutionRequest>();
        for (int i = 0; i < 12; i++)
            requests.Add(i % 4 == 1
                ? new ExecutionRequest($"r{i}", "int f(int x) { while (true) { } }", "0")
                : new ExecutionRequest($"r{i}", "int f(int x) => x * 2;", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var results = await fixture.Executor.ExecuteAsync(requests);
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal($"r{i}", results[i].Id);
            if (i % 4 == 1) Assert.Equal(Verdict.Timeout, results[i].Status);
            else Assert.Equal((i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), results[i].Output);
        }
    }

    [Fact]
    public async Task Complete_programs_run_with_exit_codes_and_stdout()
    {
        var harness = "public static class H { public static void Check(bool ok) { if (!ok) throw new Exception(\"assertion failed\"); } }";
        var results = await fixture.Executor.RunCompleteProgramsAsync(
        [
            new CompleteProgramRequest("a", "using System; class Program { static int Main() { H.Check(Sol.F(2) == 4); return 0; } } static class Sol { public static int F(int x) => x * 2; }", [harness]),
            new CompleteProgramRequest("b", "class Program { static void Main() { H.Check(1 == 2); } }", [harness]),
            new CompleteProgramRequest("c", "class Program { static int Main() => 3; }"),
            new CompleteProgramRequest("d", "class Program { static void Main() { System.IO.File.WriteAllText(\"x\", \"y\"); } }"),
            new CompleteProgramRequest("e", "class Program { static void Main() { while (true) { } } }"),
            new CompleteProgramRequest("f", "class Program { static void Main() { H.Print(\"hi\"); } }", ["public static class H { public static void Print(string s) => System.Console.WriteLine(s); }"]),
        ], TimeSpan.FromSeconds(1));
        Assert.Equal(Verdict.Ok, results[0].Status);
        Assert.Equal(0, results[0].ExitCode);
        Assert.Equal(Verdict.RuntimeError, results[1].Status);
        Assert.Contains("assertion failed", results[1].Error);
        Assert.Equal(Verdict.RuntimeError, results[2].Status);
        Assert.Equal(3, results[2].ExitCode);
        Assert.Equal(Verdict.PolicyViolation, results[3].Status);
        Assert.Equal(Verdict.Timeout, results[4].Status);
        Assert.Equal(Verdict.Ok, results[5].Status);
        Assert.Equal("hi\n", results[5].Stdout);
    }

    private async Task AssertHealthy()
    {
        var r = await fixture.RunAsync("int f(int x) => x + 1;", "41");
        Assert.Equal("42", r.Output);
    }
}
