using System.Text.Json;
using AbsoluteZero.Cli;

namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class CliTests
{
    [Fact]
    public async Task VersionAndHelp()
    {
        // --version reports the entry assembly, so run the real program rather than in-process.
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "azr.dll"), "--version"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(psi)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("0.1.0", output.Trim());
        var help = await AzrRun.RunAsync("--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("doctor", help.Out);
    }

    [Fact]
    public async Task DoctorJsonReportsLoadedLibTorch()
    {
        var (code, output, _) = await AzrRun.RunAsync("doctor", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var libtorch = doc.RootElement.GetProperty("lib_torch");
        Assert.True(libtorch.GetProperty("loaded").GetBoolean());
        Assert.EndsWith("libtorch_cpu.so", libtorch.GetProperty("info").GetProperty("lib_torch_cpu_path").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("roslyn_version").GetString()));
        Assert.True(doc.RootElement.TryGetProperty("docker", out _));
    }

    [Fact]
    public async Task UnknownCommandFailsCleanly()
    {
        var (code, _, err) = await AzrRun.RunAsync("no-such-command");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("   at ", err);
    }
}
