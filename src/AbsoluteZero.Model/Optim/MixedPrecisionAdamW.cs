using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace AbsoluteZero.Model;

/// <summary>AdamW hyper-parameters (PyTorch's defaults except the RL-sized learning rate).</summary>
public sealed record AdamWOptions
{
    /// <summary>Step size.</summary>
    public double LearningRate { get; init; } = 1e-6;
    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Added to the denominator.</summary>
    public double Eps { get; init; } = 1e-8;
    /// <summary>Decoupled weight decay (applied to every parameter).</summary>
    public double WeightDecay { get; init; } = 0.01;
}

/// <summary>
/// AdamW (PyTorch's formula, decoupled weight decay, bias correction) that keeps fp32 master weights and fp32
/// moments for parameters stored in a lower precision: the update happens on the master copy, which is then cast
/// into the working parameter. At RL learning rates (~1e-6) a bf16 weight alone would swallow every update
/// (bf16 epsilon ≈ 7.8e-3). fp32 parameters are updated in place with no extra copy.
/// </summary>
public sealed partial class MixedPrecisionAdamW : IDisposable
{
    private sealed record Slot(string Name, Parameter Param, Tensor Master, Tensor ExpAvg, Tensor ExpAvgSq)
    {
        public bool HasMaster => !ReferenceEquals(Master, Param);
    }

    private readonly List<Slot> _slots = [];

    /// <summary>The hyper-parameters.</summary>
    public AdamWOptions Options { get; }
    /// <summary>Steps taken so far (drives bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>Optimises the given named parameters (names key the saved state).</summary>
    public MixedPrecisionAdamW(IEnumerable<(string Name, Parameter Param)> parameters, AdamWOptions options)
    {
        Options = options;
        using var noGrad = no_grad();
        foreach (var (name, p) in parameters)
        {
            if (_slots.Any(s => s.Name == name)) throw new ArgumentException($"parameter '{name}' listed twice");
            Tensor master = p.dtype == ScalarType.Float32 ? p : p.detach().to_type(ScalarType.Float32).clone();
            var m = zeros(p.shape, ScalarType.Float32, p.device);
            var v = zeros(p.shape, ScalarType.Float32, p.device);
            foreach (var t in new[] { master, m, v }) if (!ReferenceEquals(t, p)) t.DetachFromDisposeScope();
            _slots.Add(new Slot(name, p, master, m, v));
        }
    }

    /// <summary>The fp32 copy that the optimiser updates (the parameter itself when it is fp32).</summary>
    internal Tensor MasterOf(string name) => _slots.Single(s => s.Name == name).Master;

    /// <summary>Drops every gradient (sets it to none).</summary>
    public void ZeroGrad()
    {
        foreach (var s in _slots) s.Param.grad = null;
    }

    /// <summary>Scales gradients so their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    /// <returns>The global norm before clipping (one host synchronisation).</returns>
    public double ClipGradNorm(double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = _slots.Select(s => s.Param.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        var norms = stack(grads.Select(g => g.to_type(ScalarType.Float32).norm()).ToArray());
        double total = norms.norm().item<float>();
        if (total > maxNorm && double.IsFinite(total))
        {
            double factor = maxNorm / (total + 1e-6);
            foreach (var g in grads) g.mul_(factor);
        }
        return total;
    }

    /// <summary>One AdamW update of every parameter that has a gradient.</summary>
    /// <param name="learningRate">Overrides <see cref="AdamWOptions.LearningRate"/> for this step (schedules).</param>
    public void Step(double? learningRate = null)
    {
        StepCount++;
        double lr = learningRate ?? Options.LearningRate;
        double bc1 = 1 - Math.Pow(Options.Beta1, StepCount);
        double bc2 = 1 - Math.Pow(Options.Beta2, StepCount);
        using var noGrad = no_grad();
        foreach (var s in _slots)
        {
            if (s.Param.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            var g = grad.to_type(ScalarType.Float32);
            if (Options.WeightDecay != 0) s.Master.mul_(1 - lr * Options.WeightDecay);
            s.ExpAvg.mul_(Options.Beta1).add_(g, alpha: 1 - Options.Beta1);
            s.ExpAvgSq.mul_(Options.Beta2).addcmul_(g, g, value: 1 - Options.Beta2);
            var denom = (s.ExpAvgSq.sqrt() / Math.Sqrt(bc2)).add_(Options.Eps);
            s.Master.addcdiv_(s.ExpAvg, denom, value: -lr / bc1);
            if (s.HasMaster) s.Param.copy_(s.Master);
        }
    }

    /// <summary>Frees the master copies and moments.</summary>
    public void Dispose()
    {
        foreach (var s in _slots)
        {
            if (s.HasMaster) s.Master.Dispose();
            s.ExpAvg.Dispose();
            s.ExpAvgSq.Dispose();
        }
        _slots.Clear();
    }
}
