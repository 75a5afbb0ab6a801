using System.Globalization;
using System.Text.Json;
using AbsoluteZero.Cli.Commands.Policy;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.CSharp;
using AbsoluteZero.Evaluation.Python;
using AbsoluteZero.Evaluation.Reports;
using AbsoluteZero.Evaluation.Running;
using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Execution;

namespace AbsoluteZero.Cli.Commands.Eval;

/// <summary>What one `azr eval` invocation evaluates.</summary>
internal sealed record EvalJob(IReadOnlyList<BenchmarkInfo> Benchmarks, string? Data, int? Limit, EvalSettings Settings, string Device, string DType, PromptStyle? Style);

/// <summary>Runs an <see cref="EvalJob"/> for one model or for every checkpoint of a run.</summary>
internal static class EvalJobRunner
{
    /// <summary>Evaluates one model; prints the Markdown table; returns the exit code.</summary>
    public static async Task<int> RunModelAsync(EvalJob job, string modelSpec, string outDir, CancellationToken ct)
    {
        var summaries = await EvaluateAsync(job, modelSpec, outDir, ct);
        Console.Out.Write(ReportWriter.Write(outDir, MergeWithExisting(outDir, summaries)));
        Console.Error.WriteLine($"results in {Path.GetFullPath(outDir)} (summary.json, summary.md, <benchmark>.<strategy>.jsonl)");
        return 0;
    }

    /// <summary>Evaluates every checkpoint of a run, then writes scores.json and one score-vs-step chart per benchmark.</summary>
    public static async Task<int> RunCheckpointsAsync(EvalJob job, string runDir, string outDir, CancellationToken ct)
    {
        var checkpoints = RunCheckpoints.Find(runDir);
        // Checkpoint folders are named step-N, so --prompt auto looks at the run's base model instead.
        if (job.Style is null && RunBaseModel(runDir) is { } baseModel)
            job = job with { Style = ModelLoading.LooksInstruct(baseModel) ? PromptStyle.Chat : PromptStyle.Base };
        var all = new List<(int Step, StrategySummary Summary)>();
        foreach (var cp in checkpoints)
        {
            Console.Error.WriteLine($"checkpoint step {cp.Step}: {cp.Directory}");
            var stepOut = Path.Combine(outDir, Path.GetFileName(cp.Directory));
            var summaries = await EvaluateAsync(job, cp.Directory, stepOut, ct);
            ReportWriter.Write(stepOut, MergeWithExisting(stepOut, summaries));
            all.AddRange(summaries.Select(s => (cp.Step, s)));
        }
        var scores = all.Select(x => new { step = x.Step, benchmark = x.Summary.Benchmark, strategy = x.Summary.Strategy, score = x.Summary.Score,
            pass_at_k = x.Summary.PassAtK, generated_tokens_per_problem = x.Summary.CompletionTokensPerProblem }).ToList();
        AtomicFile.WriteAllText(Path.Combine(outDir, "scores.json"), JsonSerializer.Serialize(scores, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        foreach (var group in all.GroupBy(x => x.Summary.Benchmark))
        {
            var series = group.GroupBy(x => x.Summary.Strategy)
                .Select(g => new ScoreSeries(g.Key, [.. g.Select(x => (x.Step, x.Summary.Score))])).ToList();
            var png = Path.Combine(outDir, $"{group.Key}.png");
            ScoreChart.Write(png, $"{group.Key}: score vs training step ({Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir)))})", series);
            Console.Error.WriteLine($"chart: {png}");
        }
        Console.Out.Write(ReportWriter.Markdown([.. all.Select(x => x.Summary)]));
        return 0;
    }

    private static async Task<List<StrategySummary>> EvaluateAsync(EvalJob job, string modelSpec, string outDir, CancellationToken ct)
    {
        var device = PolicyModels.ParseDevice(job.Device);
        var dtype = PolicyModels.ParseDtype(job.DType, device);
        var (source, model) = ModelLoading.Load(modelSpec, device, dtype, job.Style, job.Settings.Seed);
        using (model)
        {
            Console.Error.WriteLine($"model {source.Description} ({source.Style} prompts) on {device}");
            await using var executor = job.Benchmarks.Any(b => b.Family == BenchmarkFamily.CSharpCode) ? ProgramExecutor.Create(BenchmarkExecutorOptions.Default) : null;
            var sandbox = new PythonSandbox();
            var summaries = new List<StrategySummary>();
            foreach (var info in job.Benchmarks)
            {
                var problems = Problems(info, job.Data, job.Limit);
                IFamilyHandler handler = info.Family switch
                {
                    BenchmarkFamily.Math => new MathHandler(),
                    BenchmarkFamily.PythonCode => new PythonCodeHandler(sandbox),
                    BenchmarkFamily.CruxEval => new CruxHandler(sandbox),
                    _ => new CSharpCodeHandler(executor!),
                };
                var runner = new EvalRunner(source, handler, job.Settings);
                foreach (var strategy in job.Settings.Strategies)
                {
                    if (strategy == SearchStrategy.Majority && info.Family != BenchmarkFamily.Math)
                    {
                        Console.Error.WriteLine($"[{info.Name}] majority skipped: it needs final answers (math benchmarks)");
                        continue;
                    }
                    summaries.Add(await runner.RunAsync(info, problems, strategy, outDir, new ConsoleProgress(), ct));
                }
            }
            return summaries;
        }
    }

    private static string? RunBaseModel(string runDir)
    {
        var path = Path.Combine(runDir, "run.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>The problems of a benchmark, limited to the first N.</summary>
    public static List<BenchmarkProblem> Problems(BenchmarkInfo info, string? data, int? limit)
    {
        var problems = info.Load(data);
        if (limit is { } n)
        {
            if (n < 1) throw new UsageException($"--limit must be at least 1 (got {n})");
            problems = [.. problems.Take(n)];
        }
        return problems;
    }

    // Summaries of earlier invocations into the same folder stay in summary.json unless re-run now.
    private static List<StrategySummary> MergeWithExisting(string outDir, List<StrategySummary> fresh)
    {
        var path = Path.Combine(outDir, "summary.json");
        var merged = new List<StrategySummary>();
        if (File.Exists(path))
        {
            try
            {
                merged.AddRange(JsonSerializer.Deserialize<List<StrategySummary>>(File.ReadAllText(path), JsonLines.Options) ?? []);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: not a summary written by azr eval ({e.Message}); move it away or choose another --out");
            }
        }
        merged.RemoveAll(m => fresh.Any(f => f.Benchmark == m.Benchmark && f.Strategy == m.Strategy));
        merged.AddRange(fresh);
        return merged;
    }

    // Progress<T> posts to the thread pool, so its lines could come after the table; this prints in order.
    private sealed class ConsoleProgress : IProgress<EvalProgress>
    {
        public void Report(EvalProgress p) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{p.Benchmark}/{p.Strategy}] {p.Done}/{p.Total}  score {100 * p.ScoreSoFar:0.0}%  {p.TokensPerProblem:0} generated tokens/problem  {p.ProblemsPerMinute:0.0} problems/min"));
    }
}
