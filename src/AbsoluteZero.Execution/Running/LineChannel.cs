using System.Text;

namespace AbsoluteZero.Execution.Running;

/// <summary>
/// Line reading with a timeout over a stream that cannot be cancelled reliably (pipes, hijacked HTTP streams): at
/// most one read is outstanding; a timed-out read stays pending and completes (with end of stream) once the runner
/// is killed.
/// </summary>
internal sealed class LineChannel(Stream input, Stream output)
{
    private readonly StreamReader _reader = new(input, new UTF8Encoding(false), false, 1 << 16);
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
    private Task<string?>? _pending;

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _writer.FlushAsync(cancellationToken);
    }

    public async Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _pending ??= ReadAsync();
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

    private async Task<string?> ReadAsync()
    {
        try
        {
            return await _reader.ReadLineAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return null;
        }
    }
}
