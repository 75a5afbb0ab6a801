using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>
/// Named tensors that are read from disk one at a time, on request: a single safetensors file or a sharded set.
/// Nothing is loaded until <see cref="Load"/> is called, so listing names and shapes costs no tensor memory.
/// </summary>
public interface ITensorReader : IDisposable
{
    /// <summary>Every tensor name, in file (or index) order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Whether a tensor of that name exists.</summary>
    bool Contains(string name);

    /// <summary>The header record of a tensor (dtype, shape, byte range); throws naming the tensor when absent.</summary>
    SafetensorsEntry Entry(string name);

    /// <summary>The shape of a tensor.</summary>
    long[] Shape(string name);

    /// <summary>
    /// Reads a tensor into a new tensor of the file's dtype on the CPU, then converts it to <paramref name="dtype"/>
    /// and moves it to <paramref name="device"/> when given. The caller owns (disposes) the result.
    /// </summary>
    torch.Tensor Load(string name, torch.ScalarType? dtype = null, torch.Device? device = null);
}
