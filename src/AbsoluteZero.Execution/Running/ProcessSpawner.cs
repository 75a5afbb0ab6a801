using System.Collections.Concurrent;
using System.Diagnostics;

namespace AbsoluteZero.Execution.Running;

/// <summary>
/// Starts processes from one dedicated, never-exiting thread. bubblewrap's <c>--die-with-parent</c> uses
/// PR_SET_PDEATHSIG, which fires when the *thread* that forked the child exits; thread-pool threads come and go, so a
/// runner started from one could be killed at a random moment.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Done)> Queue = new();

    static ProcessSpawner()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "azr-runner-spawner" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the spawner thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((info, done));
        return done.Task;
    }

    private static void Loop()
    {
        foreach (var (info, done) in Queue.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
