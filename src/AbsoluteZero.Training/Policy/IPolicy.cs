namespace AbsoluteZero.Training.Policy;

/// <summary>How to sample one batch of completions.</summary>
/// <param name="NumSamples">Completions per prompt.</param>
/// <param name="Temperature">Sampling temperature (&gt; 0).</param>
/// <param name="TopP">Nucleus mass; 1 disables it.</param>
/// <param name="MaxNewTokens">Most tokens generated per completion.</param>
/// <param name="StopStrings">Generation of a completion ends after any of these strings (and at the tokenizer's EOS).</param>
/// <param name="Seed">Seed of the sampler: equal seeds, weights and prompts give equal completions.</param>
public sealed record SamplingSettings(int NumSamples, double Temperature, double TopP, int MaxNewTokens, IReadOnlyList<string> StopStrings, long Seed);

/// <summary>One sampled completion.</summary>
/// <param name="PromptIndex">Index of its prompt in the request.</param>
/// <param name="SampleIndex">Which of the prompt's samples it is.</param>
/// <param name="TokenIds">The generated token ids (the stop string's tokens included, a final EOS excluded).</param>
/// <param name="Text">The decoded completion, cut right after the first stop string when one occurs.</param>
/// <param name="Truncated">True when generation hit the token limit before a stop.</param>
public sealed record PolicyCompletion(int PromptIndex, int SampleIndex, int[] TokenIds, string Text, bool Truncated);

/// <summary>The completions of one request (prompt-major, then sample) and what they cost.</summary>
/// <param name="Completions">NumSamples completions per prompt, prompt-major.</param>
/// <param name="GeneratedTokens">Tokens generated in total.</param>
public sealed record PolicyGeneration(IReadOnlyList<PolicyCompletion> Completions, long GeneratedTokens);

/// <summary>One rollout to learn from.</summary>
/// <param name="PromptIds">The prompt's token ids.</param>
/// <param name="ResponseIds">The response's token ids (what was generated).</param>
/// <param name="Advantage">Its sequence advantage, applied to every response token.</param>
public sealed record TrainingSequence(int[] PromptIds, int[] ResponseIds, double Advantage);

/// <summary>What one policy update did.</summary>
/// <param name="Loss">Mean over optimizer steps of the total loss.</param>
/// <param name="GradNorm">Mean over optimizer steps of the gradient norm before clipping.</param>
/// <param name="ClipFraction">Mean fraction of tokens whose PPO ratio was clipped.</param>
/// <param name="ApproxKl">Mean k1 estimate of KL(π_old ‖ π) over the update.</param>
/// <param name="SequenceEntropy">Per input sequence: mean token entropy of the policy before the update.</param>
/// <param name="SequenceKl">Per input sequence: mean KL estimate to the reference model, or null without one.</param>
public sealed record UpdateResult(double Loss, double GradNorm, double ClipFraction, double ApproxKl,
    IReadOnlyList<double> SequenceEntropy, IReadOnlyList<double>? SequenceKl);

/// <summary>
/// The policy as the self-play trainer sees it: a tokenizer, a sampler, one RL update per step, and checkpoints.
/// The real one runs a TorchSharp causal LM; tests script a fake. Implementations need not be thread-safe.
/// </summary>
public interface IPolicy : IDisposable
{
    /// <summary>Short description for the log (model, device, dtype, parameters).</summary>
    string Describe();

    /// <summary>Token ids of <paramref name="text"/> (no special tokens added).</summary>
    int[] Encode(string text);

    /// <summary>Samples completions for <paramref name="prompts"/> (token ids). Cancellation leaves the policy unchanged.</summary>
    PolicyGeneration Generate(IReadOnlyList<int[]> prompts, SamplingSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// One RL update over all of a step's rollouts (PPO epochs and mini-batches per the policy's algorithm settings)
    /// at <paramref name="learningRate"/>. Not cancellable: it always completes, so weights and optimizer state stay consistent.
    /// </summary>
    UpdateResult Update(IReadOnlyList<TrainingSequence> batch, double learningRate);

    /// <summary>
    /// Writes the model as a Hugging Face directory (weights, config, tokenizer files) and the optimizer state
    /// (<c>optimizer.safetensors</c>) into the existing, empty <paramref name="directory"/>.
    /// </summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores weights and optimizer state from a directory written by <see cref="SaveCheckpoint"/>.</summary>
    void LoadCheckpoint(string directory);
}
