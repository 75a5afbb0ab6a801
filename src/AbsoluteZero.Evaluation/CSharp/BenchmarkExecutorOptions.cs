using AbsoluteZero.Execution;

namespace AbsoluteZero.Evaluation.CSharp;

/// <summary>Executor settings for benchmark programs, which run longer and allocate more than self-play programs.</summary>
public static class BenchmarkExecutorOptions
{
    /// <summary>
    /// 10 s per program, a step budget of 3·10⁹ (≈ 9 s of loop iterations and calls), 1 GiB heap and allocation
    /// budget, no result cache (each candidate is new).
    /// </summary>
    public static ExecutorOptions Default => new()
    {
        TimeoutMs = 10_000, StepBudget = 3_000_000_000, MemoryMb = 1024, AllocBudgetMb = 1024, CacheEntries = 0,
    };
}
