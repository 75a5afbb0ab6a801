using AbsoluteZero.Execution.Docker;
using global::Docker.DotNet;
using global::Docker.DotNet.Models;

namespace AbsoluteZero.Execution.Tests;

/// <summary>The Docker backend for real (skipped with a reason when no engine answers; CI starts one).</summary>
public class DockerBackendTests
{
    [DockerFact]
    public async Task Runs_programs_in_containers_and_survives_hostile_ones()
    {
        var options = ExecutorFixture.Options with { Backend = ExecutorBackend.Docker, DockerImage = DockerFactAttribute.Image, Instrument = false };
        await using (var executor = ProgramExecutor.Create(options))
        {
            var results = await executor.ExecuteAsync(
            [
                new ExecutionRequest("a", "int f(int x) => x * 2;", "21", "42"),
                new ExecutionRequest("b", "int f(int x) => f(x + 1) + 1;", "0"),
                new ExecutionRequest("c", "List<int> f(int n) => Enumerable.Range(0, n).ToList();", "3"),
                new ExecutionRequest("d", "int f(int x) => 10 / x;", "0"),
            ]);
            Assert.Equal("42", results[0].Output);
            Assert.True(results[0].Match);
            Assert.Equal(Verdict.Crash, results[1].Status);
            Assert.Equal("new List<int> { 0, 1, 2 }", results[2].Output);
            Assert.Equal(Verdict.RuntimeError, results[3].Status);
            Assert.Contains("docker", executor.BackendDescription);
        }
        // Disposal kills the containers by id (killing a client never stops a container).
        using var client = new DockerClientConfiguration(DockerEndpoint.Resolve()).CreateClient();
        var left = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["azr.sandbox=runner"] = true } },
        });
        Assert.Empty(left);
    }

    [DockerFact]
    public async Task Containers_have_no_network_and_a_read_only_root()
    {
        var options = ExecutorFixture.Options with { Backend = ExecutorBackend.Docker, DockerImage = DockerFactAttribute.Image };
        await using var executor = ProgramExecutor.Create(options);
        // Trusted harness code is exempt from the policy, so it can probe the container from the inside.
        var probe = """
            public static class Probe
            {
                public static int Run()
                {
                    bool wrote;
                    try { System.IO.File.WriteAllText("/probe", "x"); wrote = true; } catch (System.Exception) { wrote = false; }
                    var nics = System.IO.Directory.GetDirectories("/sys/class/net").Select(System.IO.Path.GetFileName).ToArray();
                    System.Console.WriteLine((wrote ? "rw" : "ro") + " " + string.Join(",", nics) + " " + System.Environment.UserName);
                    return 0;
                }
            }
            """;
        var results = await executor.RunCompleteProgramsAsync(
            [new CompleteProgramRequest("p", "class Program { static int Main() => Probe.Run(); }", [probe])]);
        Assert.True(results[0].Status == Verdict.Ok, results[0].Error);
        Assert.StartsWith("ro lo ", results[0].Stdout);
    }
}
