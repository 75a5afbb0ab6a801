using System.Diagnostics;
using System.Globalization;

namespace AbsoluteZero.Execution.Running;

/// <summary>
/// Starts runner processes on this machine: under prlimit (file, size, process and address-space limits) and, when
/// available, inside bubblewrap (new user/pid/net/ipc/uts namespaces, read-only /usr, no capabilities, uid 65534,
/// empty writable scratch directory, tmpfs /tmp, cleared environment).
/// </summary>
internal sealed class LocalRunnerFactory : IRunnerFactory
{
    private readonly ExecutorOptions _options;
    private readonly string _runnerDll;
    private readonly string _dotnet;
    private readonly bool _bwrap;
    private readonly bool _prlimit;
    private readonly string _scratchRoot;
    private int _started;

    public LocalRunnerFactory(ExecutorOptions options, Serilog.ILogger? logger)
    {
        _options = options;
        _runnerDll = SandboxEnvironment.RunnerDll(options);
        _dotnet = SandboxEnvironment.DotnetHost();
        _prlimit = OperatingSystem.IsLinux() && SandboxEnvironment.PrlimitProblem is null;
        if (options.Isolation != IsolationMode.Off && OperatingSystem.IsLinux())
        {
            var problem = SandboxEnvironment.BubblewrapProblem;
            if (problem is not null && options.Isolation == IsolationMode.Required)
                throw new InvalidOperationException($"executor.isolation is 'required' but bubblewrap does not work here: {problem} (install the bubblewrap package, or set executor.isolation=auto)");
            if (problem is not null) logger?.Warning("Sandbox runners start without bubblewrap: {Problem}", problem);
            _bwrap = problem is null;
        }
        else if (options.Isolation == IsolationMode.Required)
            throw new InvalidOperationException("executor.isolation is 'required' but bubblewrap exists on Linux only");
        _scratchRoot = Path.Combine(Path.GetTempPath(), $"azr-sandbox-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(_scratchRoot);
    }

    public string Name => "local" + (_bwrap ? ", bubblewrap" : "") + (_prlimit ? " + prlimit" : "");

    public async Task<IRunnerConnection> StartAsync(int slot, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(_scratchRoot, $"{slot}-{Interlocked.Increment(ref _started)}");
        Directory.CreateDirectory(scratch);
        var process = await ProcessSpawner.StartAsync(BuildStartInfo(scratch));
        var connection = new LocalRunnerConnection(process, scratch);
        await connection.PingAsync(cancellationToken);
        return connection;
    }

    private ProcessStartInfo BuildStartInfo(string scratch)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, WorkingDirectory = scratch,
        };
        var env = new Dictionary<string, string>
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            ["DOTNET_GCHeapHardLimit"] = "0x" + ((long)_options.MemoryMb << 20).ToString("X", CultureInfo.InvariantCulture),
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            // The W^X double mapping grows a memfd as code is jitted; a long-lived runner passes the fsize limit and
            // dies of SIGBUS (seen in the 10,000-program soak).
            ["DOTNET_EnableWriteXorExecute"] = "0",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["HOME"] = _bwrap ? "/tmp" : scratch,
        };
        var args = new List<string>();
        string file;
        if (_prlimit)
        {
            file = "prlimit";
            long addressSpace = (4L << 30) + 2L * ((long)_options.MemoryMb << 20);
            // fsize stays above 0 in case W^X is switched back on: its double mapping ftruncates a memfd.
            args.AddRange(["--nofile=256", "--fsize=67108864", "--core=0", $"--as={addressSpace}", "--"]);
        }
        else file = "";
        var runnerDir = Path.GetDirectoryName(_runnerDll)!;
        if (_bwrap)
        {
            if (file.Length == 0) file = "bwrap"; else args.Add("bwrap");
            args.AddRange(["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
            var dotnetRoot = Path.GetDirectoryName(_dotnet)!;
            if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
            args.AddRange(["--ro-bind", runnerDir, "/sandbox", "--bind", scratch, "/scratch", "--chdir", "/scratch", "--clearenv"]);
            foreach (var (k, v) in env) args.AddRange(["--setenv", k, v]);
            args.AddRange([_dotnet, "/sandbox/" + Path.GetFileName(_runnerDll)]);
        }
        else
        {
            if (file.Length == 0) file = _dotnet; else args.Add(_dotnet);
            args.Add(_runnerDll);
            info.Environment.Clear();
            foreach (var (k, v) in env) info.Environment[k] = v;
            info.Environment["PATH"] = "/usr/bin:/bin";
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) info.Environment["DOTNET_ROOT"] = root;
        }
        info.FileName = file;
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_scratchRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
