using System.Diagnostics;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Math;
using AbsoluteZero.Evaluation.Metrics;
using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>
/// Evaluates one benchmark under one or more search strategies. Results go to
/// <c>&lt;out&gt;/&lt;benchmark&gt;.&lt;strategy&gt;.jsonl</c>, one line appended per finished problem, so an
/// interrupted run resumes where it stopped (finished problems are skipped).
/// </summary>
public sealed class EvalRunner(ICompletionSource source, IFamilyHandler handler, EvalSettings settings)
{
    /// <summary>The kebab-case name of a strategy (file names, reports, the command line).</summary>
    public static string Name(SearchStrategy s) => s switch
    {
        SearchStrategy.BestOfN => "best-of-n",
        _ => s.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a strategy name.</summary>
    public static SearchStrategy Parse(string name) =>
        Enum.GetValues<SearchStrategy>().FirstOrDefault(s => Name(s) == name.Trim().ToLowerInvariant(), (SearchStrategy)(-1)) is var s && Enum.IsDefined(s)
            ? s : throw new ArgumentException($"unknown search strategy \"{name}\"; known: {string.Join(", ", Enum.GetValues<SearchStrategy>().Select(Name))}");

    /// <summary>The results file of a strategy.</summary>
    public static string ResultsPath(string outDir, string benchmark, SearchStrategy s) => Path.Combine(outDir, $"{benchmark}.{Name(s)}.jsonl");

    /// <summary>Runs <paramref name="strategy"/> on every problem not yet in its results file, then summarises all of them.</summary>
    public async Task<StrategySummary> RunAsync(BenchmarkInfo info, IReadOnlyList<BenchmarkProblem> problems, SearchStrategy strategy, string outDir,
        IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (strategy == SearchStrategy.Majority && info.Family != BenchmarkFamily.Math)
            throw new ArgumentException($"majority voting needs final answers; {info.Name} is a code benchmark (use best-of-n)");
        Directory.CreateDirectory(outDir);
        var path = ResultsPath(outDir, info.Name, strategy);
        var done = ResultsFile.ReadCompleted(path);
        var pending = problems.Where(p => !done.ContainsKey(p.Id)).ToList();
        var position = problems.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var watch = Stopwatch.StartNew();
        int finishedNow = 0;
        var chunks = pending.Chunk(System.Math.Max(1, settings.BatchSize)).ToList();
        for (int c = 0; c < chunks.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Seeded by the chunk's first position in the benchmark, so a resumed run samples like an uninterrupted one
            // wherever the chunks line up.
            long seed = settings.Seed + 1000L * position[chunks[c][0].Id];
            var results = strategy == SearchStrategy.Revise
                ? await ReviseAsync(info, chunks[c], seed, cancellationToken)
                : await SampleOnceAsync(info, chunks[c], strategy, seed, cancellationToken);
            foreach (var r in results)
            {
                JsonLines.Append(path, [r]);
                done[r.Id] = r;
            }
            finishedNow += results.Count;
            var all = done.Values.ToList();
            progress?.Report(new EvalProgress(info.Name, Name(strategy), done.Count, problems.Count, all.Average(r => r.Score),
                all.Average(r => (double)r.CompletionTokens), finishedNow / System.Math.Max(watch.Elapsed.TotalMinutes, 1e-9)));
        }
        var ordered = problems.Where(p => done.ContainsKey(p.Id)).Select(p => done[p.Id]).ToList();
        return Summarize(info.Name, strategy, ordered);
    }

    private int SamplesFor(SearchStrategy s) => s is SearchStrategy.Greedy or SearchStrategy.Revise ? 1 : System.Math.Max(1, settings.Samples);

    private double TemperatureFor(SearchStrategy s) => s switch
    {
        SearchStrategy.Greedy => 0,
        SearchStrategy.Revise => settings.ReviseTemperature,
        _ => settings.Temperature,
    };

    private CompletionRequest Request(BenchmarkProblem p, IReadOnlyList<PromptTurn> turns, SearchStrategy s, long seed) =>
        new(turns, SamplesFor(s), TemperatureFor(s), settings.MaxNewTokens, handler.StopStrings(p, source.Style), seed, settings.TopP);

    private async Task<List<ProblemResult>> SampleOnceAsync(BenchmarkInfo info, BenchmarkProblem[] chunk, SearchStrategy strategy, long seed, CancellationToken ct)
    {
        var prompts = chunk.Select(p => handler.BuildPrompt(p, source.Style)).ToList();
        var completions = await source.CompleteAsync([.. chunk.Select((p, i) => Request(p, [new PromptTurn(false, prompts[i])], strategy, seed))], ct);
        var tasks = chunk.Select(async (p, i) =>
        {
            var samples = completions[i];
            var candidates = samples.Select(s => handler.ToCandidate(p, s.Text, source.Style)).ToList();
            var verdicts = await handler.ScoreAsync(p, candidates, ct);
            IReadOnlyList<SampleVerdict>? visible = strategy == SearchStrategy.BestOfN ? await handler.CheckVisibleAsync(p, candidates, ct) : null;
            var records = samples.Select((s, k) => new SampleRecord(s.Text, candidates[k], verdicts[k].Passed, verdicts[k].Error, visible?[k].Passed, s.CompletionTokens, s.FinishReason)).ToList();
            int n = records.Count, correct = records.Count(r => r.Passed);
            int? submitted = null;
            string? majority = null;
            double score;
            var passAtK = new Dictionary<string, double>();
            switch (strategy)
            {
                case SearchStrategy.Sample:
                    foreach (var k in PassAtK.ReportedKs(n)) passAtK[$"pass@{k}"] = PassAtK.Estimate(n, correct, k);
                    score = PassAtK.Estimate(n, correct, 1);
                    break;
                case SearchStrategy.Majority:
                    majority = MajorityVote.Winner(candidates.Select(c => c.Length == 0 ? null : c));
                    score = majority is not null && AnswerChecker.AreEqual(majority, ((MathProblem)p).Reference) ? 1 : 0;
                    break;
                case SearchStrategy.BestOfN:
                    submitted = System.Math.Max(0, records.FindIndex(r => r.Visible == true));
                    score = records[submitted.Value].Passed ? 1 : 0;
                    break;
                default:
                    submitted = 0;
                    score = records[0].Passed ? 1 : 0;
                    break;
            }
            return new ProblemResult(p.Id, info.Name, Name(strategy), prompts[i], (p as MathProblem)?.Reference, records, submitted, majority, score,
                passAtK, samples.Count > 0 ? samples[0].PromptTokens : 0, samples.Sum(s => (long)s.CompletionTokens));
        });
        return [.. await Task.WhenAll(tasks)];
    }

    private async Task<List<ProblemResult>> ReviseAsync(BenchmarkInfo info, BenchmarkProblem[] chunk, long seed, CancellationToken ct)
    {
        var prompts = chunk.Select(p => handler.BuildPrompt(p, source.Style)).ToList();
        var turns = chunk.Select((_, i) => new List<PromptTurn> { new(false, prompts[i]) }).ToList();
        var records = chunk.Select(_ => new List<SampleRecord>()).ToList();
        var promptTokens = new long[chunk.Length];
        var active = Enumerable.Range(0, chunk.Length).ToList();
        for (int round = 0; round <= System.Math.Max(0, settings.Rounds) && active.Count > 0; round++)
        {
            var completions = await source.CompleteAsync([.. active.Select(i => Request(chunk[i], turns[i], SearchStrategy.Revise, seed + round))], ct);
            var next = new List<int>();
            await Task.WhenAll(active.Select(async (i, a) =>
            {
                var s = completions[a][0];
                promptTokens[i] += s.PromptTokens;
                var candidate = handler.ToCandidate(chunk[i], s.Text, source.Style);
                var hidden = (await handler.ScoreAsync(chunk[i], [candidate], ct))[0];
                var visible = (await handler.CheckVisibleAsync(chunk[i], [candidate], ct))?[0];
                lock (records[i]) records[i].Add(new SampleRecord(s.Text, candidate, hidden.Passed, hidden.Error, visible?.Passed, s.CompletionTokens, s.FinishReason));
                if (visible is { Passed: false })
                {
                    turns[i].Add(new PromptTurn(true, s.Text));
                    turns[i].Add(new PromptTurn(false, Feedback(prompts[i], visible.Error ?? "failed")));
                    lock (next) next.Add(i);
                }
            }));
            active = [.. next.Order()];
        }
        return [.. chunk.Select((p, i) => new ProblemResult(p.Id, info.Name, Name(SearchStrategy.Revise), prompts[i], (p as MathProblem)?.Reference,
            records[i], records[i].Count - 1, null, records[i][^1].Passed ? 1 : 0, new Dictionary<string, double>(), promptTokens[i],
            records[i].Sum(r => (long)r.CompletionTokens)))];
    }

    /// <summary>The user turn that feeds a failed visible test back (for base models it restarts the original prompt).</summary>
    private string Feedback(string prompt, string error)
    {
        var shortError = error.Length > 600 ? error[..600] + "..." : error;
        return source.Style == PromptStyle.Chat
            ? $"Your solution failed a visible test: {shortError}\nFix it and reply with the complete corrected solution."
            : $"\n\n# The solution above failed a visible test: {shortError.Replace('\n', ' ')}\n# Corrected solution:\n{prompt}";
    }

    /// <summary>Aggregates per-problem results of one strategy.</summary>
    public StrategySummary Summarize(string benchmark, SearchStrategy strategy, IReadOnlyList<ProblemResult> results)
    {
        var passAtK = results.SelectMany(r => r.PassAtK.Keys).Distinct()
            .ToDictionary(k => k, k => results.Where(r => r.PassAtK.ContainsKey(k)).Average(r => r.PassAtK[k]));
        return new StrategySummary(benchmark, Name(strategy), source.Description, results.Count, SamplesFor(strategy), TemperatureFor(strategy),
            strategy == SearchStrategy.Revise ? settings.Rounds : 0, results.Count == 0 ? 0 : results.Average(r => r.Score), passAtK,
            results.Count == 0 ? 0 : results.Average(r => (double)r.CompletionTokens), results.Count == 0 ? 0 : results.Average(r => (double)r.PromptTokens));
    }
}
