using AbsoluteZero.Evaluation.Python;

namespace AbsoluteZero.Evaluation.Tests.Python;

public class PythonSandboxTests
{
    private static readonly PythonSandbox Sandbox = new(new PythonSandboxOptions { Parallelism = 2, MemoryBytes = 512L << 20 });
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    private static async Task<PythonJobResult> Run(string code, TimeSpan? timeout = null) =>
        (await Sandbox.RunAsync([new PythonJob("j", code, timeout ?? Short)]))[0];

    [Fact]
    public async Task ReturnsTheResultAndCapturedOutput()
    {
        var r = await Run("print('hi')\n__azr_result__ = {'x': [1, 2], 's': 'é'}");
        Assert.Equal(PythonStatus.Ok, r.Status);
        Assert.Equal(2, r.Result!["x"]![1]!.GetValue<int>());
        Assert.Equal("é", r.Result!["s"]!.GetValue<string>());
        Assert.Equal("hi\n", r.Stdout);
    }

    [Fact]
    public async Task ErrorsTimeoutsAndMemoryAreReported()
    {
        Assert.Equal(PythonStatus.Error, (await Run("raise ValueError('boom')")).Status);
        Assert.Contains("SyntaxError", (await Run("def (")).Error);
        Assert.Equal(PythonStatus.Timeout, (await Run("while True: pass", TimeSpan.FromSeconds(1))).Status);
        var mem = await Run("x = bytearray(2 << 30)");
        Assert.Equal(PythonStatus.MemoryLimit, mem.Status);
    }

    [Fact]
    public async Task WritesProcessesAndSocketsAreRefused()
    {
        var target = Path.Combine(Path.GetTempPath(), "azr-sandbox-probe-" + Guid.NewGuid().ToString("N"));
        var write = await Run($"open({PythonHarness.Literal(target)}, 'w').write('x')");
        Assert.Equal(PythonStatus.Error, write.Status);
        Assert.Contains("PermissionError", write.Error);
        Assert.False(File.Exists(target));
        Assert.Contains("PermissionError", (await Run("import os; os.system('true')")).Error);
        Assert.Contains("PermissionError", (await Run("import subprocess; subprocess.run(['true'])")).Error);
        Assert.Contains("PermissionError", (await Run("import socket; socket.socket().connect(('127.0.0.1', 9))")).Error);
        Assert.Contains("PermissionError", (await Run("import os; os.remove('/tmp/none')")).Error);
        Assert.Equal(PythonStatus.Ok, (await Run("import math, re, collections, heapq\n__azr_result__ = open('/etc/hostname').read() is not None")).Status);
    }

    [Fact]
    public async Task ManyJobsComeBackInOrder()
    {
        var jobs = Enumerable.Range(0, 9).Select(i => new PythonJob($"j{i}", $"__azr_result__ = {i} * {i}", Short)).ToList();
        var results = await Sandbox.RunAsync(jobs);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i * i), results.Select(r => r.Result!.GetValue<int>()));
        Assert.Equal(jobs.Select(j => j.Id), results.Select(r => r.Id));
    }
}
