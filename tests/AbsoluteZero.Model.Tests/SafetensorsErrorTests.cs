using System.Text;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

public class SafetensorsErrorTests
{
    public SafetensorsErrorTests() => TorchRuntime.Initialize();

    private static string Raw(TempDir dir, string json, int dataBytes, long? declaredLength = null)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)(declaredLength ?? Encoding.UTF8.GetByteCount(json))));
        bytes.AddRange(Encoding.UTF8.GetBytes(json));
        bytes.AddRange(new byte[dataBytes]);
        string path = dir.File($"f{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    private static InvalidDataException Fails(string path, params string[] fragments)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.Contains(path, e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    [Fact]
    public void TruncatedDataNamesFileAndTensor()
    {
        using var dir = new TempDir();
        string path = dir.File("t.safetensors");
        SafetensorsFile.Write(path, [("big", ones(64)), ("small", ones(2))]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Fails(path, "truncated", "'small'");

        File.WriteAllBytes(path, bytes[..5]);
        Fails(path, "truncated");
    }

    [Fact]
    public void BadHeadersAreRejected()
    {
        using var dir = new TempDir();
        Fails(Raw(dir, "{\"a\":", 0), "bad header", "invalid JSON");
        Fails(Raw(dir, "[1, 2]", 0), "bad header");
        Fails(Raw(dir, "{}", 0, declaredLength: 1L << 40), "bad header", "exceeds");
        Fails(Raw(dir, "{}", 0, declaredLength: 4096), "truncated");
        Fails(Raw(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "'a'", "data_offsets");
        Fails(Raw(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "'a'", "shape");
        Fails(Raw(dir, "{\"__metadata__\":{\"n\":1}}", 0), "__metadata__.n");
    }

    [Fact]
    public void UnknownAndUnsupportedDtypesNameTheTensor()
    {
        using var dir = new TempDir();
        Fails(Raw(dir, "{\"w\":{\"dtype\":\"F12\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "'w'", "unknown dtype 'F12'");
        Fails(Raw(dir, "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2), "'w'", "unsupported dtype 'F8_E4M3'");
    }

    [Fact]
    public void ShapeSizeMismatchGapsAndOverlapsAreRejected()
    {
        using var dir = new TempDir();
        Fails(Raw(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "'w'", "shape/size mismatch", "[3]");
        Fails(Raw(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
            "'b'", "overlap");
        Fails(Raw(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "'a'", "gap");
        Fails(Raw(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12), "not described");
    }

    [Fact]
    public void MissingTensorAndFileAreNamed()
    {
        using var dir = new TempDir();
        string path = dir.File("m.safetensors");
        SafetensorsFile.Write(path, [("a", ones(1))]);
        using var file = SafetensorsFile.Open(path);
        var e = Assert.Throws<InvalidDataException>(() => file.Load("nope"));
        Assert.Contains("'nope'", e.Message);
        Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Open(dir.File("absent.safetensors")));
    }
}
