using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>
/// The safetensors header: an 8-byte little-endian length, then that many bytes of UTF-8 JSON mapping each tensor
/// name to <c>{dtype, shape, data_offsets}</c> plus an optional <c>__metadata__</c> string map. The JSON may be
/// padded with trailing spaces (writers pad it so the data section starts 8-byte aligned).
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>The largest header accepted, as in the reference implementation (guards against garbage lengths).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    public required IReadOnlyList<SafetensorsEntry> Entries { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    /// <summary>File offset of the data section (8 + header length).</summary>
    public required long DataStart { get; init; }

    /// <summary>Parses and validates the header of a file of <paramref name="fileLength"/> bytes.</summary>
    public static SafetensorsHeader Parse(Func<long, int, byte[]> readAt, long fileLength, string file)
    {
        if (fileLength < 8)
            throw new InvalidDataException($"{file}: truncated: {fileLength} bytes, too short for the 8-byte header length");
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(readAt(0, 8));
        if (declared > MaxHeaderBytes)
            throw new InvalidDataException($"{file}: bad header: declared header length {declared} bytes exceeds {MaxHeaderBytes} (not a safetensors file?)");
        long headerLength = (long)declared;
        if (8 + headerLength > fileLength)
            throw new InvalidDataException($"{file}: truncated: header declares {headerLength} bytes but the file has {fileLength - 8} after the length");
        byte[] json = readAt(8, (int)headerLength);
        if (json.Length == 0 || json[0] != (byte)'{')
            throw new InvalidDataException($"{file}: bad header: the JSON header must start with '{{'");

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: bad header: invalid JSON: {e.Message}", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{file}: bad header: the JSON header is not an object");
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                    throw new InvalidDataException($"{file}: bad header: tensor '{prop.Name}' appears twice");
                if (prop.Name == MetadataKey)
                    ReadMetadata(prop.Value, metadata, file);
                else
                    entries.Add(ReadEntry(prop.Name, prop.Value, file));
            }

            long dataStart = 8 + headerLength;
            CheckLayout(entries, fileLength - dataStart, file);
            return new SafetensorsHeader { Entries = entries, Metadata = metadata, DataStart = dataStart };
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{file}: bad header: '{MetadataKey}' must be an object of strings");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"{file}: bad header: '{MetadataKey}.{m.Name}' must be a string");
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string name, JsonElement value, string file)
    {
        string where = $"{file}: tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: bad header: entry is not an object");
        if (!value.TryGetProperty("dtype", out var dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{where}: bad header: missing string 'dtype'");
        if (!value.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{where}: bad header: missing array 'shape'");
        if (!value.TryGetProperty("data_offsets", out var offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw new InvalidDataException($"{where}: bad header: 'data_offsets' must be [begin, end]");

        string dtype = dtypeEl.GetString()!;
        var type = SafetensorsDtype.ToScalarType(dtype, name, file);
        var shape = new long[shapeEl.GetArrayLength()];
        int i = 0;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long dim) || dim < 0)
                throw new InvalidDataException($"{where}: bad header: shape entries must be non-negative integers");
            shape[i++] = dim;
        }

        long[] offsets = offEl.EnumerateArray().Select(o =>
            o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out long v) && v >= 0
                ? v
                : throw new InvalidDataException($"{where}: bad header: data_offsets must be non-negative integers")).ToArray();
        if (offsets[1] < offsets[0])
            throw new InvalidDataException($"{where}: bad header: data_offsets end {offsets[1]} is before begin {offsets[0]}");

        var entry = new SafetensorsEntry(name, dtype, type, shape, offsets[0], offsets[1]);
        long expected;
        try
        {
            expected = checked(entry.ElementCount * SafetensorsDtype.ElementSize(type));
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{where}: bad header: shape {entry.ShapeText} is too large");
        }
        if (expected != entry.ByteLength)
            throw new InvalidDataException(
                $"{where}: shape/size mismatch: shape {entry.ShapeText} of {dtype} needs {expected} bytes but data_offsets span {entry.ByteLength}");
        return entry;
    }

    /// <summary>Tensors must tile the data section exactly: no overlap, no gap, nothing past its end.</summary>
    private static void CheckLayout(List<SafetensorsEntry> entries, long dataLength, string file)
    {
        long cursor = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != cursor)
                throw new InvalidDataException(e.Begin < cursor
                    ? $"{file}: tensor '{e.Name}': bad header: its bytes overlap the previous tensor's"
                    : $"{file}: tensor '{e.Name}': bad header: gap of {e.Begin - cursor} bytes before its data");
            cursor = e.End;
            if (cursor > dataLength)
                throw new InvalidDataException(
                    $"{file}: tensor '{e.Name}': truncated: its data ends at byte {cursor} of the data section but the file holds {dataLength}");
        }
        if (cursor != dataLength)
            throw new InvalidDataException($"{file}: bad header: {dataLength - cursor} bytes after the last tensor are not described by the header");
    }

    /// <summary>
    /// Serialises a header for <paramref name="entries"/> (offsets already assigned), padded with spaces so that the
    /// data section starts at a multiple of 8 bytes.
    /// </summary>
    public static byte[] Build(IEnumerable<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            foreach (var e in entries)
            {
                w.WriteStartObject(e.Name);
                w.WriteString("dtype", e.Dtype);
                w.WriteStartArray("shape");
                foreach (long d in e.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(e.Begin);
                w.WriteNumberValue(e.End);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int length = (int)buffer.Length;
        int padded = (length + 8 + 7) / 8 * 8 - 8;
        var result = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        buffer.GetBuffer().AsSpan(0, length).CopyTo(result.AsSpan(8));
        result.AsSpan(8 + length).Fill((byte)' ');
        return result;
    }
}
