using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Tests;

/// <summary>
/// A fact that reads the real benchmark files (../shared/benchmarks beside the checkout, or AZR_BENCHMARKS_DIR): it is
/// skipped, with the reason, on a machine that has no copy of them (their licences keep them out of the repository).
/// </summary>
public sealed class BenchmarkDataFactAttribute : FactAttribute
{
    public BenchmarkDataFactAttribute()
    {
        if (BenchmarkData.TryLocate() is null) Skip = BenchmarkDataMissing.Reason;
    }
}

/// <summary>The theory form of <see cref="BenchmarkDataFactAttribute"/>.</summary>
public sealed class BenchmarkDataTheoryAttribute : TheoryAttribute
{
    public BenchmarkDataTheoryAttribute()
    {
        if (BenchmarkData.TryLocate() is null) Skip = BenchmarkDataMissing.Reason;
    }
}

internal static class BenchmarkDataMissing
{
    public const string Reason = "benchmark data not found: no shared/benchmarks above the working directory and AZR_BENCHMARKS_DIR unset";
}
