using AbsoluteZero.Execution.Compilation;
using AbsoluteZero.Execution.Diagnostics;
using AbsoluteZero.Execution.Literals;
using AbsoluteZero.Execution.Running;
using AbsoluteZero.Sandbox.Runner;

namespace AbsoluteZero.Execution;

/// <summary>
/// The sandboxed executor (create it with <see cref="ProgramExecutor.Create"/>): static policy and batch compilation
/// in this process, execution in a pool of runner processes. Thread-safe; dispose it to stop the runners.
/// </summary>
public sealed class ProgramExecutorHandle : IProgramExecutor, ICompleteProgramRunner
{
    private readonly ExecutorOptions _options;
    private readonly IRunnerFactory _factory;
    private readonly RunnerPool _pool;
    private readonly BatchCompiler _compiler;
    private readonly ResultCache _cache;
    private readonly Serilog.ILogger? _logger;
    private readonly StageCounters _stages = new();
    private int _mainSerial;

    internal ProgramExecutorHandle(ExecutorOptions options, IRunnerFactory factory, Serilog.ILogger? logger)
    {
        _options = options;
        _factory = factory;
        _logger = logger;
        _pool = new RunnerPool(options.EffectiveWorkers, factory, options.RecycleAfter, logger);
        _compiler = new BatchCompiler(options, _stages);
        _cache = new ResultCache(options.CacheEntries);
        logger?.Information("Executor: {Backend}, {Workers} runners", factory.Name, _pool.Size);
    }

    /// <summary>The backend in words, e.g. "local, bubblewrap + prlimit".</summary>
    public string BackendDescription => _factory.Name;

    /// <summary>Runner processes started so far (first starts plus restarts after crashes and hangs).</summary>
    public int RunnerStarts => _pool.Starts;

    /// <summary>Number of runner slots.</summary>
    public int Workers => _pool.Size;

    /// <summary>Cumulative cost per stage (host CPU per static stage, runner CPU and wait per run); subtract snapshots.</summary>
    public StageTimes Stages => _stages.Snapshot();

    private RunLimits Limits(int timeoutMs) => new(timeoutMs, _options.StepBudget, (long)_options.AllocBudgetMb << 20, _options.OutputLimit, _options.StackKb);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExecutionResult>> ExecuteAsync(IReadOnlyList<ExecutionRequest> requests, bool determinismCheck = true,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new (Verdict Status, string? Output, string? Error)[requests.Count];
        var keys = new string[requests.Count];
        var pending = new List<int>();
        for (int i = 0; i < requests.Count; i++)
        {
            keys[i] = ResultCache.Key(requests[i].Program ?? "", requests[i].Input ?? "");
            if (_cache.TryGet(keys[i], out var hit)) outcomes[i] = hit;
            else pending.Add(i);
        }
        var batches = pending.Chunk(_options.BatchSize).ToList();
        // One batch more than runners: while every runner is busy with a batch, the host compiles the next one.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = _pool.Size + 1, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                var items = batch.Select(i => (i, requests[i].Program ?? "", requests[i].Input ?? "")).ToList();
                var compiled = _compiler.Compile(items);
                var runnable = compiled.Programs.Where(p => p.TypeName is not null).ToList();
                foreach (var p in compiled.Programs.Where(p => p.Verdict is not null))
                {
                    outcomes[p.Index] = (p.Verdict!.Value, null, p.Error);
                    _cache.Add(keys[p.Index], outcomes[p.Index]);
                }
                if (runnable.Count == 0 || compiled.Assembly is null) return;
                var assembly = System.Convert.ToBase64String(compiled.Assembly);
                var programs = runnable.Select(p => new RunnerProgram(p.Index, p.TypeName!, ProgramWrapper.EntryMethod)).ToList();
                var (first, firstSlot) = await RunOnAsync(assembly, programs, -1, _options.TimeoutMs, false, ct);
                var second = new RunnerReply?[programs.Count];
                var again = determinismCheck ? Enumerable.Range(0, programs.Count).Where(k => NeedsRerun(first[k])).ToList() : [];
                if (again.Count > 0)
                {
                    var (replies, _) = await RunOnAsync(assembly, again.Select(k => programs[k]).ToList(), firstSlot, _options.TimeoutMs, true, ct);
                    for (int j = 0; j < again.Count; j++) second[again[j]] = replies[j];
                }
                for (int k = 0; k < programs.Count; k++)
                {
                    var index = programs[k].Index;
                    outcomes[index] = Combine(first[k], second[k]);
                    if (determinismCheck) _cache.Add(keys[index], outcomes[index]);
                }
            });
        var results = new ExecutionResult[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            var (status, output, error) = outcomes[i];
            bool? match = null;
            if (status == Verdict.Ok && requests[i].Expected is { } expected) (match, error) = Compare(expected, output!);
            results[i] = new ExecutionResult(requests[i].Id, status, output, match, error);
        }
        return results;
    }

    private async Task<(IReadOnlyList<RunnerReply> Replies, int Slot)> RunOnAsync(string assembly, IReadOnlyList<RunnerProgram> programs,
        int exclude, int timeoutMs, bool rerun, CancellationToken ct)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var slot = await _pool.AcquireAsync(exclude, ct);
        try
        {
            return (await slot.RunAsync(assembly, programs, Limits(timeoutMs), ct), slot.Id);
        }
        finally
        {
            _stages.AddRun(rerun, slot.LastCpu.Ticks, System.Diagnostics.Stopwatch.GetElapsedTime(start).Ticks);
            _pool.Release(slot);
        }
    }

    // A first run that ended on a resource limit (timeout, memory_limit, output_limit, crash) is already a rejection
    // whatever a second run says, and a second runaway would cost a whole budget again (a crash, a runner restart):
    // like Absolute Zero's own executor, only programs that finished (ok or runtime_error) are run the second time.
    private static bool NeedsRerun(RunnerReply first) => Verdicts.Parse(first.Status) is Verdict.Ok or Verdict.RuntimeError;

    private static (Verdict, string?, string?) Combine(RunnerReply first, RunnerReply? second)
    {
        var a = ToOutcome(first);
        if (second is null) return a;
        var b = ToOutcome(second);
        if (a.Status == b.Status && a.Output == b.Output) return a;
        return (Verdict.Nondeterministic, null, $"two runs in different runner processes differ: {Summary(a)} vs {Summary(b)}");
    }

    private static string Summary((Verdict Status, string? Output, string? Error) r)
    {
        var text = r.Status == Verdict.Ok ? "ok " + r.Output : $"{Verdicts.Name(r.Status)} ({r.Error})";
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    private static (Verdict Status, string? Output, string? Error) ToOutcome(RunnerReply reply)
    {
        var verdict = Verdicts.Parse(reply.Status);
        return verdict == Verdict.Ok ? (verdict, reply.Output, null) : (verdict, null, reply.Error ?? Verdicts.Name(verdict));
    }

    private (bool? Match, string? Error) Compare(string expected, string output)
    {
        if (expected.Length > _options.MaxInputChars)
            return (false, $"expected is {expected.Length} characters; the limit is {_options.MaxInputChars}");
        if (!CSharpLiteral.TryParse(expected, out var want, out var error)) return (false, "expected: " + error);
        if (!CSharpLiteral.TryParse(output, out var got, out error)) return (false, "output: " + error);
        return (want.StructurallyEquals(got), null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CompleteProgramResult>> RunCompleteProgramsAsync(IReadOnlyList<CompleteProgramRequest> requests,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var results = new CompleteProgramResult[requests.Count];
        int timeoutMs = timeout is { } t ? (int)Math.Clamp(t.TotalMilliseconds, 10, int.MaxValue / 4) : _options.TimeoutMs;
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _pool.Size, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var request = requests[i];
                var compiled = CompleteProgramCompiler.Compile(request, _options, Interlocked.Increment(ref _mainSerial));
                if (compiled.Verdict is { } v)
                {
                    results[i] = new CompleteProgramResult(request.Id, v, null, "", compiled.Error);
                    return;
                }
                var program = new RunnerProgram(0, compiled.TypeName!, compiled.Method!, Main: true);
                var (replies, _) = await RunOnAsync(System.Convert.ToBase64String(compiled.Assembly!), [program], -1, timeoutMs, false, ct);
                var reply = replies[0];
                var verdict = Verdicts.Parse(reply.Status);
                results[i] = new CompleteProgramResult(request.Id, verdict, reply.ExitCode, reply.Stdout ?? "",
                    verdict == Verdict.Ok ? null : reply.Error ?? Verdicts.Name(verdict));
            });
        return results;
    }

    /// <summary>Stops every runner and removes scratch directories.</summary>
    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
