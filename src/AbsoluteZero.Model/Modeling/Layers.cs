using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace AbsoluteZero.Model;

/// <summary>Creates parameters of one dtype on one device, detached from any dispose scope (they live with the model).</summary>
internal sealed record ParameterFactory(ScalarType DType, Device Device)
{
    public Parameter Create(params long[] shape)
    {
        var p = new Parameter(empty(shape, DType, Device), requires_grad: true);
        p.DetachFromDisposeScope();
        return p;
    }
}

/// <summary>A bias-optional linear layer whose parameters are named like Hugging Face's (<c>weight</c> [out, in], <c>bias</c> [out]).</summary>
internal sealed class HfLinear : nn.Module
{
    public readonly Parameter Weight;
    public readonly Parameter? Bias;

    public HfLinear(ParameterFactory f, long inFeatures, long outFeatures, bool bias) : base(nameof(HfLinear))
    {
        Weight = f.Create(outFeatures, inFeatures);
        register_parameter("weight", Weight);
        if (bias)
        {
            Bias = f.Create(outFeatures);
            register_parameter("bias", Bias);
        }
    }

    /// <summary>x [..., in] → [..., out].</summary>
    public Tensor Forward(Tensor x) => nn.functional.linear(x, Weight, Bias);
}

/// <summary>The token embedding (<c>weight</c> [vocab, hidden]).</summary>
internal sealed class HfEmbedding : nn.Module
{
    public readonly Parameter Weight;

    public HfEmbedding(ParameterFactory f, long vocab, long hidden) : base(nameof(HfEmbedding))
    {
        Weight = f.Create(vocab, hidden);
        register_parameter("weight", Weight);
    }

    /// <summary>ids [B, T] int64 → [B, T, hidden].</summary>
    public Tensor Forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        return Weight.index_select(0, ids.reshape(-1)).view(ids.shape[0], ids.shape[1], Weight.shape[1]).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// RMSNorm as Hugging Face computes it: normalise in fp32, cast back to the input dtype, then scale by
/// <c>weight</c>; the order matters for bit-level agreement in bf16.
/// </summary>
internal sealed class RmsNorm : nn.Module
{
    public readonly Parameter Weight;
    private readonly double _eps;

    public RmsNorm(ParameterFactory f, long size, double eps) : base(nameof(RmsNorm))
    {
        Weight = f.Create(size);
        register_parameter("weight", Weight);
        _eps = eps;
    }

    /// <summary>x [..., size] → same shape and dtype.</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.to_type(ScalarType.Float32);
        var variance = h.pow(2).mean([-1L], keepdim: true);
        h = h * rsqrt(variance + _eps);
        return (Weight * h.to_type(x.dtype)).MoveToOuterDisposeScope();
    }
}

/// <summary>The SwiGLU MLP: <c>down(silu(gate(x)) * up(x))</c>.</summary>
internal sealed class SwiGluMlp : nn.Module
{
    private readonly HfLinear _gate, _up, _down;

    public SwiGluMlp(ParameterFactory f, long hidden, long intermediate) : base(nameof(SwiGluMlp))
    {
        _gate = new HfLinear(f, hidden, intermediate, bias: false);
        _up = new HfLinear(f, hidden, intermediate, bias: false);
        _down = new HfLinear(f, intermediate, hidden, bias: false);
        register_module("gate_proj", _gate);
        register_module("up_proj", _up);
        register_module("down_proj", _down);
    }

    /// <summary>x [B, T, hidden] → [B, T, hidden].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return _down.Forward(nn.functional.silu(_gate.Forward(x)) * _up.Forward(x)).MoveToOuterDisposeScope();
    }
}
