using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>One turn of a conversation sent to the model: the user's (prompt, feedback) or the model's own earlier answer.</summary>
public sealed record PromptTurn(bool FromModel, string Text);

/// <summary>What to generate for one prompt.</summary>
/// <param name="Turns">The conversation so far; a base model sees the turns' texts joined.</param>
/// <param name="Samples">Completions wanted.</param>
/// <param name="Temperature">0 = greedy.</param>
/// <param name="MaxNewTokens">Tokens per completion at most.</param>
/// <param name="StopStrings">Texts that end a completion (cut off in the returned text).</param>
/// <param name="Seed">Sampling seed: the same request and seed give the same completions.</param>
/// <param name="TopP">Nucleus sampling mass (1 = off).</param>
public sealed record CompletionRequest(IReadOnlyList<PromptTurn> Turns, int Samples, double Temperature, int MaxNewTokens,
    IReadOnlyList<string> StopStrings, long Seed, double TopP = 1.0);

/// <summary>One completion and what it cost.</summary>
/// <param name="Text">The generated text, cut before any stop string, without special tokens.</param>
/// <param name="PromptTokens">Tokens in the rendered prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="FinishReason"><c>stop</c> or <c>length</c>.</param>
public sealed record SampledCompletion(string Text, int PromptTokens, int CompletionTokens, string FinishReason);

/// <summary>
/// Where completions come from: the policy model (<see cref="ModelCompletionSource"/>) or, in tests, a script. The
/// evaluation runner only talks to this interface.
/// </summary>
public interface ICompletionSource
{
    /// <summary>Whether prompts are written for a base model (completion templates) or a chat model.</summary>
    PromptStyle Style { get; }

    /// <summary>A short description for reports (model directory or preset).</summary>
    string Description { get; }

    /// <summary>For each request, its completions (request order, then sample order).</summary>
    Task<IReadOnlyList<IReadOnlyList<SampledCompletion>>> CompleteAsync(IReadOnlyList<CompletionRequest> requests, CancellationToken cancellationToken);
}
