namespace AbsoluteZero.Execution.Running;

/// <summary>The start-up handshake every runner backend does before it is handed out.</summary>
internal static class RunnerPing
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Sends a ping and waits for the first reply line; false when none came (timed out or the stream ended).</summary>
    public static async Task<bool> AnsweredAsync(IRunnerConnection runner, CancellationToken cancellationToken)
    {
        await runner.SendAsync("{\"op\":\"ping\"}", cancellationToken);
        try
        {
            return await runner.ReceiveAsync(StartTimeout, cancellationToken) is not null;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
