namespace AbsoluteZero.Execution.Running;

/// <summary>A started runner: a line-oriented duplex channel to one runner process (local or in a container).</summary>
internal interface IRunnerConnection : IAsyncDisposable
{
    /// <summary>Sends one request line.</summary>
    Task SendAsync(string line, CancellationToken cancellationToken);

    /// <summary>The next reply line; null at end of stream (the runner died). Times out with <see cref="TimeoutException"/>.</summary>
    Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Kills the runner now (by process id or container id) and waits for it to go.</summary>
    Task KillAsync();

    /// <summary>A short description for errors: how the runner ended (exit code, signal), or where it runs.</summary>
    string Describe();
}

/// <summary>Starts runners of one backend.</summary>
internal interface IRunnerFactory : IAsyncDisposable
{
    /// <summary>What this backend is, for logs (e.g. "local, bubblewrap + prlimit").</summary>
    string Name { get; }

    /// <summary>Starts a runner and waits until it answers a ping.</summary>
    Task<IRunnerConnection> StartAsync(int slot, CancellationToken cancellationToken);
}
