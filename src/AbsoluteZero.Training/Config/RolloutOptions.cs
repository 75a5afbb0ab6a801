using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Config;

/// <summary>Sampling of proposer and solver responses (the <c>rollout</c> section).</summary>
public sealed record RolloutOptions
{
    /// <summary>Sampling temperature of the trained rollouts. Default 1.0 (paper Table 3; reference <c>rollout.temperature=1.0</c>).</summary>
    [Range(0.0, 10.0)]
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus (top-p) mass; 1.0 disables it. Default 1.0 (paper Table 3).</summary>
    [Range(0.0, 1.0)]
    public double TopP { get; init; } = 1.0;

    /// <summary>
    /// Longest prompt in tokens; longer prompts (e.g. with long reference programs) are dropped and redrawn, as the
    /// reference code drops prompts over its limit. Default 6144 (paper Table 3 / reference <c>max_prompt_length</c>).
    /// </summary>
    [Range(16, 1_000_000)]
    public int MaxPromptTokens { get; init; } = 6144;

    /// <summary>Most tokens generated per response. Default 8096 (paper Table 3 / reference <c>max_response_length</c>, sic).</summary>
    [Range(1, 1_000_000)]
    public int MaxResponseTokens { get; init; } = 8096;

    /// <summary>
    /// Samples per prompt for the trained rollouts. Default 1 (paper Table 3 "N rollouts 1"; the reference trainer
    /// asserts n == 1). GRPO needs at least 2.
    /// </summary>
    [Range(1, 64)]
    public int SamplesPerPrompt { get; init; } = 1;

    /// <summary>
    /// n: solver rollouts per valid proposal used to estimate its solve rate (learnability). Not trained on.
    /// Default 8 (paper Table 3 "N samples for task accuracy"; reference <c>azr.reward.n_samples=8</c>).
    /// </summary>
    [Range(1, 256)]
    public int LearnabilitySamples { get; init; } = 8;

    /// <summary>
    /// Temperature of the learnability rollouts. Default 1.0. Must be &gt; 0: with greedy decoding all n samples are
    /// identical and every solve rate is 0 or 1 — which the reference code's master branch appears to do by routing
    /// these rollouts through its validation sampling settings (temperature 0). Paper v3 §3.1: "non-zero temperature".
    /// </summary>
    [Range(1e-3, 10.0)]
    public double LearnabilityTemperature { get; init; } = 1.0;

    /// <summary>
    /// Generation stops after any of these strings. Default <c>["&lt;/answer&gt;"]</c> (our choice): the response parser
    /// rejects text after <c>&lt;/answer&gt;</c>, so generation ends where a well-formed response ends.
    /// </summary>
    public List<string> StopStrings { get; init; } = ["</answer>"];

    /// <summary>Most sequences decoded together in one batch (memory vs. throughput). Default 64 (our choice).</summary>
    [Range(1, 4096)]
    public int DecodeBatchSize { get; init; } = 64;
}
