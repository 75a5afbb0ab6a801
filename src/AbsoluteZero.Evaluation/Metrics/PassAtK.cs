namespace AbsoluteZero.Evaluation.Metrics;

/// <summary>The unbiased pass@k estimator of Chen et al. (2021), "Evaluating Large Language Models Trained on Code".</summary>
public static class PassAtK
{
    /// <summary>
    /// The probability that at least one of <paramref name="k"/> samples drawn without replacement from
    /// <paramref name="n"/> samples, <paramref name="c"/> of them correct, is correct:
    /// <c>1 − C(n−c, k) / C(n, k)</c>, computed as <c>1 − Π_{i=n−c+1..n} (1 − k/i)</c> for numerical stability.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, c outside 0..n, or k outside 1..n.</exception>
    public static double Estimate(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (c < 0 || c > n) throw new ArgumentOutOfRangeException(nameof(c), c, $"correct count must be in 0..{n}");
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n}");
        if (n - c < k) return 1.0;
        double product = 1.0;
        for (int i = n - c + 1; i <= n; i++) product *= 1.0 - (double)k / i;
        return 1.0 - product;
    }

    /// <summary>The k values to report for n samples: 1, then powers of ten and n itself (e.g. 1, 10, 16 for n = 16).</summary>
    public static IReadOnlyList<int> ReportedKs(int n)
    {
        var ks = new SortedSet<int> { 1, n };
        for (int k = 10; k < n; k *= 10) ks.Add(k);
        if (n >= 5) ks.Add(5);
        return [.. ks.Where(k => k <= n)];
    }
}
