using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>
/// Rotary position embedding (the "default" rope type, rotate-half layout) computed from explicit position ids, so
/// left-padded rows and cached decoding get the right angles. Matches Hugging Face: inverse frequencies and angles in
/// fp32, cos/sin cast to the activation dtype before rotating.
/// </summary>
internal sealed class Rotary : IDisposable
{
    private readonly Tensor? _invFreq;
    private readonly Tensor? _rotateHalf;
    private readonly ScalarType _dtype;

    public Rotary(long headDim, double theta, ScalarType dtype, Device device)
    {
        _dtype = dtype;
        if (device.type == TorchSharp.DeviceType.META) return;
        using var scope = NewDisposeScope();
        var exponent = arange(0, headDim, 2, ScalarType.Int64, device).to_type(ScalarType.Float32) / headDim;
        _invFreq = (1.0 / pow(theta, exponent)).MoveToOuterDisposeScope();
        _invFreq.DetachFromDisposeScope();
        long half = headDim / 2;
        var r = zeros([headDim, headDim], ScalarType.Float32);
        for (long i = 0; i < half; i++)
        {
            r[i + half, i] = tensor(-1f);
            r[i, i + half] = tensor(1f);
        }
        _rotateHalf = r.to(dtype, device).MoveToOuterDisposeScope();
        _rotateHalf.DetachFromDisposeScope();
    }

    /// <summary>positions [B, T] int64 → (cos, sin), each [B, 1, T, headDim] in the model dtype.</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions)
    {
        if (_invFreq is null) throw new InvalidOperationException("a model on the meta device has shapes only and cannot run");
        using var scope = NewDisposeScope();
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1) * _invFreq;
        var emb = cat([freqs, freqs], -1).unsqueeze(1);
        var cos = emb.cos().to_type(_dtype).MoveToOuterDisposeScope();
        var sin = emb.sin().to_type(_dtype).MoveToOuterDisposeScope();
        return (cos, sin);
    }

    /// <summary>x [B, heads, T, D] rotated by the angles: x·cos + rotate_half(x)·sin.</summary>
    public Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        // rotate_half(x) = cat(−x2, x1) as one matmul with a signed permutation (exact: one nonzero term per output),
        // which is 1 kernel launch instead of 4 in the launch-bound decode loop.
        var rotated = x.matmul(_rotateHalf!);
        return (x * cos).addcmul_(rotated, sin, 1).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _invFreq?.Dispose();
        _rotateHalf?.Dispose();
    }
}
