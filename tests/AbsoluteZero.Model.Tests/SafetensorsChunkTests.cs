using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

/// <summary>Runs alone: it shrinks the copy piece size that every safetensors read and write uses.</summary>
[CollectionDefinition(nameof(SafetensorsChunkTests), DisableParallelization = true)]
public sealed class SafetensorsChunkCollection;

[Collection(nameof(SafetensorsChunkTests))]
public class SafetensorsChunkTests
{
    [Fact]
    public void TensorsLargerThanOneCopyPieceRoundTrip()
    {
        TorchRuntime.Initialize();
        long saved = SafetensorsFile.ChunkBytes;
        SafetensorsFile.ChunkBytes = 100; // 25 floats, 50 bf16 values per piece: uneven last pieces
        try
        {
            using var dir = new TempDir();
            using var scope = NewDisposeScope();
            var g = new TorchSharp.torch.Generator(5);
            var a = randn(new long[] { 37, 11 }, generator: g);
            var b = randn(new long[] { 3, 333 }, generator: g).to_type(ScalarType.BFloat16);
            SafetensorsFile.Write(dir.File("c.safetensors"), [("a", a), ("b", b)]);
            var back = SafetensorsFile.Read(dir.File("c.safetensors"));
            Assert.True(SafetensorsTests.Same(a, back["a"]));
            Assert.True(SafetensorsTests.Same(b, back["b"]));
        }
        finally
        {
            SafetensorsFile.ChunkBytes = saved;
        }
    }
}
