namespace AbsoluteZero.Rollout;

/// <summary>
/// Host-side view of one completion row: the ids seen so far at finish checks, and whether (and how) it finished.
/// Stop tokens are found by scanning new ids; stop strings by decoding the text so far, then finding the shortest
/// prefix whose text contains a stop string.
/// </summary>
internal sealed class RowTracker(IReadOnlyList<int> stopTokenIds, IReadOnlyList<string> stopStrings, Func<IReadOnlyList<int>, string>? decode)
{
    private readonly List<int> _ids = [];

    public IReadOnlyList<int> Ids => _ids;
    public bool Finished { get; private set; }
    public int? StopTokenId { get; private set; }
    public string? StopString { get; private set; }

    /// <summary>Takes the ids generated since the last check; returns those that belong to the completion.</summary>
    public IReadOnlyList<int> Append(ReadOnlySpan<long> newIds)
    {
        if (Finished) return [];
        int start = _ids.Count;
        foreach (long id in newIds)
        {
            _ids.Add((int)id);
            if (stopTokenIds.Contains((int)id))
            {
                StopTokenId = (int)id;
                Finished = true;
                break;
            }
        }
        if (stopStrings.Count > 0 && decode is not null) TruncateAtStopString(start);
        return _ids.GetRange(start, _ids.Count - start);
    }

    private void TruncateAtStopString(int checkedCount)
    {
        if (FirstStop(decode!(_ids)) is null) return;
        for (int k = Math.Max(1, checkedCount + 1); k <= _ids.Count; k++)
        {
            if (FirstStop(decode!(_ids.GetRange(0, k))) is not { } hit) continue;
            _ids.RemoveRange(k, _ids.Count - k);
            StopString = hit;
            StopTokenId = null;
            Finished = true;
            return;
        }
    }

    private string? FirstStop(string text)
    {
        string? best = null;
        int bestAt = int.MaxValue;
        foreach (var s in stopStrings)
        {
            int at = text.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && at < bestAt) (best, bestAt) = (s, at);
        }
        return best;
    }
}
