using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Training.Config;

/// <summary>Floating-point type of the working copy of the weights (forward passes, rollouts).</summary>
public enum ComputeDType
{
    /// <summary>bfloat16 compute with fp32 master weights in the optimizer (the usual GPU setting).</summary>
    Bf16,
    /// <summary>float32 throughout (CPU runs, debugging, exactness tests).</summary>
    Fp32,
}

/// <summary>The policy model (the <c>model</c> section).</summary>
public sealed record ModelOptions
{
    /// <summary>
    /// Hugging Face model directory (<c>config.json</c>, <c>*.safetensors</c>, <c>tokenizer.json</c>) of the base
    /// model; <c>azr selfplay --model</c> sets it. Default null: none (only valid with <c>--preset tiny</c>, which builds
    /// a tiny random model). Absolute Zero trains base models (Qwen2.5-7B/-Coder, Llama-3.1-8B).
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Device: <c>auto</c> (CUDA when available), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. Default <c>auto</c>.</summary>
    [Required]
    public string Device { get; init; } = "auto";

    /// <summary>
    /// Compute dtype of the working weights. Default <c>bf16</c>; optimizer state and master weights are fp32 either
    /// way (a bf16 weight would swallow a 1e-6 update: bf16 epsilon ≈ 7.8e-3).
    /// </summary>
    public ComputeDType Dtype { get; init; } = ComputeDType.Bf16;
}
