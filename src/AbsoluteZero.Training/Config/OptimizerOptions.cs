using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Config;

/// <summary>AdamW on fp32 master weights (the <c>optimizer</c> section).</summary>
public sealed record OptimizerOptions
{
    /// <summary>Learning rate, constant after warm-up. Default 1e-6 (paper Table 3; reference <c>optim.lr=1e-6</c>, <c>warmup_style: constant</c>).</summary>
    [Range(0.0, 1.0)]
    public double LearningRate { get; init; } = 1e-6;

    /// <summary>Linear warm-up from 0 over this many optimizer steps. Default 0 (reference code: no warm-up).</summary>
    [Range(0, 1_000_000)]
    public int WarmupSteps { get; init; }

    /// <summary>AdamW decoupled weight decay. Default 0.01 (reference paper branch, the veRL default; master uses 0.0).</summary>
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>AdamW β1. Default 0.9 (veRL / PyTorch default).</summary>
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. Default 0.999 (veRL / PyTorch default).</summary>
    [Range(0.0, 0.999999999)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW ε. Default 1e-8 (PyTorch default).</summary>
    [Range(0.0, 1.0)]
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Global gradient-norm clip; 0 disables it. Default 1.0 (paper Table 3; reference <c>grad_clip: 1.0</c>).</summary>
    [Range(0.0, 1e6)]
    public double GradClip { get; init; } = 1.0;
}
