namespace AbsoluteZero.Execution.Tests;

/// <summary>One executor shared by a test class (runners are processes; starting them per test would be slow).</summary>
public sealed class ExecutorFixture : IAsyncLifetime
{
    public ProgramExecutorHandle Executor { get; private set; } = null!;

    public static ExecutorOptions Options => new()
    {
        Workers = 2, TimeoutMs = 1500, StepBudget = 5_000_000, MemoryMb = 512, AllocBudgetMb = 64, OutputLimit = 4096,
        CacheEntries = 0, BatchSize = 16,
    };

    public Task InitializeAsync()
    {
        Executor = ProgramExecutor.Create(Options);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Executor.DisposeAsync();

    public async Task<ExecutionResult> RunAsync(string program, string input, string? expected = null, bool determinism = true)
    {
        var results = await Executor.ExecuteAsync([new ExecutionRequest("t", program, input, expected)], determinism);
        return results[0];
    }
}
