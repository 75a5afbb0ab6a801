using System.Text.Json;
using System.Text.Json.Nodes;
using AbsoluteZero.Core.IO;
using TorchSharp;

namespace AbsoluteZero.Model.Safetensors;

/// <summary>
/// A checkpoint split over several safetensors files, listed by an index JSON
/// (<c>{"metadata": {"total_size": N}, "weight_map": {tensor: file}}</c>, e.g. <c>model.safetensors.index.json</c>).
/// Reading is lazy, as for <see cref="SafetensorsFile"/>; <see cref="Write"/> splits tensors over shards of at most a
/// given size.
/// </summary>
public sealed class ShardedSafetensors : ITensorReader
{
    /// <summary>The index file name Hugging Face uses for sharded model weights.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>The single-file name Hugging Face uses for unsharded model weights.</summary>
    public const string SingleFileName = "model.safetensors";

    private readonly Dictionary<string, SafetensorsFile> _shardOf;
    private readonly List<SafetensorsFile> _files;

    private ShardedSafetensors(string indexPath, List<string> names, Dictionary<string, SafetensorsFile> shardOf, List<SafetensorsFile> files)
    {
        IndexPath = indexPath;
        Names = names;
        _shardOf = shardOf;
        _files = files;
    }

    /// <summary>The index file's full path.</summary>
    public string IndexPath { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }

    /// <summary>The shard files, in the order the index first names them.</summary>
    public IReadOnlyList<string> ShardPaths => _files.Select(f => f.Path).ToArray();

    /// <summary>
    /// Opens an index and every shard it names, checking that each tensor of the weight map exists in its shard.
    /// </summary>
    public static ShardedSafetensors Open(string indexPath)
    {
        string full = Path.GetFullPath(indexPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"safetensors index not found: {full}", full);
        var map = ReadWeightMap(full);
        string dir = Path.GetDirectoryName(full)!;
        var files = new List<SafetensorsFile>();
        var byFile = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        var shardOf = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, fileName) in map)
            {
                if (!byFile.TryGetValue(fileName, out var file))
                {
                    string shardPath = Path.Combine(dir, fileName);
                    if (!File.Exists(shardPath))
                        throw new InvalidDataException($"{full}: weight_map names shard '{fileName}' (for '{name}') but {shardPath} does not exist");
                    file = SafetensorsFile.Open(shardPath);
                    byFile[fileName] = file;
                    files.Add(file);
                }
                if (!file.Contains(name))
                    throw new InvalidDataException($"{full}: weight_map puts '{name}' in '{fileName}' but that shard has no such tensor");
                shardOf[name] = file;
            }
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
        return new ShardedSafetensors(full, map.Select(p => p.Key).ToList(), shardOf, files);
    }

    private static List<KeyValuePair<string, string>> ReadWeightMap(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: bad index: invalid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj || obj["weight_map"] is not JsonObject weightMap)
            throw new InvalidDataException($"{path}: bad index: missing object 'weight_map'");
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in weightMap)
        {
            if (value is not JsonValue v || !v.TryGetValue(out string? file) || string.IsNullOrEmpty(file))
                throw new InvalidDataException($"{path}: bad index: weight_map['{name}'] must be a file name");
            if (Path.IsPathRooted(file) || file.Contains("..", StringComparison.Ordinal))
                throw new InvalidDataException($"{path}: bad index: weight_map['{name}'] = '{file}' points outside the checkpoint directory");
            result.Add(new(name, file));
        }
        return result;
    }

    /// <inheritdoc />
    public long[] Shape(string name) => Entry(name).Shape;

    /// <inheritdoc />
    public bool Contains(string name) => _shardOf.ContainsKey(name);

    /// <inheritdoc />
    public SafetensorsEntry Entry(string name) => Shard(name).Entry(name);

    /// <inheritdoc />
    public torch.Tensor Load(string name, torch.ScalarType? dtype = null, torch.Device? device = null) =>
        Shard(name).Load(name, dtype, device);

    private SafetensorsFile Shard(string name) =>
        _shardOf.TryGetValue(name, out var f) ? f : throw new InvalidDataException($"{IndexPath}: no tensor named '{name}' in weight_map");

    /// <summary>
    /// Writes tensors into <paramref name="directory"/>: one <c>{baseName}.safetensors</c> when their total size is at
    /// most <paramref name="maxShardBytes"/>, otherwise <c>{baseName}-00001-of-0000N.safetensors</c> shards (filled
    /// greedily in the given order; a tensor larger than the limit gets a shard of its own) plus
    /// <c>{baseName}.safetensors.index.json</c>. Every file is written atomically. <paramref name="dtype"/> converts
    /// floating-point tensors as in <see cref="SafetensorsFile.Write"/>. Returns the file names written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IEnumerable<(string Name, torch.Tensor T)> tensors, long maxShardBytes,
        IReadOnlyDictionary<string, string>? metadata = null, string baseName = "model", torch.ScalarType? dtype = null)
    {
        if (maxShardBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxShardBytes), maxShardBytes, "must be positive");
        var list = tensors.ToList();
        SafetensorsFile.Layout(list, dtype);
        long Bytes((string Name, torch.Tensor T) p) => p.T.numel() * SafetensorsDtype.ElementSize(SafetensorsFile.StoredType(p.Name, p.T, dtype));
        long total = list.Sum(Bytes);
        Directory.CreateDirectory(directory);
        if (total <= maxShardBytes)
        {
            string single = baseName + ".safetensors";
            SafetensorsFile.Write(Path.Combine(directory, single), list, metadata, dtype);
            return [single];
        }

        var shards = new List<List<(string Name, torch.Tensor T)>>();
        long current = 0;
        foreach (var p in list)
        {
            long size = Bytes(p);
            if (shards.Count == 0 || (current + size > maxShardBytes && current > 0))
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(p);
            current += size;
        }

        var written = new List<string>();
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < shards.Count; i++)
        {
            string name = $"{baseName}-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafetensorsFile.Write(Path.Combine(directory, name), shards[i], metadata, dtype);
            foreach (var p in shards[i]) weightMap[p.Name] = name;
            written.Add(name);
        }

        var index = new JsonObject
        {
            ["metadata"] = new JsonObject { ["total_size"] = total },
            ["weight_map"] = new JsonObject(weightMap.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        string indexName = baseName + ".safetensors.index.json";
        AtomicFile.WriteAllText(Path.Combine(directory, indexName), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        written.Add(indexName);
        return written;
    }

    /// <summary>Closes every shard.</summary>
    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
