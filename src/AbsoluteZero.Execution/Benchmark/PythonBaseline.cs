using System.Diagnostics;
using System.Text.Json;

namespace AbsoluteZero.Execution.Benchmark;

/// <summary>What the Python baseline measured.</summary>
/// <param name="Count">Programs run.</param>
/// <param name="Seconds">Wall-clock seconds for the timed pass (pool already started and warm).</param>
/// <param name="Statuses">Count per status.</param>
/// <param name="WorkerCpuSeconds">CPU seconds the worker processes spent inside the tasks (process_time per task, summed).</param>
/// <param name="ParentCpuSeconds">CPU seconds of the dispatching parent process during the timed pass.</param>
public sealed record PythonBaselineResult(int Count, double Seconds, IReadOnlyDictionary<string, int> Statuses,
    double WorkerCpuSeconds, double ParentCpuSeconds)
{
    /// <summary>Programs per second.</summary>
    public double Rate => Count / Seconds;

    /// <summary>CPU seconds (workers + parent) per 1,000 programs: a cost that machine load barely changes.</summary>
    public double CpuSecondsPerThousand => (WorkerCpuSeconds + ParentCpuSeconds) * 1000 / Count;
}

/// <summary>Runs the corpus's Python twins through python_baseline.py (an executor built like Absolute Zero's).</summary>
public static class PythonBaseline
{
    /// <summary>Null when python3 is missing.</summary>
    public static async Task<PythonBaselineResult?> RunAsync(IReadOnlyList<CorpusProgram> corpus, int workers, double timeoutSeconds,
        CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"azr-python-baseline-{Environment.ProcessId}.py");
        await using (var resource = typeof(PythonBaseline).Assembly.GetManifestResourceStream("AbsoluteZero.Execution.Benchmark.python_baseline.py")
            ?? throw new InvalidOperationException("python_baseline.py is missing from the assembly"))
        await using (var file = File.Create(script))
            await resource.CopyToAsync(file, cancellationToken);
        try
        {
            var info = new ProcessStartInfo("python3")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.ArgumentList.Add(script);
            info.ArgumentList.Add(workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add(timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                foreach (var p in corpus)
                    await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { program = p.PythonProgram, input = p.PythonInput }));
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode != 0) throw new InvalidOperationException($"python baseline failed (exit {process.ExitCode}): {(await stderr).Trim()}");
                using var doc = JsonDocument.Parse(await stdout);
                var root = doc.RootElement;
                var statuses = root.GetProperty("statuses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                return new PythonBaselineResult(root.GetProperty("count").GetInt32(), root.GetProperty("seconds").GetDouble(), statuses,
                    root.GetProperty("worker_cpu_seconds").GetDouble(), root.GetProperty("parent_cpu_seconds").GetDouble());
            }
        }
        finally
        {
            File.Delete(script);
        }
    }
}
