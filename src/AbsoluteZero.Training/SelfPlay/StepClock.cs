namespace AbsoluteZero.Training.SelfPlay;

/// <summary>Accumulated wall time of one step by kind, and generated tokens.</summary>
internal sealed class StepClock
{
    private readonly System.Diagnostics.Stopwatch _total = System.Diagnostics.Stopwatch.StartNew();
    public double Generation { get; private set; }
    public double Execution { get; private set; }
    public double Update { get; private set; }
    public long GeneratedTokens { get; set; }

    public T TimeGeneration<T>(Func<T> f) { var w = System.Diagnostics.Stopwatch.StartNew(); try { return f(); } finally { Generation += w.Elapsed.TotalSeconds; } }

    public T TimeUpdate<T>(Func<T> f) { var w = System.Diagnostics.Stopwatch.StartNew(); try { return f(); } finally { Update += w.Elapsed.TotalSeconds; } }

    public async Task<T> TimeExecution<T>(Func<Task<T>> f)
    {
        var w = System.Diagnostics.Stopwatch.StartNew();
        try { return await f(); } finally { Execution += w.Elapsed.TotalSeconds; }
    }

    public Runs.StepSeconds Snapshot()
    {
        double total = _total.Elapsed.TotalSeconds;
        return new Runs.StepSeconds(Generation, Execution, Update, Math.Max(0, total - Generation - Execution - Update), total);
    }
}
