using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>One tensor's header record: where its bytes lie, relative to the start of the data section.</summary>
/// <param name="Name">The tensor's name (e.g. <c>model.layers.0.self_attn.q_proj.weight</c>).</param>
/// <param name="Dtype">The safetensors dtype code (<c>F32</c>, <c>BF16</c>, ...).</param>
/// <param name="ScalarType">The TorchSharp type the bytes are read as.</param>
/// <param name="Shape">The dimensions (empty for a scalar).</param>
/// <param name="Begin">First byte, relative to the data section.</param>
/// <param name="End">One past the last byte, relative to the data section.</param>
public sealed record SafetensorsEntry(string Name, string Dtype, torch.ScalarType ScalarType, long[] Shape, long Begin, long End)
{
    /// <summary>The number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>The number of data bytes.</summary>
    public long ByteLength => End - Begin;

    /// <summary>The shape as <c>[a, b]</c> text, for messages.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as <c>[a, b]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
