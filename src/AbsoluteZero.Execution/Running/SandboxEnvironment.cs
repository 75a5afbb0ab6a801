using System.Diagnostics;

namespace AbsoluteZero.Execution.Running;

/// <summary>Where the runner and the .NET host are, and whether bubblewrap and prlimit work on this machine.</summary>
internal static class SandboxEnvironment
{
    private static readonly Lazy<string?> BwrapProbe = new(() => Probe("bwrap", "--unshare-all --ro-bind / / --die-with-parent true"));
    private static readonly Lazy<string?> PrlimitProbe = new(() => Probe("prlimit", "--nofile=64 true"));

    /// <summary>Null when bubblewrap works, else why not.</summary>
    public static string? BubblewrapProblem => BwrapProbe.Value;

    /// <summary>Null when prlimit works, else why not.</summary>
    public static string? PrlimitProblem => PrlimitProbe.Value;

    /// <summary>The dotnet host executable that runs the runner.</summary>
    public static string DotnetHost()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(root))
        {
            // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            root = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        }
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>The runner dll: the configured path, else the one copied next to this assembly.</summary>
    public static string RunnerDll(ExecutorOptions options)
    {
        var path = options.RunnerPath.Length > 0
            ? options.RunnerPath
            : Path.Combine(AppContext.BaseDirectory, "AbsoluteZero.Sandbox.Runner.dll");
        if (!File.Exists(path) && options.RunnerPath.Length > 0)
            throw new InvalidOperationException($"executor.runner_path: file not found: {path}");
        if (!File.Exists(path))
        {
            var beside = Path.Combine(Path.GetDirectoryName(typeof(SandboxEnvironment).Assembly.Location)!, "AbsoluteZero.Sandbox.Runner.dll");
            if (File.Exists(beside)) return beside;
            throw new FileNotFoundException($"the sandbox runner is missing: {path} (build sandbox/AbsoluteZero.Sandbox.Runner, or set executor.runner_path)", path);
        }
        return Path.GetFullPath(path);
    }

    private static string? Probe(string tool, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = ProcessSpawner.StartAsync(info).GetAwaiter().GetResult();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(true);
                return $"{tool} did not finish its self-test";
            }
            var error = process.StandardError.ReadToEnd().Trim();
            return process.ExitCode == 0 ? null : $"{tool} self-test failed (exit {process.ExitCode}): {error}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"{tool} is not installed ({e.Message})";
        }
    }
}
