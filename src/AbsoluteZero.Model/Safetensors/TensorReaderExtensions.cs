using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>Loading stored tensors into tensors that already exist (e.g. a module's parameters).</summary>
public static class TensorReaderExtensions
{
    /// <summary>
    /// Reads <paramref name="name"/> converted to <paramref name="destination"/>'s dtype and device and copies it in
    /// place (without recording autograd history). Throws naming the tensor when the shapes differ.
    /// </summary>
    public static void LoadInto(this ITensorReader reader, string name, torch.Tensor destination)
    {
        var shape = reader.Shape(name);
        if (!shape.SequenceEqual(destination.shape))
            throw new InvalidDataException(
                $"tensor '{name}' has shape {SafetensorsEntry.FormatShape(shape)} but the destination is {SafetensorsEntry.FormatShape(destination.shape)}");
        using var loaded = reader.Load(name, destination.dtype, destination.device);
        using var noGrad = torch.no_grad();
        destination.copy_(loaded);
    }
}
