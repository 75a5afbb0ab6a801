using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>The safetensors dtype codes this project reads and writes, and their TorchSharp counterparts.</summary>
public static class SafetensorsDtype
{
    private static readonly Dictionary<string, torch.ScalarType> ByCode = new(StringComparer.Ordinal)
    {
        ["F64"] = torch.ScalarType.Float64,
        ["F32"] = torch.ScalarType.Float32,
        ["F16"] = torch.ScalarType.Float16,
        ["BF16"] = torch.ScalarType.BFloat16,
        ["I64"] = torch.ScalarType.Int64,
        ["I32"] = torch.ScalarType.Int32,
        ["I16"] = torch.ScalarType.Int16,
        ["I8"] = torch.ScalarType.Int8,
        ["U8"] = torch.ScalarType.Byte,
        ["BOOL"] = torch.ScalarType.Bool,
    };

    // Valid in the format but with no TorchSharp tensor type to hold them: named so the error says "unsupported", not "unknown".
    private static readonly HashSet<string> KnownUnsupported = new(StringComparer.Ordinal)
    {
        "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64",
    };

    /// <summary>The codes that can be read into tensors.</summary>
    public static IReadOnlyCollection<string> Supported => ByCode.Keys;

    /// <summary>The TorchSharp type for a safetensors dtype code, or an exception naming the code, the tensor and the file.</summary>
    public static torch.ScalarType ToScalarType(string code, string tensorName, string file)
    {
        if (ByCode.TryGetValue(code, out var type)) return type;
        string kind = KnownUnsupported.Contains(code) ? "unsupported" : "unknown";
        throw new InvalidDataException(
            $"{file}: tensor '{tensorName}' has {kind} dtype '{code}' (readable: {string.Join(", ", ByCode.Keys)})");
    }

    /// <summary>The safetensors dtype code for a TorchSharp type.</summary>
    public static string ToCode(torch.ScalarType type, string tensorName)
    {
        foreach (var (code, t) in ByCode)
            if (t == type) return code;
        throw new InvalidDataException($"tensor '{tensorName}': dtype {type} cannot be stored in safetensors by this writer");
    }

    /// <summary>Bytes per element of a TorchSharp type that safetensors can hold.</summary>
    public static int ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Int8 or torch.ScalarType.Byte or torch.ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a safetensors dtype"),
    };
}
