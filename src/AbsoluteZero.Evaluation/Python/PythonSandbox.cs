using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AbsoluteZero.Evaluation.Python;

/// <summary>One Python program to run. It reports by assigning a JSON-serialisable value to <c>__azr_result__</c>.</summary>
/// <param name="Id">Caller's identifier, echoed in the result.</param>
/// <param name="Code">The whole program (harness and candidate).</param>
/// <param name="Timeout">Wall-clock limit (CPU seconds are limited to this plus one).</param>
public sealed record PythonJob(string Id, string Code, TimeSpan Timeout);

/// <summary>How a <see cref="PythonJob"/> ended.</summary>
public enum PythonStatus
{
    /// <summary>The program ran to the end.</summary>
    Ok,
    /// <summary>It raised (including syntax errors and sandbox refusals); <see cref="PythonJobResult.Error"/> says what.</summary>
    Error,
    /// <summary>It ran past its wall-clock or CPU limit.</summary>
    Timeout,
    /// <summary>It ran out of its address-space limit.</summary>
    MemoryLimit,
    /// <summary>The child died without a result (e.g. a signal), or the sandbox itself failed.</summary>
    Crash,
}

/// <summary>The result of one <see cref="PythonJob"/>.</summary>
/// <param name="Id">The job's identifier.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Result">The value of <c>__azr_result__</c> when Ok.</param>
/// <param name="Error">A one-line reason for any other status.</param>
/// <param name="Stdout">What the program printed (capped).</param>
public sealed record PythonJobResult(string Id, PythonStatus Status, JsonNode? Result, string? Error, string Stdout);

/// <summary>Limits of the Python sandbox.</summary>
public sealed record PythonSandboxOptions
{
    /// <summary>The interpreter.</summary>
    public string Python { get; init; } = "python3";
    /// <summary>Address-space limit of each program (RLIMIT_AS).</summary>
    public long MemoryBytes { get; init; } = 4L << 30;
    /// <summary>How many driver processes run batches in parallel.</summary>
    public int Parallelism { get; init; } = System.Math.Max(1, Environment.ProcessorCount);
    /// <summary>Cap on captured stdout per program, in characters.</summary>
    public int StdoutCap { get; init; } = 4096;
    /// <summary>Wrap the driver in bubblewrap (no network, read-only root, private /tmp) when <c>bwrap</c> is on PATH.</summary>
    public bool UseBubblewrapWhenAvailable { get; init; } = true;
}

/// <summary>
/// Runs Python programs in isolation: one python3 driver per batch, started with a minimal environment in an empty
/// temporary directory that is deleted afterwards; every program is a forked child with RLIMIT_AS, RLIMIT_CPU,
/// RLIMIT_NPROC = 0 and RLIMIT_FSIZE = 0, an audit hook that refuses file writes, process creation, sockets, signals
/// and ctypes, fresh globals, and a wall-clock timeout (SIGKILL). With bubblewrap available the driver also runs
/// with <c>--unshare-all</c> (no network) over a read-only root.
/// </summary>
public sealed class PythonSandbox(PythonSandboxOptions? options = null)
{
    private static readonly Lazy<string> DriverSource = new(() =>
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("AbsoluteZero.Evaluation.Python.sandbox_driver.py")
            ?? throw new InvalidOperationException("embedded sandbox_driver.py missing from the assembly");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    });

    private readonly PythonSandboxOptions _options = options ?? new PythonSandboxOptions();
    private Lazy<string>? _realInterpreter;

    // Version-manager shims (pyenv) are shell scripts that need the user's environment; resolve the real binary once.
    private Lazy<string> RealInterpreter => _realInterpreter ??= new Lazy<string>(() =>
    {
        var psi = new ProcessStartInfo(FindOnPath(_options.Python) ?? _options.Python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import sys; print(sys.executable)" }) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var path = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && File.Exists(path) ? path : psi.FileName;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {_options.Python}: {e.Message}", e);
        }
    });

    /// <summary>The options in use.</summary>
    public PythonSandboxOptions Options => _options;

    /// <summary>Whether bubblewrap will be used.</summary>
    public bool UsesBubblewrap => _options.UseBubblewrapWhenAvailable && FindOnPath("bwrap") is not null;

    /// <summary>True when the interpreter can be started.</summary>
    public bool IsAvailable() => FindOnPath(_options.Python) is not null || File.Exists(_options.Python);

    /// <summary>Runs every job; results in job order, one per job.</summary>
    /// <exception cref="InvalidOperationException">python3 could not be started or broke the protocol.</exception>
    public async Task<IReadOnlyList<PythonJobResult>> RunAsync(IReadOnlyList<PythonJob> jobs, CancellationToken cancellationToken = default)
    {
        if (jobs.Count == 0) return [];
        int parts = System.Math.Clamp(_options.Parallelism, 1, jobs.Count);
        var chunks = Enumerable.Range(0, parts).Select(p => jobs.Where((_, i) => i % parts == p).ToList()).ToList();
        var results = await Task.WhenAll(chunks.Select(c => RunBatchAsync(c, cancellationToken)));
        var byId = new Dictionary<PythonJob, PythonJobResult>(ReferenceEqualityComparer.Instance);
        for (int p = 0; p < parts; p++)
            for (int i = 0; i < chunks[p].Count; i++) byId[chunks[p][i]] = results[p][i];
        return [.. jobs.Select(j => byId[j])];
    }

    private async Task<List<PythonJobResult>> RunBatchAsync(List<PythonJob> jobs, CancellationToken ct)
    {
        var workDir = Directory.CreateTempSubdirectory("azr-py-");
        try
        {
            using var process = new Process { StartInfo = StartInfo(workDir.FullName) };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"cannot start {_options.Python}: {e.Message}", e);
            }
            using var kill = ct.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var config = new JsonObject { ["memory_bytes"] = _options.MemoryBytes, ["stdout_cap"] = _options.StdoutCap };
            var writer = Task.Run(async () =>
            {
                await process.StandardInput.WriteLineAsync(config.ToJsonString());
                foreach (var job in jobs)
                {
                    var line = new JsonObject { ["id"] = job.Id, ["code"] = job.Code, ["timeout"] = System.Math.Max(0.1, job.Timeout.TotalSeconds) };
                    await process.StandardInput.WriteLineAsync(line.ToJsonString());
                }
                process.StandardInput.Close();
            }, ct);
            var results = new List<PythonJobResult>(jobs.Count);
            foreach (var job in jobs)
            {
                var line = await process.StandardOutput.ReadLineAsync(ct);
                if (line is null)
                {
                    await process.WaitForExitAsync(ct);
                    throw new InvalidOperationException($"python sandbox driver ended early (exit {process.ExitCode}): {(await stderr).Trim()}");
                }
                results.Add(Parse(job.Id, line));
            }
            await writer;
            await process.WaitForExitAsync(ct);
            return results;
        }
        finally
        {
            try { workDir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static PythonJobResult Parse(string id, string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"python sandbox driver wrote an invalid line for job {id}: {e.Message}");
        }
        var status = node?["status"]?.GetValue<string>() switch
        {
            "ok" => PythonStatus.Ok,
            "error" => PythonStatus.Error,
            "timeout" => PythonStatus.Timeout,
            "memory" => PythonStatus.MemoryLimit,
            _ => PythonStatus.Crash,
        };
        return new PythonJobResult(id, status, node?["result"]?.DeepClone(), node?["error"]?.GetValue<string>(), node?["stdout"]?.GetValue<string>() ?? "");
    }

    private ProcessStartInfo StartInfo(string workDir)
    {
        var python = RealInterpreter.Value;
        var psi = new ProcessStartInfo
        {
            WorkingDirectory = workDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (UsesBubblewrap)
        {
            psi.FileName = FindOnPath("bwrap")!;
            // No --die-with-parent: it ties bwrap to the .NET thread that forked it, which the thread pool may retire
            // mid-batch (the driver then dies with SIGKILL). Cancellation kills the process tree instead.
            foreach (var a in new[] { "--unshare-all", "--ro-bind", "/", "/", "--tmpfs", "/tmp", "--dev", "/dev", "--proc", "/proc", "--bind", workDir, workDir, "--chdir", workDir, python })
                psi.ArgumentList.Add(a);
        }
        else psi.FileName = python;
        foreach (var a in new[] { "-s", "-S", "-B", "-c", DriverSource.Value }) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment["HOME"] = workDir;
        psi.Environment["PYTHONHASHSEED"] = "0";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        return psi;
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
