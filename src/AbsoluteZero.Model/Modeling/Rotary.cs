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
    private readonly ScalarType _dtype;

    public Rotary(long headDim, double theta, ScalarType dtype, Device device)
    {
        _dtype = dtype;
        if (device.type == TorchSharp.DeviceType.META) return;
        using var scope = NewDisposeScope();
        var exponent = arange(0, headDim, 2, ScalarType.Int64, device).to_type(ScalarType.Float32) / headDim;
        _invFreq = (1.0 / pow(theta, exponent)).MoveToOuterDisposeScope();
        _invFreq.DetachFromDisposeScope();
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

    /// <summary>x [B, heads, T, D] rotated by the angles.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([-x2, x1], -1);
        return (x * cos + rotated * sin).MoveToOuterDisposeScope();
    }

    public void Dispose() => _invFreq?.Dispose();
}
