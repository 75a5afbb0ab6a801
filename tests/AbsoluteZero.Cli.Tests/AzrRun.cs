namespace AbsoluteZero.Cli.Tests;

/// <summary>
/// Runs the CLI in-process with Console.Out and Console.Error captured. Console is process-wide state,
/// so every test class that calls this belongs to the "console" collection, which xunit runs serially.
/// </summary>
internal static class AzrRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = await AzrApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
