using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>Builds the boolean attention masks (true = attend) that <see cref="AttentionPlan"/> carries.</summary>
internal static class AttentionMasks
{
    /// <summary>
    /// Causal mask over key slots with padding removed: query i (at slot <paramref name="queryStart"/> + i) attends to
    /// slot j when j ≤ its own slot and slot j holds a real token. A query always sees its own slot, so padded
    /// queries get a finite (ignored) output instead of NaN.
    /// </summary>
    /// <param name="keyValid">[B, Tk] bool.</param>
    /// <param name="queryStart">Slot of the first query.</param>
    /// <param name="queries">Tq.</param>
    /// <param name="rep">Query heads per KV head; the mask is repeated for the folded query layout.</param>
    /// <returns>[B, 1, rep·Tq, Tk] bool.</returns>
    public static Tensor Folded(Tensor keyValid, int queryStart, long queries, long rep)
    {
        using var scope = NewDisposeScope();
        long tk = keyValid.shape[1];
        var keyIdx = arange(tk, ScalarType.Int64, keyValid.device).unsqueeze(0);
        var queryIdx = arange(queryStart, queryStart + queries, 1, ScalarType.Int64, keyValid.device).unsqueeze(1);
        var causal = keyIdx.le(queryIdx);
        var self = keyIdx.eq(queryIdx);
        var mask = causal.logical_and(keyValid.unsqueeze(1).logical_or(self)).unsqueeze(1);
        if (rep > 1) mask = mask.repeat(1, 1, rep, 1);
        return mask.MoveToOuterDisposeScope();
    }

    /// <summary>Position ids for left-padded rows: cumsum(mask) − 1, clamped at 0 (pads before the first token get 0).</summary>
    /// <param name="mask">[B, T] (1 = token).</param>
    /// <returns>[B, T] int64.</returns>
    public static Tensor PositionsFromMask(Tensor mask)
    {
        using var scope = NewDisposeScope();
        return (mask.to_type(ScalarType.Int64).cumsum(1) - 1).clamp_min(0).MoveToOuterDisposeScope();
    }

    /// <summary>Whether every row of <paramref name="mask"/> [B, T] is ones followed by zeros (one host synchronisation).</summary>
    public static bool IsRightPadded(Tensor mask)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(ScalarType.Int64);
        if (m.shape[1] < 2) return true;
        return m.narrow(1, 1, m.shape[1] - 1).le(m.narrow(1, 0, m.shape[1] - 1)).all().item<bool>();
    }
}
