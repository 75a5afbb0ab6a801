using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>Prompt encoding with the length limit, and sampling through the policy with the step's timing.</summary>
internal sealed class RolloutSampler(IPolicy policy, RolloutOptions options)
{
    /// <summary>The prompt's ids, or null when it is longer than <see cref="RolloutOptions.MaxPromptTokens"/>.</summary>
    public int[]? Encode(Prompt prompt)
    {
        var ids = policy.Encode(prompt.Text);
        return ids.Length <= options.MaxPromptTokens ? ids : null;
    }

    /// <summary>Samples <paramref name="samples"/> completions per prompt (prompt-major) and cuts each after its first stop string.</summary>
    public IReadOnlyList<PolicyCompletion> Sample(IReadOnlyList<int[]> prompts, int samples, double temperature, long seed, StepClock clock,
        CancellationToken cancellationToken)
    {
        if (prompts.Count == 0) return [];
        var settings = new SamplingSettings(samples, temperature, options.TopP, options.MaxResponseTokens, options.StopStrings, seed);
        var result = clock.TimeGeneration(() => policy.Generate(prompts, settings, cancellationToken));
        if (result.Completions.Count != prompts.Count * samples)
            throw new InvalidOperationException($"the policy returned {result.Completions.Count} completions for {prompts.Count} prompts × {samples} samples");
        clock.GeneratedTokens += result.GeneratedTokens;
        return [.. result.Completions.Select(c => c with { Text = CutAfterStop(c.Text, options.StopStrings) })];
    }

    /// <summary>The text up to and including the first stop string (a token may carry characters past it).</summary>
    public static string CutAfterStop(string text, IReadOnlyList<string> stops)
    {
        int end = -1;
        foreach (var s in stops)
        {
            if (s.Length == 0) continue;
            int i = text.IndexOf(s, StringComparison.Ordinal);
            if (i >= 0 && (end < 0 || i + s.Length < end)) end = i + s.Length;
        }
        return end < 0 ? text : text[..end];
    }
}
