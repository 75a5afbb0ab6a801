namespace AbsoluteZero.Execution.Diagnostics;

/// <summary>
/// Cumulative cost of each executor stage since the executor started. Host stages are thread CPU time (see
/// <see cref="MeasuresCpu"/>); runner stages are the CPU time the runner processes report for each request, plus
/// the host's wall time waiting for them. Subtract two snapshots to cost one workload.
/// </summary>
/// <param name="Programs">Programs that went through the static phase.</param>
/// <param name="Parse">Size limits, input parsing, wrapping and parsing the program, syntax policy.</param>
/// <param name="Instrument">The step-budget/stack-guard rewrite.</param>
/// <param name="Policy">Building the batch compilation and the semantic allow-list walk (binds every method body).</param>
/// <param name="Emit">Emitting the batch assembly, including re-emits after compile errors.</param>
/// <param name="RunCpu">Runner CPU time of the first run of every batch.</param>
/// <param name="RerunCpu">Runner CPU time of the determinism re-run in the second process.</param>
/// <param name="RunWall">Host wall time waiting for first runs (a slot and its replies).</param>
/// <param name="RerunWall">Host wall time waiting for determinism re-runs.</param>
/// <param name="MeasuresCpu">False where thread CPU time is unavailable and host stages are wall time.</param>
public sealed record StageTimes(long Programs, TimeSpan Parse, TimeSpan Instrument, TimeSpan Policy, TimeSpan Emit,
    TimeSpan RunCpu, TimeSpan RerunCpu, TimeSpan RunWall, TimeSpan RerunWall, bool MeasuresCpu)
{
    /// <summary>Host CPU of the static phase (parse + instrument + policy + emit).</summary>
    public TimeSpan HostStatic => Parse + Instrument + Policy + Emit;

    /// <summary>The cost between <paramref name="earlier"/> and this snapshot.</summary>
    public StageTimes Since(StageTimes earlier) => new(Programs - earlier.Programs, Parse - earlier.Parse,
        Instrument - earlier.Instrument, Policy - earlier.Policy, Emit - earlier.Emit, RunCpu - earlier.RunCpu,
        RerunCpu - earlier.RerunCpu, RunWall - earlier.RunWall, RerunWall - earlier.RerunWall, MeasuresCpu);
}

/// <summary>Thread-safe accumulators behind <see cref="StageTimes"/>.</summary>
internal sealed class StageCounters
{
    private long _programs, _parse, _instrument, _policy, _emit, _runCpu, _rerunCpu, _runWall, _rerunWall;

    public void AddPrograms(int n) => Interlocked.Add(ref _programs, n);
    public void AddParse(long ticks) => Interlocked.Add(ref _parse, ticks);
    public void AddInstrument(long ticks) => Interlocked.Add(ref _instrument, ticks);
    public void AddPolicy(long ticks) => Interlocked.Add(ref _policy, ticks);
    public void AddEmit(long ticks) => Interlocked.Add(ref _emit, ticks);

    public void AddRun(bool rerun, long cpuTicks, long wallTicks)
    {
        Interlocked.Add(ref rerun ? ref _rerunCpu : ref _runCpu, cpuTicks);
        Interlocked.Add(ref rerun ? ref _rerunWall : ref _runWall, wallTicks);
    }

    public StageTimes Snapshot() => new(Interlocked.Read(ref _programs), T(ref _parse), T(ref _instrument), T(ref _policy),
        T(ref _emit), T(ref _runCpu), T(ref _rerunCpu), T(ref _runWall), T(ref _rerunWall), CpuClock.MeasuresCpu);

    private static TimeSpan T(ref long ticks) => TimeSpan.FromTicks(Interlocked.Read(ref ticks));
}
