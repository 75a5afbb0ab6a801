using System.CommandLine;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Math;
using AbsoluteZero.Evaluation.Running;

namespace AbsoluteZero.Cli.Commands.Eval;

/// <summary>
/// `azr eval`: evaluates a model (or every checkpoint of a run) on math and code benchmarks with test-time search;
/// also `--check-answers` (the answer checker as a JSONL filter) and `--validate-harness` (references through the
/// harness).
/// </summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A Hugging Face model directory, or 'preset:tiny' / 'preset:qwen2.5-0.5b' (a random model of that shape with the embedded tiny tokenizer)." };
        var run = new Option<string?>("--run") { Description = "A self-play run directory: every checkpoints/step-N/ is evaluated and a score-vs-step PNG is written." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark name(s), comma-separated: " + string.Join(", ", BenchmarkRegistry.All.Select(b => b.Name)) + "." };
        var data = new Option<string?>("--data") { Description = "Read the benchmark from this file (same format as the official one) instead of the shared data folder." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N problems." };
        var samples = new Option<int>("--samples") { Description = "Samples per problem for sample / best-of-n / majority (n of pass@k).", DefaultValueFactory = _ => 1 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature of the sampling strategies (greedy is always 0).", DefaultValueFactory = _ => 0.6 };
        var search = new Option<string>("--search") { Description = "Strategies, comma-separated: greedy, sample, best-of-n, majority (math), revise.", DefaultValueFactory = _ => "greedy" };
        var rounds = new Option<int>("--rounds") { Description = "Revision rounds after the first attempt (revise).", DefaultValueFactory = _ => 2 };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default eval-results/<model> or <run>/eval). Re-running with the same folder resumes." };
        var seed = new Option<long>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Tokens per completion at most.", DefaultValueFactory = _ => 1024 };
        var batch = new Option<int>("--batch-size") { Description = "Problems per generate call.", DefaultValueFactory = _ => 16 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "fp32, bf16, or auto (bf16 on CUDA).", DefaultValueFactory = _ => "auto" };
        var prompt = new Option<string>("--prompt") { Description = "base (boxed-answer / completion templates), chat (the model's chat template), or auto (chat for *instruct*/*chat* model folders).", DefaultValueFactory = _ => "auto" };
        var check = new Option<FileInfo?>("--check-answers") { Description = "Check a JSONL of {\"id\",\"prediction\",\"reference\"}; prints {\"id\",\"equal\",\"normalized_prediction\",\"normalized_reference\"} per line." };
        var validate = new Option<string?>("--validate-harness") { Description = "Run a benchmark's reference solutions through its harness and report the counts (JSON)." };
        var command = new Command("eval", "Evaluate a model or every checkpoint of a run on math and code benchmarks, with test-time search.")
        {
            model, run, benchmark, data, limit, samples, temperature, search, rounds, outDir, seed, maxNew, batch, device, dtype, prompt, check, validate,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(check) is { } pairs) return CheckAnswers(pairs);
            if (parse.GetValue(validate) is { } name)
                return await EvalHarnessValidation.RunAsync(Benchmark(name), parse.GetValue(data), parse.GetValue(limit), ct);
            var benchmarks = (parse.GetValue(benchmark) ?? throw new UsageException("--benchmark <name> is required"))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Benchmark).ToList();
            if (parse.GetValue(data) is not null && benchmarks.Count != 1) throw new UsageException("--data needs exactly one --benchmark");
            var settings = new EvalSettings
            {
                Strategies = Strategies(parse.GetValue(search)!),
                Samples = Positive(parse.GetValue(samples), "--samples"),
                Temperature = parse.GetValue(temperature),
                Rounds = System.Math.Max(0, parse.GetValue(rounds)),
                MaxNewTokens = Positive(parse.GetValue(maxNew), "--max-new-tokens"),
                BatchSize = Positive(parse.GetValue(batch), "--batch-size"),
                Seed = parse.GetValue(seed),
            };
            var job = new EvalJob(benchmarks, parse.GetValue(data), parse.GetValue(limit), settings, parse.GetValue(device)!, parse.GetValue(dtype)!,
                Style(parse.GetValue(prompt)!));
            var modelSpec = parse.GetValue(model);
            var runDir = parse.GetValue(run);
            if ((modelSpec is null) == (runDir is null)) throw new UsageException("give exactly one of --model <dir|preset:tiny> or --run <run dir>");
            return runDir is not null
                ? await EvalJobRunner.RunCheckpointsAsync(job, runDir, parse.GetValue(outDir) ?? Path.Combine(runDir, "eval"), ct)
                : await EvalJobRunner.RunModelAsync(job, modelSpec!, parse.GetValue(outDir) ?? Path.Combine("eval-results", SafeName(modelSpec!)), ct);
        });
        return command;
    }

    private static int CheckAnswers(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"--check-answers file not found: {file.FullName}", file.FullName);
        using var reader = new StreamReader(file.FullName);
        CheckAnswersRunner.Run(reader, Console.Out, file.FullName);
        Console.Out.Flush();
        return 0;
    }

    private static BenchmarkInfo Benchmark(string name)
    {
        try
        {
            return BenchmarkRegistry.Get(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static IReadOnlyList<SearchStrategy> Strategies(string list)
    {
        try
        {
            var parsed = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(EvalRunner.Parse).Distinct().ToList();
            return parsed.Count > 0 ? parsed : throw new UsageException("--search is empty");
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--search: " + e.Message);
        }
    }

    private static AbsoluteZero.Evaluation.Scoring.PromptStyle? Style(string value) => value.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "base" => AbsoluteZero.Evaluation.Scoring.PromptStyle.Base,
        "chat" => AbsoluteZero.Evaluation.Scoring.PromptStyle.Chat,
        _ => throw new UsageException($"--prompt '{value}' is not one of base, chat, auto"),
    };

    private static int Positive(int value, string name) => value >= 1 ? value : throw new UsageException($"{name} must be at least 1 (got {value})");

    private static string SafeName(string spec) =>
        spec.StartsWith("preset:", StringComparison.Ordinal) ? spec.Replace(':', '-') : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec)));
}
