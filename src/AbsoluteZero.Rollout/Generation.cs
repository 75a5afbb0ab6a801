namespace AbsoluteZero.Rollout;

/// <summary>Why a completion ended.</summary>
public enum FinishReason
{
    /// <summary>A stop token was sampled or a stop string appeared.</summary>
    Stop,
    /// <summary><see cref="GenerationOptions.MaxNewTokens"/> tokens were generated.</summary>
    Length,
}

/// <summary>How to sample.</summary>
public sealed record GenerationOptions
{
    /// <summary>Tokens generated at most per completion.</summary>
    public int MaxNewTokens { get; init; } = 256;
    /// <summary>Softmax temperature; 0 = greedy (argmax).</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this mass (1 = off).</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Keep only the k most likely tokens (0 = off).</summary>
    public int TopK { get; init; }
    /// <summary>Completions per prompt; the prompt is prefilled once and its cache forked.</summary>
    public int NumSamples { get; init; } = 1;
    /// <summary>Token ids that end a completion (the token is kept).</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];
    /// <summary>Texts that end a completion (the tokens completing the text are kept; needs <see cref="GenerationRequest.Decode"/>).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Seed of the sampling generator: the same request and seed give the same completions.</summary>
    public long Seed { get; init; }
    /// <summary>Decode steps between host checks for finished rows (and streaming callbacks).</summary>
    public int FinishCheckInterval { get; init; } = 8;
    /// <summary>Rows (prompts × samples) decoded together; larger requests run in several batches (each holds at least one prompt with all its samples).</summary>
    public int MaxBatchRows { get; init; } = 256;
}

/// <summary>Prompts (token ids) and how to continue them.</summary>
public sealed record GenerationRequest(IReadOnlyList<int[]> Prompts, GenerationOptions Options)
{
    /// <summary>Turns generated ids into text; required when <see cref="GenerationOptions.StopStrings"/> is not empty.</summary>
    public Func<IReadOnlyList<int>, string>? Decode { get; init; }
    /// <summary>
    /// Streaming: called with (completion row, newly generated ids) at each finish check, rows numbered like
    /// <see cref="GenerationResult.Completions"/>. Ids after a stop are never reported.
    /// </summary>
    public Action<int, IReadOnlyList<int>>? OnTokens { get; init; }
}

/// <summary>One generated continuation.</summary>
/// <param name="PromptIndex">Index into <see cref="GenerationRequest.Prompts"/>.</param>
/// <param name="SampleIndex">0 … NumSamples − 1.</param>
/// <param name="PromptIds">The prompt.</param>
/// <param name="TokenIds">Generated ids, including the stop token or the tokens completing a stop string, and nothing after.</param>
/// <param name="LogProbs">Per generated token, its log-probability under the sampling distribution (tempered, top-k/top-p filtered); 0 for greedy.</param>
/// <param name="FinishReason">Stop or length.</param>
/// <param name="StopTokenId">The stop token that ended it, if any.</param>
/// <param name="StopString">The stop string that ended it, if any.</param>
public sealed record Completion(int PromptIndex, int SampleIndex, int[] PromptIds, int[] TokenIds, float[] LogProbs,
    FinishReason FinishReason, int? StopTokenId, string? StopString);

/// <summary>Counts and timings of one <see cref="RolloutEngine.Generate"/> call.</summary>
/// <param name="PromptTokens">Prompt tokens prefilled (each prompt once).</param>
/// <param name="GeneratedTokens">Tokens in all completions.</param>
/// <param name="PrefillSeconds">Wall time of the prefills.</param>
/// <param name="DecodeSeconds">Wall time of the decode loops.</param>
public sealed record GenerationStats(long PromptTokens, long GeneratedTokens, double PrefillSeconds, double DecodeSeconds);

/// <summary>All completions, prompt-major then sample (row = prompt · NumSamples + sample), and stats.</summary>
public sealed record GenerationResult(IReadOnlyList<Completion> Completions, GenerationStats Stats);
