using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Safetensors;

namespace AbsoluteZero.Model.Checkpoints;

/// <summary>
/// An opened Hugging Face model directory: its config and its weights, checked against each other. Weights are read
/// lazily through <see cref="Weights"/>; dispose to close the files.
/// </summary>
/// <param name="Directory">The model directory.</param>
/// <param name="Config">config.json, read by <see cref="HfConfigReader"/>.</param>
/// <param name="Weights">The tensors (single file or shards); every expected parameter is present with its expected shape.</param>
public sealed record HfModelFiles(string Directory, ModelConfig Config, ITensorReader Weights) : IDisposable
{
    /// <summary>The parameters to load, in order, with their shapes (<see cref="HfParameterShapes.For"/>).</summary>
    public IReadOnlyList<(string Name, long[] Shape)> Parameters => HfParameterShapes.For(Config);

    /// <summary>Closes the weight files.</summary>
    public void Dispose() => Weights.Dispose();
}
