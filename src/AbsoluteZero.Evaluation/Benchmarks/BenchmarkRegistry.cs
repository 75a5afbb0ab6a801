namespace AbsoluteZero.Evaluation.Benchmarks;

/// <summary>A benchmark known by name: where its file sits under the benchmark data folder and how to read it.</summary>
/// <param name="Name">The name used on the command line, e.g. <c>gsm8k</c>.</param>
/// <param name="Family">Which scorer it needs.</param>
/// <param name="RelativePath">Its file relative to the benchmark data folder (<c>shared/benchmarks</c>).</param>
/// <param name="Description">One line for help text.</param>
/// <param name="Loader">Reads a file of this format from any path.</param>
public sealed record BenchmarkInfo(string Name, BenchmarkFamily Family, string RelativePath, string Description,
    Func<string, List<BenchmarkProblem>> Loader)
{
    /// <summary>Loads <paramref name="dataFile"/> when given, else the file under the data folder found by <see cref="BenchmarkData.Locate"/>.</summary>
    public List<BenchmarkProblem> Load(string? dataFile = null) =>
        Loader(dataFile ?? Path.Combine(BenchmarkData.Locate(), RelativePath));
}

/// <summary>All benchmarks by name.</summary>
public static class BenchmarkRegistry
{
    /// <summary>Every known benchmark, in display order.</summary>
    public static IReadOnlyList<BenchmarkInfo> All { get; } =
    [
        new("gsm8k", BenchmarkFamily.Math, "gsm8k/test.jsonl", "GSM8K test (1,319 grade-school word problems)", BenchmarkLoaders.Gsm8k),
        new("math500", BenchmarkFamily.Math, "math500/test.jsonl", "MATH-500 (PRM800K test subset)", BenchmarkLoaders.MathAnswer),
        new("aime24", BenchmarkFamily.Math, "aime24/test.jsonl", "AIME 2024 I+II (30)", BenchmarkLoaders.MathAnswer),
        new("aime25", BenchmarkFamily.Math, "aime25/test.jsonl", "AIME 2025 I+II (30)", BenchmarkLoaders.MathAnswer),
        new("amc23", BenchmarkFamily.Math, "amc23/test.jsonl", "AMC 12 2023, numeric-answer subset (40)", BenchmarkLoaders.MathAnswer),
        new("humaneval-plus", BenchmarkFamily.PythonCode, "humaneval-plus/HumanEvalPlus.jsonl.gz", "HumanEval+ (EvalPlus v0.1.10, Python)", BenchmarkLoaders.HumanEvalPlus),
        new("mbpp-plus", BenchmarkFamily.PythonCode, "mbpp-plus/MbppPlus.jsonl.gz", "MBPP+ (EvalPlus v0.2.0, Python)", BenchmarkLoaders.MbppPlus),
        new("cruxeval-o", BenchmarkFamily.CruxEval, "cruxeval/cruxeval.jsonl", "CRUXEval-O: predict a Python function's output", p => BenchmarkLoaders.CruxEval(p, CruxMode.Output)),
        new("cruxeval-i", BenchmarkFamily.CruxEval, "cruxeval/cruxeval.jsonl", "CRUXEval-I: predict an input giving the output", p => BenchmarkLoaders.CruxEval(p, CruxMode.Input)),
        new("multipl-e-humaneval-cs", BenchmarkFamily.CSharpCode, "multipl-e-humaneval-cs/humaneval-cs-reworded.jsonl", "MultiPL-E HumanEval -> C# (158)", BenchmarkLoaders.MultiPlE),
        new("mxeval-humaneval-cs", BenchmarkFamily.CSharpCode, "mxeval-csharp/HumanEval_csharp_v1.jsonl", "MxEval multilingual HumanEval C# (161)", BenchmarkLoaders.MxEval),
        new("mbcsp", BenchmarkFamily.CSharpCode, "mxeval-csharp/mbcsp_release_v1.2.jsonl", "MBXP MBCSP: MBPP in C# (968)", BenchmarkLoaders.MxEval),
    ];

    /// <summary>The benchmark called <paramref name="name"/> (case-insensitive); unknown names list the known ones.</summary>
    public static BenchmarkInfo Get(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown benchmark \"{name}\"; known: {string.Join(", ", All.Select(b => b.Name))}");
}

/// <summary>Finds the benchmark data folder.</summary>
public static class BenchmarkData
{
    /// <summary>The environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "AZR_BENCHMARKS_DIR";

    /// <summary>
    /// <c>$AZR_BENCHMARKS_DIR</c> when set, else the first <c>shared/benchmarks</c> folder found walking up from the
    /// current directory (then from the program's directory).
    /// </summary>
    public static string Locate()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
            return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"{EnvironmentVariable}={env}: no such directory");
        return TryWalkUp(Directory.GetCurrentDirectory()) ?? TryWalkUp(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"benchmark data not found: set {EnvironmentVariable}, run below a folder holding shared/benchmarks, or pass --data <file>");
    }

    /// <summary>Like <see cref="Locate"/> but null when there is no data folder.</summary>
    public static string? TryLocate()
    {
        try
        {
            return Locate();
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string? TryWalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "benchmarks");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
