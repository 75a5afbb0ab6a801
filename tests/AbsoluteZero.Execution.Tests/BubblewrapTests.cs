namespace AbsoluteZero.Execution.Tests;

/// <summary>What a runner can see under bubblewrap, probed from the inside by trusted harness code (exempt from the policy).</summary>
public class BubblewrapTests
{
    private const string Probe = """
        public static class Probe
        {
            public static int Run()
            {
                var nics = System.IO.File.ReadAllLines("/proc/net/dev").Skip(2).Select(l => l.Split(':')[0].Trim()).ToArray();
                bool wroteUsr;
                try { System.IO.File.WriteAllText("/usr/azr-probe", "x"); wroteUsr = true; } catch (System.Exception) { wroteUsr = false; }
                System.IO.File.WriteAllText("scratch-file", "x");
                System.Console.WriteLine(string.Join(",", nics) + "|" + System.IO.Directory.GetCurrentDirectory() + "|" + System.IO.Directory.Exists("/work")
                    + "|" + System.IO.Directory.Exists("/root") + "|" + wroteUsr + "|" + System.IO.Directory.GetFiles(".").Length
                    + "|" + (System.Environment.GetEnvironmentVariable("PATH") ?? "none"));
                return 0;
            }
        }
        """;

    [BubblewrapFact]
    public async Task Runner_has_no_network_no_host_files_and_a_private_scratch()
    {
        await using var executor = ProgramExecutor.Create(ExecutorFixture.Options with { Isolation = IsolationMode.Required });
        var results = await executor.RunCompleteProgramsAsync(
            [new CompleteProgramRequest("p", "class Program { static int Main() => Probe.Run(); }", [Probe])]);
        Assert.True(results[0].Status == Verdict.Ok, results[0].Error);
        Assert.Equal("lo|/scratch|False|False|False|1|none", results[0].Stdout.Trim());
        var health = await executor.ExecuteAsync([new ExecutionRequest("h", "int f() => 1;", "")]);
        Assert.Equal("1", health[0].Output);
    }
}
