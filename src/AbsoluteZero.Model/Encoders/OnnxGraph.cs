namespace AbsoluteZero.Model.Encoders;

/// <summary>A weight stored in an ONNX graph: shape, ONNX data type (1 = float32) and the little-endian raw bytes.</summary>
public sealed record OnnxInitializer(string Name, long[] Dims, int DataType, ReadOnlyMemory<byte> Raw);

/// <summary>One operator of an ONNX graph, in file (topological) order.</summary>
public sealed record OnnxNode(string Op, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>
/// The parts of an ONNX model needed to lift its weights into TorchSharp: the initializers and the node list. A
/// minimal reader of the protobuf wire format (ModelProto.graph = 7; GraphProto.node = 1, .initializer = 5;
/// NodeProto.input = 1, .output = 2, .op_type = 4; TensorProto.dims = 1, .data_type = 2, .name = 8, .raw_data = 9),
/// so no protobuf library is needed for a read-only walk.
/// </summary>
public sealed class OnnxGraph
{
    private OnnxGraph(Dictionary<string, OnnxInitializer> initializers, List<OnnxNode> nodes)
    {
        Initializers = initializers;
        Nodes = nodes;
    }

    /// <summary>Initializers by name.</summary>
    public IReadOnlyDictionary<string, OnnxInitializer> Initializers { get; }

    /// <summary>Nodes in file order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Parses a serialised ModelProto.</summary>
    public static OnnxGraph Read(ReadOnlyMemory<byte> model)
    {
        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>();
        bool sawGraph = false;
        foreach (var (field, value) in Fields(model))
        {
            if (field != 7 || value is not ReadOnlyMemory<byte> graph) continue;
            sawGraph = true;
            foreach (var (gField, gValue) in Fields(graph))
            {
                if (gValue is not ReadOnlyMemory<byte> body) continue;
                if (gField == 5) { var t = Tensor(body); initializers[t.Name] = t; }
                else if (gField == 1) nodes.Add(Node(body));
            }
        }
        if (!sawGraph) throw new InvalidDataException("not an ONNX model: no graph field");
        return new OnnxGraph(initializers, nodes);
    }

    /// <summary>A float32 initializer's values.</summary>
    public float[] Floats(string name)
    {
        var t = Initializers.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"ONNX initializer '{name}' not found");
        if (t.DataType != 1) throw new InvalidDataException($"ONNX initializer '{name}' has data type {t.DataType}, expected 1 (float32)");
        var values = new float[t.Raw.Length / 4];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.Raw.Span).CopyTo(values);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian");
        return values;
    }

    private static OnnxInitializer Tensor(ReadOnlyMemory<byte> body)
    {
        var dims = new List<long>(); int dataType = 0; string name = ""; ReadOnlyMemory<byte> raw = default;
        foreach (var (f, v) in Fields(body))
        {
            switch (f)
            {
                case 1 when v is ulong d: dims.Add((long)d); break;
                case 1 when v is ReadOnlyMemory<byte> packed: dims.AddRange(PackedVarints(packed).Select(x => (long)x)); break;
                case 2 when v is ulong dt: dataType = (int)dt; break;
                case 8 when v is ReadOnlyMemory<byte> n: name = System.Text.Encoding.UTF8.GetString(n.Span); break;
                case 9 when v is ReadOnlyMemory<byte> r: raw = r; break;
            }
        }
        return new OnnxInitializer(name, [.. dims], dataType, raw);
    }

    private static OnnxNode Node(ReadOnlyMemory<byte> body)
    {
        var inputs = new List<string>(); var outputs = new List<string>(); string op = "";
        foreach (var (f, v) in Fields(body))
        {
            if (v is not ReadOnlyMemory<byte> s) continue;
            string text = System.Text.Encoding.UTF8.GetString(s.Span);
            if (f == 1) inputs.Add(text);
            else if (f == 2) outputs.Add(text);
            else if (f == 4) op = text;
        }
        return new OnnxNode(op, inputs, outputs);
    }

    // Yields (field number, value): ulong for varints, ReadOnlyMemory<byte> for length-delimited, skipping fixed32/64.
    private static IEnumerable<(int Field, object Value)> Fields(ReadOnlyMemory<byte> message)
    {
        int p = 0;
        while (p < message.Length)
        {
            ulong key = Varint(message.Span, ref p);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return (field, Varint(message.Span, ref p)); break;
                case 1: p += 8; break;
                case 2:
                    int length = checked((int)Varint(message.Span, ref p));
                    if (p + length > message.Length) throw new InvalidDataException("ONNX protobuf: field runs past the end");
                    yield return (field, message.Slice(p, length));
                    p += length;
                    break;
                case 5: p += 4; break;
                default: throw new InvalidDataException($"ONNX protobuf: unsupported wire type {wire}");
            }
        }
    }

    private static IEnumerable<ulong> PackedVarints(ReadOnlyMemory<byte> packed)
    {
        var list = new List<ulong>();
        int p = 0;
        while (p < packed.Length) list.Add(Varint(packed.Span, ref p));
        return list;
    }

    private static ulong Varint(ReadOnlySpan<byte> b, ref int p)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (p >= b.Length) throw new InvalidDataException("ONNX protobuf: truncated varint");
            byte c = b[p++];
            result |= (ulong)(c & 0x7f) << shift;
            if (c < 0x80) return result;
        }
        throw new InvalidDataException("ONNX protobuf: varint too long");
    }
}
