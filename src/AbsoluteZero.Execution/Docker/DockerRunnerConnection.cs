using System.Text;
using global::Docker.DotNet;
using global::Docker.DotNet.Models;
using AbsoluteZero.Execution.Running;

namespace AbsoluteZero.Execution.Docker;

/// <summary>
/// A runner in a container, talked to over the engine's hijacked attach stream. Killing goes through the API by
/// container id: stopping a client never stops a container.
/// </summary>
internal sealed class DockerRunnerConnection(DockerClient client, string id, MultiplexedStream stream) : IRunnerConnection
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly PendingLineRead _reads = new();
    private bool _ended;

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (!await RunnerPing.AnsweredAsync(this, cancellationToken))
        {
            await KillAsync();
            throw new InvalidOperationException($"the sandbox runner did not start in container {id[..12]}: {_stderr.ToString().Trim()}");
        }
    }

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken);
    }

    public Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _reads.ReceiveAsync(ReadLineAsync, timeout, cancellationToken);

    private async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var text = _stdout.ToString();
            int newline = text.IndexOf('\n');
            if (newline >= 0)
            {
                _stdout.Remove(0, newline + 1);
                return text[..newline];
            }
            if (_ended) return null;
            MultiplexedStream.ReadResult result;
            try
            {
                result = await stream.ReadOutputAsync(_buffer, 0, _buffer.Length, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _ended = true;
                continue;
            }
            if (result.EOF)
            {
                _ended = true;
                continue;
            }
            var chars = new char[_decoder.GetCharCount(_buffer, 0, result.Count)];
            _decoder.GetChars(_buffer, 0, result.Count, chars, 0);
            (result.Target == MultiplexedStream.TargetStream.StandardError ? _stderr : _stdout).Append(chars);
        }
    }

    public async Task KillAsync()
    {
        try
        {
            await client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" });
        }
        catch (DockerApiException)
        {
            // Already gone (AutoRemove after exit).
        }
    }

    public string Describe() => $"container {id[..12]} ended{(_stderr.Length > 0 ? ": " + _stderr.ToString().Trim() : "")}";

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        stream.Dispose();
    }
}
