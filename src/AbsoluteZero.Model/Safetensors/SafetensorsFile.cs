using AbsoluteZero.Core.IO;
using Microsoft.Win32.SafeHandles;
using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>
/// One <c>.safetensors</c> file opened for lazy reading: the header is parsed and validated on open, tensor bytes
/// are read straight from the file into tensor memory when <see cref="Load"/> asks for them.
/// Static helpers read a whole file (<see cref="Read"/>) and write one atomically (<see cref="Write"/>).
/// </summary>
public sealed class SafetensorsFile : ITensorReader
{
    // TorchSharp exposes tensor memory as Span<byte>, so copies go in pieces that fit an int length.
    // Tests lower it to exercise the multi-piece path on small tensors.
    internal static long ChunkBytes { get; set; } = 1L << 30;

    private readonly SafeFileHandle _handle;
    private readonly SafetensorsHeader _header;
    private readonly Dictionary<string, SafetensorsEntry> _byName;

    private SafetensorsFile(string path, SafeFileHandle handle, SafetensorsHeader header)
    {
        Path = path;
        _handle = handle;
        _header = header;
        _byName = header.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Names = header.Entries.Select(e => e.Name).ToArray();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    /// <summary>Every header record, in header order.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries => _header.Entries;

    /// <summary>Opens a file and validates its header; throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static SafetensorsFile Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"safetensors file not found: {full}", full);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this reader needs a little-endian machine");
        var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long length = RandomAccess.GetLength(handle);
            var header = SafetensorsHeader.Parse((offset, count) => ReadBytes(handle, offset, count, full), length, full);
            return new SafetensorsFile(full, handle, header);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads every tensor of a file, converted to <paramref name="dtype"/> and moved to <paramref name="device"/> when given.</summary>
    public static Dictionary<string, torch.Tensor> Read(string path, torch.ScalarType? dtype = null, torch.Device? device = null)
    {
        using var file = Open(path);
        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (string name in file.Names) result[name] = file.Load(name, dtype, device);
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>
    /// Writes tensors to <paramref name="path"/> atomically (temporary sibling, then rename). Tensors are stored in
    /// their own dtype, ordered by element size (largest first) so every tensor starts aligned to its element size,
    /// and the header is space-padded to an 8-byte boundary, as the reference writer does. With <paramref name="dtype"/>,
    /// floating-point tensors are stored as that type instead, converted one at a time while writing.
    /// </summary>
    public static void Write(string path, IEnumerable<(string Name, torch.Tensor T)> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        torch.ScalarType? dtype = null)
    {
        var list = tensors.ToList();
        var entries = Layout(list, dtype);
        byte[] header = SafetensorsHeader.Build(entries, metadata);
        var byName = list.ToDictionary(p => p.Name, p => p.T, StringComparer.Ordinal);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            foreach (var e in entries) WriteTensor(stream, byName[e.Name], e.ScalarType);
        });
    }

    /// <summary>The header records <see cref="Write"/> would produce, computed from shapes alone.</summary>
    internal static List<SafetensorsEntry> Layout(IReadOnlyList<(string Name, torch.Tensor T)> tensors, torch.ScalarType? dtype)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>(tensors.Count);
        long offset = 0;
        foreach (var (name, t) in tensors.OrderByDescending(p => SafetensorsDtype.ElementSize(StoredType(p.Name, p.T, dtype))))
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__")
                throw new InvalidDataException($"invalid tensor name '{name}'");
            if (!names.Add(name)) throw new InvalidDataException($"tensor '{name}' is given twice");
            var type = StoredType(name, t, dtype);
            long bytes = t.numel() * SafetensorsDtype.ElementSize(type);
            entries.Add(new SafetensorsEntry(name, SafetensorsDtype.ToCode(type, name), type, t.shape.ToArray(), offset, offset + bytes));
            offset += bytes;
        }
        return entries;
    }

    /// <summary>The dtype a tensor is stored as: <paramref name="dtype"/> for floating-point tensors when given, else its own.</summary>
    internal static torch.ScalarType StoredType(string name, torch.Tensor t, torch.ScalarType? dtype)
    {
        var type = dtype is not null && torch.is_floating_point(t) ? dtype.Value : t.dtype;
        SafetensorsDtype.ToCode(type, name);
        return type;
    }

    /// <inheritdoc />
    public long[] Shape(string name) => Entry(name).Shape;

    /// <inheritdoc />
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <inheritdoc />
    public SafetensorsEntry Entry(string name) =>
        _byName.TryGetValue(name, out var e) ? e : throw new InvalidDataException($"{Path}: no tensor named '{name}'");

    /// <inheritdoc />
    public torch.Tensor Load(string name, torch.ScalarType? dtype = null, torch.Device? device = null)
    {
        var e = Entry(name);
        var t = torch.empty(e.Shape, e.ScalarType, device: torch.CPU);
        try
        {
            Fill(t, e);
        }
        catch
        {
            t.Dispose();
            throw;
        }
        var targetType = dtype ?? e.ScalarType;
        bool move = device is not null && device.type != DeviceType.CPU;
        if (targetType == e.ScalarType && !move) return t;
        var converted = move ? t.to(targetType, device!) : t.to_type(targetType);
        t.Dispose();
        return converted;
    }

    private void Fill(torch.Tensor t, SafetensorsEntry e)
    {
        if (e.ByteLength == 0) return;
        int size = SafetensorsDtype.ElementSize(e.ScalarType);
        long perChunk = Math.Max(1, ChunkBytes / size);
        using var flat = t.view(-1);
        long total = flat.shape[0];
        long fileOffset = _header.DataStart + e.Begin;
        for (long start = 0; start < total; start += perChunk)
        {
            long count = Math.Min(perChunk, total - start);
            using var part = flat.narrow(0, start, count);
            var span = part.bytes;
            ReadExactly(_handle, span, fileOffset, Path, e.Name);
            fileOffset += span.Length;
        }
    }

    private static void WriteTensor(Stream stream, torch.Tensor tensor, torch.ScalarType type)
    {
        if (tensor.numel() == 0) return;
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().to(type, torch.CPU).contiguous();
        int size = SafetensorsDtype.ElementSize(cpu.dtype);
        long perChunk = Math.Max(1, ChunkBytes / size);
        var flat = cpu.view(-1);
        long total = flat.shape[0];
        for (long start = 0; start < total; start += perChunk)
        {
            var part = flat.narrow(0, start, Math.Min(perChunk, total - start));
            stream.Write(part.bytes);
        }
    }

    private static byte[] ReadBytes(SafeFileHandle handle, long offset, int count, string path)
    {
        var buffer = new byte[count];
        ReadExactly(handle, buffer, offset, path, null);
        return buffer;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string path, string? tensor)
    {
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(handle, destination, offset);
            if (n == 0)
                throw new InvalidDataException(tensor is null
                    ? $"{path}: truncated: end of file at byte {offset}"
                    : $"{path}: tensor '{tensor}': truncated: end of file at byte {offset}");
            destination = destination[n..];
            offset += n;
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();
}
