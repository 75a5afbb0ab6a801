using AbsoluteZero.Execution.Running;

namespace AbsoluteZero.Execution;

/// <summary>Creates the sandboxed executor that the trainer, the evaluation layer and <c>azr exec</c> use.</summary>
public static class ProgramExecutor
{
    /// <summary>
    /// Creates an executor for <paramref name="options"/>. Runner processes start on first use. Throws
    /// <see cref="InvalidOperationException"/> when the configuration cannot work here (isolation required but
    /// bubblewrap missing, runner not built).
    /// </summary>
    public static ProgramExecutorHandle Create(ExecutorOptions options, Serilog.ILogger? logger = null)
    {
        IRunnerFactory factory = options.Backend switch
        {
            ExecutorBackend.Docker => new Docker.DockerRunnerFactory(options, logger),
            _ => new LocalRunnerFactory(options, logger),
        };
        return new ProgramExecutorHandle(options, factory, logger);
    }
}
