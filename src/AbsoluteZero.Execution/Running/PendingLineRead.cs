namespace AbsoluteZero.Execution.Running;

/// <summary>
/// Line reading with a timeout over a stream that cannot be cancelled reliably (pipes, hijacked HTTP streams): at
/// most one read is outstanding; a timed-out read stays pending, the next receive waits on it again, and it completes
/// (with end of stream) once the runner is killed.
/// </summary>
internal sealed class PendingLineRead
{
    private Task<string?>? _pending;

    /// <summary>
    /// The next line, from the read still outstanding or else from a new one started by <paramref name="startRead"/>;
    /// throws <see cref="TimeoutException"/> when none arrives within <paramref name="timeout"/>.
    /// </summary>
    public async Task<string?> ReceiveAsync(Func<Task<string?>> startRead, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _pending ??= startRead();
        var read = _pending;
        if (!read.IsCompleted)
        {
            var finished = await Task.WhenAny(read, Task.Delay(timeout, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != read) throw new TimeoutException();
        }
        _pending = null;
        return await read;
    }
}
