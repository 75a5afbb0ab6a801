namespace AbsoluteZero.Execution.Tests;

/// <summary>One escape attempt per forbidden category of the static policy: each must be a policy violation naming the rule.</summary>
public class PolicyTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    [Theory]
    [InlineData("io", "string f() => System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO")]
    [InlineData("io-directory", "int f() => System.IO.Directory.GetFiles(\"/\").Length;", "System.IO")]
    [InlineData("network", "int f() { var c = new System.Net.Sockets.TcpClient(); return 1; }", "System.Net")]
    [InlineData("http", "int f() { var c = new System.Net.Http.HttpClient(); return 1; }", "System.Net")]
    [InlineData("process", "int f() => System.Diagnostics.Process.Start(\"sh\").Id;", "System.Diagnostics")]
    [InlineData("environment", "string f() => Environment.GetEnvironmentVariable(\"HOME\");", "System.Environment")]
    [InlineData("exit", "int f() { Environment.Exit(0); return 1; }", "System.Environment")]
    [InlineData("reflection-gettype", "string f() => 1.GetType().Name;", "Reflection")]
    [InlineData("reflection-typeof", "string f() => typeof(int).Assembly.FullName;", "typeof")]
    [InlineData("reflection-type-gettype", "string f() => Type.GetType(\"System.IO.File\")?.Name;", "System.Type")]
    [InlineData("reflection-method", "string f() { Func<int> g = () => 1; return g.Method.Name; }", "Reflection")]
    [InlineData("reflection-namespace", "int f() => System.Reflection.Assembly.GetExecutingAssembly().GetTypes().Length;", "System.Reflection")]
    [InlineData("activator", "object f() => Activator.CreateInstance<List<int>>();", "Activator")]
    [InlineData("appdomain", "string f() => AppDomain.CurrentDomain.FriendlyName;", "AppDomain")]
    [InlineData("assembly-loading", "int f() { System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(\"/x.dll\"); return 1; }", "System.Runtime.Loader")]
    [InlineData("dynamic", "int f() { dynamic d = 1; return d + 1; }", "dynamic")]
    [InlineData("unsafe", "unsafe int f() { int x = 1; int* p = &x; return *p; }", "unsafe")]
    [InlineData("stackalloc", "int f() { Span<int> s = stackalloc int[4]; return s.Length; }", "stackalloc")]
    [InlineData("pinvoke", "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid(); int f() => getpid();", "interop")]
    [InlineData("marshal", "int f() => System.Runtime.InteropServices.Marshal.SizeOf<int>();", "System.Runtime.InteropServices")]
    [InlineData("unsafe-class", "int f() => System.Runtime.CompilerServices.Unsafe.SizeOf<int>();", "System.Runtime.CompilerServices")]
    [InlineData("threads", "int f() { var t = new System.Threading.Thread(() => { }); t.Start(); return 1; }", "System.Threading")]
    [InlineData("tasks", "int f() => System.Threading.Tasks.Task.Run(() => 1).Result;", "System.Threading.Tasks")]
    [InlineData("async", "async System.Threading.Tasks.Task<int> g() => 1; int f() => 1;", "async")]
    [InlineData("lock", "int f() { lock (new List<int>()) { return 1; } }", "lock")]
    [InlineData("gc", "long f() { GC.Collect(); return GC.GetTotalMemory(false); }", "System.GC")]
    [InlineData("console", "int f() { Console.WriteLine(\"x\"); return 1; }", "System.Console")]
    [InlineData("clock", "long f() => DateTime.Now.Ticks;", "DateTime.Now")]
    [InlineData("stopwatch", "long f() => System.Diagnostics.Stopwatch.GetTimestamp();", "System.Diagnostics")]
    [InlineData("tickcount", "int f() => Environment.TickCount;", "System.Environment")]
    [InlineData("timer", "int f() { var t = new System.Threading.Timer(_ => { }); return 1; }", "System.Threading")]
    [InlineData("random-unseeded", "int f() => new Random().Next();", "without a seed")]
    [InlineData("random-shared", "int f() => Random.Shared.Next();", "Random.Shared")]
    [InlineData("guid", "string f() => Guid.NewGuid().ToString();", "Guid.NewGuid")]
    [InlineData("gethashcode", "int f(string s) => s.GetHashCode();", "GetHashCode")]
    [InlineData("hashcode", "int f(int x) => HashCode.Combine(x);", "System.HashCode")]
    [InlineData("expression-trees", "int f() { System.Linq.Expressions.Expression<Func<int>> e = () => 1; return e.Compile()(); }", "System.Linq.Expressions")]
    [InlineData("stack-trace", "string f() { try { throw new Exception(); } catch (Exception e) { return e.StackTrace; } }", "Exception.StackTrace")]
    [InlineData("stack-trace-class", "string f() => new System.Diagnostics.StackTrace().ToString();", "System.Diagnostics")]
    [InlineData("finalizer", "class C { ~C() { } } int f() => 1;", "finalizer")]
    [InlineData("module-initializer", "[System.Runtime.CompilerServices.ModuleInitializer] internal static void Init() { } int f() => 1;", "attribute")]
    [InlineData("preprocessor", "#pragma warning disable\nint f() => 1;", "preprocessor")]
    [InlineData("using-directive", "using System.IO; int f() => 1;", "using")]
    [InlineData("reserved-name", "int f() { __B.Reset(long.MaxValue, long.MaxValue, TimeSpan.MaxValue); return 1; }", "reserved")]
    [InlineData("generic-argument", "int f() => new List<System.IO.FileInfo>().Count;", "System.IO")]
    [InlineData("var-forbidden-type", "int f() { var p = System.Diagnostics.Process.GetCurrentProcess; return 1; }", "System.Diagnostics")]
    [InlineData("weak-reference", "bool f() => new WeakReference(new object()).IsAlive;", "WeakReference")]
    [InlineData("timezone", "string f() => TimeZoneInfo.Local.Id;", "TimeZoneInfo")]
    [InlineData("intern", "string f() => string.Intern(\"a\");", "Intern")]
    public async Task Forbidden_api_is_a_policy_violation(string category, string program, string reason)
    {
        var r = await fixture.RunAsync(program, "");
        Assert.True(r.Status == Verdict.PolicyViolation, $"{category}: {r.Status}: {r.Error}");
        Assert.Contains(reason, r.Error);
        Assert.Contains("rule '", r.Error);
    }

    [Fact]
    public async Task Hostile_input_is_refused_before_anything_runs()
    {
        var r = await fixture.RunAsync("int f(string s) => s.Length;", "System.IO.File.ReadAllText(\"/etc/passwd\")");
        Assert.Equal(Verdict.InvalidInput, r.Status);
    }

    [Theory]
    [InlineData("int f() => 1; } static class Evil { static Evil() { System.IO.File.Delete(\"x\"); } } static class Y {", "", Verdict.CompileError)]
    [InlineData("int f(int x) => x;", "1); } static class Evil { static int g() => System.IO.File.ReadAllText(\"x\").Length; } static class Y { static int h() => (1", Verdict.InvalidInput)]
    [InlineData("int f(int x) => x;", "1) + System.IO.File.ReadAllText(\"x\").Length + (1", Verdict.InvalidInput)]
    public async Task Program_and_input_cannot_break_out_of_their_wrapper(string program, string input, Verdict verdict)
    {
        var r = await fixture.RunAsync(program, input);
        Assert.True(r.Status == verdict, $"{r.Status}: {r.Error}");
    }

    [Fact]
    public async Task One_program_cannot_reach_another_in_its_batch()
    {
        var results = await fixture.Executor.ExecuteAsync(
        [
            new ExecutionRequest("a", "public static int Secret = 42; public static int f() => Secret;", ""),
            new ExecutionRequest("b", "int f() => __P0.Secret;", ""),
        ]);
        Assert.Equal("42", results[0].Output);
        Assert.Equal(Verdict.PolicyViolation, results[1].Status);
    }
}
