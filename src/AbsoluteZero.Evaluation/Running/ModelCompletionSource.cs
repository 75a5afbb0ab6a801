using AbsoluteZero.Evaluation.Scoring;
using AbsoluteZero.Model;
using AbsoluteZero.Rollout;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Tokenization.Chat;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>
/// Completions from a <see cref="CausalLM"/> through the <see cref="RolloutEngine"/>: prompts rendered with the
/// chat template (Chat style) or joined as plain text (Base style), requests with the same sampling settings batched
/// into one generate call, stopping at EOS, the template's end-of-turn tokens and the stop strings.
/// </summary>
public sealed class ModelCompletionSource(CausalLM model, HfTokenizer tokenizer, IPromptFormatter formatter, PromptStyle style,
    string description, int maxBatchRows = 256, Func<int[], int[]>? idMap = null) : ICompletionSource
{
    private readonly RolloutEngine _engine = new(model);

    /// <inheritdoc />
    public PromptStyle Style => style;

    /// <inheritdoc />
    public string Description => description;

    /// <summary>The prompt text the model sees for <paramref name="turns"/>.</summary>
    public string Render(IReadOnlyList<PromptTurn> turns)
    {
        if (style == PromptStyle.Base) return string.Concat(turns.Select(t => t.Text));
        var messages = turns.Select(t => t.FromModel ? ChatMessage.Assistant(t.Text) : ChatMessage.User(t.Text)).ToList();
        return formatter.Render(messages, addGenerationPrompt: true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<SampledCompletion>>> CompleteAsync(IReadOnlyList<CompletionRequest> requests, CancellationToken cancellationToken) =>
        Task.Run(() => Complete(requests, cancellationToken), cancellationToken);

    private IReadOnlyList<IReadOnlyList<SampledCompletion>> Complete(IReadOnlyList<CompletionRequest> requests, CancellationToken ct)
    {
        var results = new IReadOnlyList<SampledCompletion>[requests.Count];
        var stopIds = new List<int>();
        if (tokenizer.EosTokenId is { } eos) stopIds.Add(eos);
        foreach (var end in formatter.EndOfTurn)
            if (tokenizer.TokenToId(end) is { } id && !stopIds.Contains(id)) stopIds.Add(id);
        var groups = requests.Select((r, i) => (Request: r, Index: i))
            .GroupBy(x => (x.Request.Samples, x.Request.Temperature, x.Request.MaxNewTokens, x.Request.Seed, x.Request.TopP, Stops: string.Join("\u0000", x.Request.StopStrings)));
        foreach (var group in groups)
        {
            var items = group.ToList();
            var first = items[0].Request;
            var prompts = items.Select(x => tokenizer.Encode(Render(x.Request.Turns))).ToList();
            var options = new GenerationOptions
            {
                MaxNewTokens = first.MaxNewTokens, Temperature = first.Temperature, TopP = first.TopP, NumSamples = first.Samples,
                StopTokenIds = stopIds, StopStrings = first.StopStrings, Seed = first.Seed, MaxBatchRows = maxBatchRows,
            };
            var generated = _engine.Generate(new GenerationRequest(prompts, options) { Decode = ids => tokenizer.Decode(idMap is null ? ids : idMap([.. ids])) }, ct);
            foreach (var (x, k) in items.Select((x, k) => (x, k)))
            {
                results[x.Index] = [.. generated.Completions.Where(c => c.PromptIndex == k).OrderBy(c => c.SampleIndex).Select(c =>
                    new SampledCompletion(Cut(tokenizer.Decode(idMap is null ? c.TokenIds : idMap(c.TokenIds), skipSpecialTokens: true), first.StopStrings), c.PromptIds.Length,
                        c.TokenIds.Length, c.FinishReason == FinishReason.Stop ? "stop" : "length"))];
            }
        }
        return results;
    }

    private static string Cut(string text, IReadOnlyList<string> stops)
    {
        int cut = text.Length;
        foreach (var s in stops)
        {
            int i = text.IndexOf(s, StringComparison.Ordinal);
            if (i >= 0 && i < cut) cut = i;
        }
        return text[..cut];
    }
}
