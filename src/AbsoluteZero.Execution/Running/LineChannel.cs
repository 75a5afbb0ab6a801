using System.Text;

namespace AbsoluteZero.Execution.Running;

/// <summary>Request and reply lines over a runner's stdin/stdout, read with a timeout (see <see cref="PendingLineRead"/>).</summary>
internal sealed class LineChannel(Stream input, Stream output)
{
    private readonly StreamReader _reader = new(input, new UTF8Encoding(false), false, 1 << 16);
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
    private readonly PendingLineRead _reads = new();

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _writer.FlushAsync(cancellationToken);
    }

    public Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _reads.ReceiveAsync(ReadAsync, timeout, cancellationToken);

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
