namespace AbsoluteZero.Execution.Benchmark;

/// <summary>The outcome of a soak: every request must come back, in order, with the expected verdict and output.</summary>
/// <param name="Total">Programs sent.</param>
/// <param name="Lost">Results missing or out of order (wrong id).</param>
/// <param name="Mismatched">Results with a verdict or output other than expected.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="Examples">Up to ten mismatch descriptions.</param>
/// <param name="Verdicts">Count per verdict received.</param>
public sealed record SoakReport(int Total, int Lost, int Mismatched, double Seconds, IReadOnlyList<string> Examples,
    IReadOnlyDictionary<string, int> Verdicts);

/// <summary>Runs a long mixed corpus (valid, failing, hostile) through an executor and checks every single result.</summary>
public static class Soak
{
    /// <summary>Runs <paramref name="count"/> programs (20% hostile) in chunks of <paramref name="chunk"/>.</summary>
    public static async Task<SoakReport> RunAsync(IProgramExecutor executor, int count, int seed = 11, int chunk = 500,
        Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var corpus = ExecCorpus.Generate(count, 0.2, seed, "s");
        int lost = 0, mismatched = 0;
        var examples = new List<string>();
        var verdicts = new Dictionary<string, int>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var part in corpus.Chunk(chunk))
        {
            var results = await executor.ExecuteAsync(part.Select(p => p.Request).ToList(), true, cancellationToken);
            for (int i = 0; i < part.Length; i++)
            {
                var want = part[i];
                if (i >= results.Count || results[i].Id != want.Request.Id)
                {
                    lost++;
                    continue;
                }
                var got = results[i];
                var name = AbsoluteZero.Execution.Verdicts.Name(got.Status);
                verdicts[name] = verdicts.GetValueOrDefault(name) + 1;
                bool ok = got.Status == want.ExpectedStatus
                    && (want.ExpectedStatus != Verdict.Ok || (got.Output == want.ExpectedOutput && got.Match == true));
                if (ok) continue;
                mismatched++;
                if (examples.Count < 10)
                    examples.Add($"{want.Request.Id}: expected {AbsoluteZero.Execution.Verdicts.Name(want.ExpectedStatus)} {want.ExpectedOutput}, got {name} {got.Output} ({got.Error}) for `{want.Request.Program}`");
            }
            progress?.Invoke(part.Length);
        }
        return new SoakReport(count, lost, mismatched, watch.Elapsed.TotalSeconds, examples, verdicts);
    }
}
