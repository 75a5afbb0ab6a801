namespace AbsoluteZero.Execution.Running;

/// <summary>
/// A fixed set of runner slots handed out one caller at a time. <see cref="AcquireAsync"/> can exclude a slot, so the
/// determinism check's second run happens in a different process from the first.
/// </summary>
internal sealed class RunnerPool : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<RunnerSlot> _idle;
    private readonly List<RunnerSlot> _all;
    private readonly LinkedList<(int Exclude, TaskCompletionSource<RunnerSlot> Waiter)> _waiters = new();

    public RunnerPool(int size, IRunnerFactory factory, int recycleAfter, Serilog.ILogger? logger)
    {
        _all = Enumerable.Range(0, size).Select(i => new RunnerSlot(i, factory, recycleAfter, logger)).ToList();
        _idle = [.. _all];
    }

    /// <summary>Number of slots.</summary>
    public int Size => _all.Count;

    /// <summary>Total runner starts so far (first starts plus restarts).</summary>
    public int Starts => _all.Sum(s => s.Starts);

    /// <summary>An idle slot other than <paramref name="exclude"/> (-1: any); waits for one.</summary>
    public Task<RunnerSlot> AcquireAsync(int exclude, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            int at = _idle.FindIndex(s => s.Id != exclude);
            if (at >= 0)
            {
                var slot = _idle[at];
                _idle.RemoveAt(at);
                return Task.FromResult(slot);
            }
            var waiter = new TaskCompletionSource<RunnerSlot>(TaskCreationOptions.RunContinuationsAsynchronously);
            var node = _waiters.AddLast((exclude, waiter));
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() =>
                {
                    lock (_gate)
                    {
                        if (node.List is not null) _waiters.Remove(node);
                    }
                    waiter.TrySetCanceled(cancellationToken);
                });
                waiter.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
            }
            return waiter.Task;
        }
    }

    /// <summary>Returns a slot: to the first waiter that accepts it, else to the idle list.</summary>
    public void Release(RunnerSlot slot)
    {
        while (true)
        {
            TaskCompletionSource<RunnerSlot>? chosen = null;
            lock (_gate)
            {
                for (var node = _waiters.First; node is not null; node = node.Next)
                {
                    if (node.Value.Exclude == slot.Id) continue;
                    chosen = node.Value.Waiter;
                    _waiters.Remove(node);
                    break;
                }
                if (chosen is null)
                {
                    _idle.Add(slot);
                    return;
                }
            }
            if (chosen.TrySetResult(slot)) return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _all) await slot.DisposeAsync();
    }
}
