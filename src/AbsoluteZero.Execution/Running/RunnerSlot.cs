using System.Text.Json;
using AbsoluteZero.Sandbox.Runner;

namespace AbsoluteZero.Execution.Running;

/// <summary>Per-batch limits sent to the runner.</summary>
internal sealed record RunLimits(int TimeoutMs, long StepBudget, long AllocBudget, int OutputLimit, int StackKb);

/// <summary>
/// One place in the pool, holding at most one runner at a time. Runs a batch to completion whatever happens: when the
/// runner dies (stack overflow, kill) or hangs, the program it was running gets crash/timeout, a new runner is started
/// and the rest of the batch is sent again.
/// </summary>
internal sealed class RunnerSlot(int id, IRunnerFactory factory, int recycleAfter, Serilog.ILogger? logger) : IAsyncDisposable
{
    private IRunnerConnection? _connection;
    private int _programsRun;

    /// <summary>The slot's identity; two slots never share a process.</summary>
    public int Id { get; } = id;

    /// <summary>How many times a runner was (re)started in this slot.</summary>
    public int Starts { get; private set; }

    /// <summary>Runner CPU time the last <see cref="RunAsync"/> used, as the runner reported it (a killed runner reports nothing).</summary>
    public TimeSpan LastCpu { get; private set; }

    /// <summary>Runs <paramref name="programs"/> of <paramref name="assembly"/>; one reply per program, in order.</summary>
    public async Task<IReadOnlyList<RunnerReply>> RunAsync(string assembly, IReadOnlyList<RunnerProgram> programs, RunLimits limits,
        CancellationToken cancellationToken)
    {
        var replies = new Dictionary<int, RunnerReply>();
        var pending = programs.ToList();
        LastCpu = TimeSpan.Zero;
        if (_programsRun >= recycleAfter) await DropAsync();
        // The runner enforces the per-program hard limit itself; this watchdog is for a runner that stops answering.
        var watchdog = TimeSpan.FromMilliseconds(limits.TimeoutMs * 2L + 5000);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var connection = await EnsureStartedAsync(cancellationToken);
            var request = new RunnerRequest
            {
                Op = "run", Assembly = assembly, Programs = pending, TimeoutMs = limits.TimeoutMs, StepBudget = limits.StepBudget,
                AllocBudget = limits.AllocBudget, OutputLimit = limits.OutputLimit, StackKb = limits.StackKb,
            };
            await connection.SendAsync(JsonSerializer.Serialize(request, ProtocolJson.Options), cancellationToken);
            _programsRun += pending.Count;
            while (true)
            {
                string? line;
                bool hung = false;
                try
                {
                    line = await connection.ReceiveAsync(watchdog, cancellationToken);
                }
                catch (TimeoutException)
                {
                    line = null;
                    hung = true;
                }
                catch (OperationCanceledException)
                {
                    await DropAsync();
                    throw;
                }
                if (line is null)
                {
                    await connection.KillAsync();
                    var why = connection.Describe();
                    await DropAsync();
                    var victim = pending.First(p => !replies.ContainsKey(p.Index));
                    replies[victim.Index] = hung
                        ? new RunnerReply { Index = victim.Index, Status = "timeout", Error = $"runner stopped answering for {watchdog.TotalSeconds:F0} s and was killed" }
                        : new RunnerReply { Index = victim.Index, Status = "crash", Error = why };
                    logger?.Debug("Runner slot {Slot}: program {Index} ended the runner ({Why})", Id, victim.Index, hung ? "hung" : why);
                    break;
                }
                var reply = JsonSerializer.Deserialize<RunnerReply>(line, ProtocolJson.Options)
                    ?? throw new InvalidDataException("the runner sent a null reply");
                if (reply.Done)
                {
                    if (reply.CpuMs is { } cpuMs) LastCpu += TimeSpan.FromMilliseconds(cpuMs);
                    if (reply.Exit) await DropAsync();
                    else if (reply.Status == "crash") throw new InvalidOperationException("the runner rejected a request: " + reply.Error);
                    break;
                }
                replies[reply.Index] = reply;
            }
            pending = pending.Where(p => !replies.ContainsKey(p.Index)).ToList();
        }
        return programs.Select(p => replies[p.Index]).ToList();
    }

    private async Task<IRunnerConnection> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null) return _connection;
        _connection = await factory.StartAsync(Id, cancellationToken);
        _programsRun = 0;
        Starts++;
        return _connection;
    }

    private async Task DropAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null) await connection.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(DropAsync());
}
