using AbsoluteZero.Evaluation.Running;
using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Tests.Running;

/// <summary>A completion source that answers from a script: (request, sample index) → text. Counts requests.</summary>
public sealed class ScriptedSource(Func<CompletionRequest, int, string> script, PromptStyle style = PromptStyle.Base) : ICompletionSource
{
    public int Requests { get; private set; }
    public List<CompletionRequest> Seen { get; } = [];
    public PromptStyle Style => style;
    public string Description => "scripted";

    public Task<IReadOnlyList<IReadOnlyList<SampledCompletion>>> CompleteAsync(IReadOnlyList<CompletionRequest> requests, CancellationToken cancellationToken)
    {
        Requests += requests.Count;
        Seen.AddRange(requests);
        IReadOnlyList<IReadOnlyList<SampledCompletion>> result = [.. requests.Select(r => (IReadOnlyList<SampledCompletion>)[.. Enumerable.Range(0, r.Samples)
            .Select(k => script(r, k)).Select(t => new SampledCompletion(t, 10 * r.Turns.Count, t.Length, "stop"))])];
        return Task.FromResult(result);
    }
}
