using System.Diagnostics;

namespace AbsoluteZero.Execution.Running;

/// <summary>A runner process on this machine, talked to over its stdin/stdout.</summary>
internal sealed class LocalRunnerConnection : IRunnerConnection
{
    private readonly Process _process;
    private readonly string _scratch;
    private readonly LineChannel _channel;
    private readonly Task<string> _stderr;

    public LocalRunnerConnection(Process process, string scratch)
    {
        _process = process;
        _scratch = scratch;
        _channel = new LineChannel(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Waits for the first pong (the runner has started).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (!await RunnerPing.AnsweredAsync(this, cancellationToken))
        {
            await KillAsync();
            var stderr = _stderr.IsCompleted ? (await _stderr).Trim() : "";
            throw new InvalidOperationException($"the sandbox runner did not start ({Describe()}){(stderr.Length > 0 ? ": " + stderr : "")}");
        }
    }

    public Task SendAsync(string line, CancellationToken cancellationToken) => _channel.SendAsync(line, cancellationToken);

    public Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => _channel.ReceiveAsync(timeout, cancellationToken);

    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }
    }

    public string Describe()
    {
        if (!_process.HasExited) return $"pid {_process.Id}";
        int code = _process.ExitCode;
        return code switch
        {
            134 => "runner exited with code 134 (SIGABRT: stack overflow or fatal runtime error)",
            137 => "runner was killed (SIGKILL: memory or resource limit)",
            139 => "runner exited with code 139 (SIGSEGV)",
            _ => $"runner exited with code {code}",
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.SendAsync("{\"op\":\"exit\"}", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
        }
        await KillAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
