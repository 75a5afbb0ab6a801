using System.Globalization;
using AbsoluteZero.Execution;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Tests;

/// <summary>Thrown by a fake program to produce a verdict other than Ok.</summary>
internal sealed class FakeVerdict(Verdict verdict, string message) : Exception(message)
{
    public Verdict Verdict { get; } = verdict;
}

/// <summary>
/// An in-test <see cref="IProgramExecutor"/>: programs are looked up by their exact text in a table of C# functions
/// from the input text to the output text (unknown programs do not "compile"); Expected is compared after the
/// whitespace normalisation of <see cref="CSharpText"/>. Every call is recorded.
/// </summary>
internal sealed class FakeExecutor : IProgramExecutor
{
    public Dictionary<string, Func<string, string>> Programs { get; } = new(StringComparer.Ordinal);

    public List<(IReadOnlyList<ExecutionRequest> Requests, bool DeterminismCheck)> Calls { get; } = [];

    public int RequestCount => Calls.Sum(c => c.Requests.Count);

    public FakeExecutor Add(string program, Func<string, string> f)
    {
        Programs[program] = f;
        return this;
    }

    public Task<IReadOnlyList<ExecutionResult>> ExecuteAsync(IReadOnlyList<ExecutionRequest> requests, bool determinismCheck = true,
        CancellationToken cancellationToken = default)
    {
        Calls.Add((requests.ToList(), determinismCheck));
        var results = new List<ExecutionResult>();
        foreach (var r in requests)
        {
            if (!Programs.TryGetValue(r.Program, out var f))
            {
                results.Add(new ExecutionResult(r.Id, Verdict.CompileError, null, null, "error CS0103: unknown program"));
                continue;
            }
            try
            {
                string output = f(r.Input);
                bool? match = r.Expected is null ? null : CSharpText.Normalize(r.Expected) == CSharpText.Normalize(output);
                results.Add(new ExecutionResult(r.Id, Verdict.Ok, output, match, null));
            }
            catch (FakeVerdict v)
            {
                results.Add(new ExecutionResult(r.Id, v.Verdict, null, null, v.Message));
            }
        }
        return Task.FromResult<IReadOnlyList<ExecutionResult>>(results);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // A few programs with real semantics, used across the tests.
    public const string Identity = "static string f(string x) => x;";
    public const string Double = "static int f(int x) => x * 2;";
    public const string Sum = "static int f(int a, int b) => a + b;";
    public const string DoubleSmallOnly = "static int f(int x) => x < 5 ? x * 2 : 0;";
    public const string Throws = "static int f(int x) => throw new InvalidOperationException();";
    public const string Flaky = "static int f(int x) => Environment.TickCount;";

    public static FakeExecutor Standard() => new FakeExecutor()
        .Add(Identity, input => input.Trim())
        .Add(Double, input => Str(Int(input) * 2))
        .Add(Sum, input => { var p = input.Split(','); return Str(Int(p[0]) + Int(p[1])); })
        .Add(DoubleSmallOnly, input => Str(Int(input) < 5 ? Int(input) * 2 : 0))
        .Add(Throws, _ => throw new FakeVerdict(Verdict.RuntimeError, "System.InvalidOperationException: Operation is not valid"))
        .Add(Flaky, _ => throw new FakeVerdict(Verdict.Nondeterministic, "run 1 gave 1, run 2 gave 2"));

    private static int Int(string s) => int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
        ? v : throw new FakeVerdict(Verdict.InvalidInput, $"'{s}' is not an int literal");

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
