using System.Buffers.Binary;
using System.Text;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

public class SafetensorsTests
{
    public SafetensorsTests() => TorchRuntime.Initialize();

    private static Tensor Random(ScalarType type, params long[] shape)
    {
        var g = new TorchSharp.torch.Generator(11);
        return type switch
        {
            ScalarType.Bool => randint(0, 2, shape, generator: g).to_type(ScalarType.Bool),
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 =>
                randint(-100, 100, shape, generator: g).to_type(type).abs(),
            _ => randn(shape, generator: g).to_type(type),
        };
    }

    internal static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && (a.numel() == 0 || a.to_type(ScalarType.Float64).eq(b.to_type(ScalarType.Float64)).all().item<bool>());

    [Fact]
    public void EveryDtypeRoundTripsExactlyWithMetadataAndAlignment()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var types = new[] { ScalarType.Float64, ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64,
            ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool };
        // Odd sizes first so that a naive writer would misalign the wider types after them.
        var tensors = types.Reverse().Select((t, i) => ($"t.{t}", Random(t, 3, 5 + i))).ToList();
        tensors.Add(("scalar", tensor(2.5f)));
        tensors.Add(("empty", zeros(0, 4)));
        string path = dir.File("all.safetensors");
        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" });

        using var file = SafetensorsFile.Open(path);
        Assert.Equal(tensors.Select(p => p.Item1).Order(), file.Names.Order());
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("ünïcode", file.Metadata["note"]);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(System.IO.File.ReadAllBytes(path).AsSpan(0, 8));
        Assert.Equal(0, (8 + headerLength) % 8);
        foreach (var e in file.Entries)
            Assert.Equal(0, e.Begin % SafetensorsDtype.ElementSize(e.ScalarType));

        foreach (var (name, t) in tensors)
        {
            using var back = file.Load(name);
            Assert.Equal(t.dtype, back.dtype);
            Assert.Equal(t.shape, back.shape);
            Assert.True(Same(t, back), name);
        }
        Assert.Equal(new long[] { 0, 4 }, file.Shape("empty"));
        Assert.Empty(file.Shape("scalar"));
    }

    [Fact]
    public void LoadConvertsToTheRequestedDtype()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var w = Random(ScalarType.BFloat16, 4, 8);
        SafetensorsFile.Write(dir.File("w.safetensors"), [("w", w)]);
        var all = SafetensorsFile.Read(dir.File("w.safetensors"), ScalarType.Float32, CPU);
        Assert.Equal(ScalarType.Float32, all["w"].dtype);
        Assert.True(Same(all["w"], w.to_type(ScalarType.Float32)));
    }

    [Fact]
    public void LoadIntoCopiesIntoAnExistingParameterAndChecksTheShape()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var w = Random(ScalarType.BFloat16, 4, 8);
        SafetensorsFile.Write(dir.File("w.safetensors"), [("w", w)]);
        using var file = SafetensorsFile.Open(dir.File("w.safetensors"));
        var param = new TorchSharp.Modules.Parameter(zeros(4, 8));
        file.LoadInto("w", param);
        Assert.True(Same(param.detach(), w.to_type(ScalarType.Float32)));
        var e = Assert.Throws<InvalidDataException>(() => file.LoadInto("w", zeros(8, 4)));
        Assert.Contains("'w'", e.Message);
    }

    [Fact]
    public void ReadsAHandWrittenFileInTheReferenceLayout()
    {
        // The layout the reference writer produces: header JSON padded with spaces to 8 bytes, then raw little-endian data.
        using var dir = new TempDir();
        string json = "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[8,16]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while ((8 + Encoding.UTF8.GetByteCount(json)) % 8 != 0) json += " ";
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(json)));
        bytes.AddRange(Encoding.UTF8.GetBytes(json));
        bytes.AddRange(BitConverter.GetBytes(1.5f));
        bytes.AddRange(BitConverter.GetBytes(-2f));
        bytes.AddRange(BitConverter.GetBytes(7));
        bytes.AddRange(BitConverter.GetBytes(-9));
        System.IO.File.WriteAllBytes(dir.File("x.safetensors"), bytes.ToArray());

        var all = SafetensorsFile.Read(dir.File("x.safetensors"));
        Assert.Equal(new[] { 1.5f, -2f }, all["a"].data<float>().ToArray());
        Assert.Equal(new[] { 7, -9 }, all["b"].data<int>().ToArray());
    }

    [Fact]
    public void WriteIsAtomicAndLeavesNoTemporaryFiles()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        string path = dir.File("m.safetensors");
        SafetensorsFile.Write(path, [("a", ones(3))]);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Write(path, [("a", ones(3)), ("a", ones(2))]));
        Assert.Equal(new[] { "m.safetensors" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(new long[] { 3 }, SafetensorsFile.Open(path).Shape("a"));
    }

    [Fact]
    public void ShardsAboveTheLimitAndReadsThemBackThroughTheIndex()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var tensors = Enumerable.Range(0, 5).Select(i => ($"layer.{i}.weight", Random(ScalarType.Float32, 16, 16) + i)).ToList();
        var written = ShardedSafetensors.Write(dir.Path, tensors, maxShardBytes: 2 * 16 * 16 * 4, new Dictionary<string, string> { ["format"] = "pt" });
        Assert.Equal(new[] { "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors",
            ShardedSafetensors.IndexFileName }, written);
        string index = System.IO.File.ReadAllText(dir.File(ShardedSafetensors.IndexFileName));
        Assert.Contains("\"total_size\": 5120", index);

        using var reader = ShardedSafetensors.Open(dir.File(ShardedSafetensors.IndexFileName));
        Assert.Equal(3, reader.ShardPaths.Count);
        foreach (var (name, t) in tensors)
        {
            using var back = reader.Load(name);
            Assert.True(Same(back, t), name);
        }

        var single = ShardedSafetensors.Write(Path.Combine(dir.Path, "one"), tensors, maxShardBytes: 1L << 30);
        Assert.Equal(new[] { "model.safetensors" }, single);
    }

    [Fact]
    public void IndexErrorsNameTheIndexShardAndTensor()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        SafetensorsFile.Write(dir.File("s1.safetensors"), [("a", ones(2))]);
        string index = dir.File("model.safetensors.index.json");
        System.IO.File.WriteAllText(index, "{\"weight_map\": {\"a\": \"s1.safetensors\", \"b\": \"s1.safetensors\"}}");
        var e = Assert.Throws<InvalidDataException>(() => ShardedSafetensors.Open(index));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("s1.safetensors", e.Message);

        System.IO.File.WriteAllText(index, "{\"weight_map\": {\"a\": \"s2.safetensors\"}}");
        e = Assert.Throws<InvalidDataException>(() => ShardedSafetensors.Open(index));
        Assert.Contains("s2.safetensors", e.Message);

        System.IO.File.WriteAllText(index, "{\"metadata\": {}}");
        e = Assert.Throws<InvalidDataException>(() => ShardedSafetensors.Open(index));
        Assert.Contains("weight_map", e.Message);
    }
}
