using System.CommandLine;
using System.Diagnostics;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Execution;
using AbsoluteZero.Execution.Benchmark;

namespace AbsoluteZero.Cli.Commands.Bench;

/// <summary>
/// `azr bench exec`: programs verified per second (compile + run + determinism check) for a valid corpus and for the
/// same corpus with 10% hostile programs, against a Python executor built like Absolute Zero's, measured in the same
/// run. With --soak N, instead runs N mixed programs and checks every result.
/// </summary>
public static class ExecBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Programs per timed corpus.", DefaultValueFactory = _ => 2000 };
        var warmup = new Option<int>("--warmup") { Description = "Programs run first, untimed (the compiler's JIT warm-up is long).", DefaultValueFactory = _ => 1500 };
        var pyTimeout = new Option<double>("--python-timeout") { Description = "Per-program timeout of the Python baseline, seconds (Absolute Zero uses 10).", DefaultValueFactory = _ => 1.0 };
        var soak = new Option<int>("--soak") { Description = "Instead of timing: run this many mixed programs (valid, failing, hostile) and check every result." };
        var set = new Option<string[]>("--set") { Description = "Override an executor option, e.g. --set workers=4." };
        var command = new Command("exec", "Sandboxed executor throughput (programs/s, determinism check on) vs a Python exec baseline; or a soak (--soak N).")
        {
            count, warmup, pyTimeout, soak, set,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The result cache is off: every program must really be checked, compiled and run, as in the baseline.
            var options = ConfigLoader.Load<ExecutorOptions>(null, parse.GetValue(set) ?? []) with { CacheEntries = 0 };
            int n = parse.GetValue(count);
            if (n < 10) throw new UsageException("--count must be at least 10");
            await using var executor = ExecCommand.CreateExecutor(options);
            Console.WriteLine($"executor: {executor.BackendDescription}, {executor.Workers} runners, batch {options.BatchSize}, step budget {options.StepBudget}, result cache off, {Environment.ProcessorCount} cores");
            var watch = Stopwatch.StartNew();
            int warm = parse.GetValue(warmup);
            if (warm > 0) await executor.ExecuteAsync(ExecCorpus.Generate(warm, 0.0, 1, "w").Select(p => p.Request).ToList(), true, ct);
            Console.WriteLine($"warm-up: {warm} programs in {watch.Elapsed.TotalSeconds:F1} s");
            if (parse.GetValue(soak) is > 0 and var soakCount)
            {
                int done = 0;
                var report = await Soak.RunAsync(executor, soakCount, progress: k =>
                {
                    done += k;
                    if (done % 2000 < k) Console.WriteLine($"  soak: {done}/{soakCount}");
                }, cancellationToken: ct);
                Console.WriteLine($"soak: {report.Total} programs in {report.Seconds:F1} s ({report.Total / report.Seconds:F0}/s): lost {report.Lost}, mismatched {report.Mismatched}, runner starts {executor.RunnerStarts}");
                Console.WriteLine("  verdicts: " + Describe(report.Verdicts));
                foreach (var e in report.Examples) Console.WriteLine("  mismatch: " + e);
                return report.Lost + report.Mismatched == 0 ? 0 : 1;
            }
            var valid = ExecCorpus.Generate(n, 0.0, 2, "v");
            var hostile = ExecCorpus.Generate(n, 0.1, 2, "h");
            var validRate = await TimeAsync(executor, valid, "valid corpus", ct);
            var hostileRate = await TimeAsync(executor, hostile, "10% hostile", ct);
            var pyValid = await PythonBaseline.RunAsync(valid, executor.Workers, parse.GetValue(pyTimeout), ct);
            if (pyValid is null)
            {
                Console.WriteLine("python baseline: python3 not found, no ratio");
                return 0;
            }
            var pyHostile = (await PythonBaseline.RunAsync(hostile, executor.Workers, parse.GetValue(pyTimeout), ct))!;
            Console.WriteLine($"python baseline ({executor.Workers} exec workers, 2 runs each, {parse.GetValue(pyTimeout)} s timeout):");
            Console.WriteLine($"  valid corpus: {pyValid.Rate,8:F0} programs/s wall, {pyValid.CpuSecondsPerThousand:F2} CPU-seconds per 1,000   ({Describe(pyValid.Statuses)})");
            Console.WriteLine($"  10% hostile:  {pyHostile.Rate,8:F0} programs/s wall, {pyHostile.CpuSecondsPerThousand:F2} CPU-seconds per 1,000   ({Describe(pyHostile.Statuses)})");
            Console.WriteLine($"ratio C#/Python, wall throughput: valid {validRate.Rate / pyValid.Rate:F2}x, 10% hostile {hostileRate.Rate / pyHostile.Rate:F2}x");
            Console.WriteLine($"ratio Python/C#, CPU per program (load-independent; above 1 means C# is cheaper): valid "
                + $"{pyValid.CpuSecondsPerThousand / validRate.CpuPerThousand:F2}x, 10% hostile {pyHostile.CpuSecondsPerThousand / hostileRate.CpuPerThousand:F2}x");
            return 0;
        });
        return command;
    }

    private static async Task<Measured> TimeAsync(ProgramExecutorHandle executor, IReadOnlyList<CorpusProgram> corpus, string label, CancellationToken ct)
    {
        var stages0 = executor.Stages;
        var process = Process.GetCurrentProcess();
        var hostCpu0 = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var results = await executor.ExecuteAsync(corpus.Select(p => p.Request).ToList(), true, ct);
        double rate = corpus.Count / watch.Elapsed.TotalSeconds;
        process.Refresh();
        var hostCpu = process.TotalProcessorTime - hostCpu0;
        var st = executor.Stages.Since(stages0);
        int wrong = corpus.Zip(results).Count(p => p.First.ExpectedStatus != p.Second.Status
            || (p.First.ExpectedStatus == Verdict.Ok && p.First.ExpectedOutput != p.Second.Output));
        var counts = results.GroupBy(r => Verdicts.Name(r.Status)).ToDictionary(g => g.Key, g => g.Count());
        double Per(TimeSpan t) => t.TotalMilliseconds / corpus.Count;
        var runners = st.RunCpu + st.RerunCpu;
        double cpuPerThousand = (hostCpu + runners).TotalSeconds * 1000 / corpus.Count;
        Console.WriteLine($"{label} ({corpus.Count} programs, determinism check on): {rate,8:F0} programs/s wall   ({Describe(counts)}; unexpected {wrong})");
        Console.WriteLine($"  ms/program, {(st.MeasuresCpu ? "thread CPU" : "wall")}: parse+syntax {Per(st.Parse):F3}, instrument {Per(st.Instrument):F3}, "
            + $"compilation+semantic policy {Per(st.Policy):F3}, emit {Per(st.Emit):F3} (static phase {Per(st.HostStatic):F3})");
        Console.WriteLine($"  ms/program, runner CPU: run {Per(st.RunCpu):F3}, determinism re-run {Per(st.RerunCpu):F3}; "
            + $"host wall waiting for them (summed over batches): {Per(st.RunWall):F2} + {Per(st.RerunWall):F2}");
        Console.WriteLine($"  CPU-seconds per 1,000 programs: {cpuPerThousand:F2} (host process {hostCpu.TotalSeconds * 1000 / corpus.Count:F2}, "
            + $"runners {runners.TotalSeconds * 1000 / corpus.Count:F2}); CPU-bound rate on {Environment.ProcessorCount} idle cores: "
            + $"{Environment.ProcessorCount * 1000 / cpuPerThousand:F0} programs/s");
        return new Measured(rate, cpuPerThousand);
    }

    private sealed record Measured(double Rate, double CpuPerThousand);

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));
}
