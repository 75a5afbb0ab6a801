using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void LoadsLibTorchAndRunsRealTensorOps()
    {
        var info = TorchRuntime.Initialize();
        Assert.True(File.Exists(info.LibTorchCpuPath), $"loaded libtorch_cpu.so should exist: {info.LibTorchCpuPath}");
        Assert.False(string.IsNullOrEmpty(info.Version));

        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = a.matmul(a.T);              // [[5, 11], [11, 25]]
        Assert.Equal(new float[] { 5, 11, 11, 25 }, b.data<float>().ToArray());

        var x = randn(2, 4, 8, 16, generator: new TorchSharp.torch.Generator(7));
        var y = nn.functional.scaled_dot_product_attention(x, x, x, is_casual: true);
        Assert.Equal(x.shape, y.shape);

        var w = ones(3, requires_grad: true);
        (w * w).sum().backward();
        Assert.Equal(new float[] { 2, 2, 2 }, w.grad!.data<float>().ToArray());
        Assert.True(info.Bf16Cpu);
    }

    [Fact]
    public void DeviceStringsResolve()
    {
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        if (!TorchRuntime.Initialize().CudaAvailable)
        {
            Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice("auto").type);
            var e = Assert.Throws<TorchLoadException>(() => TorchRuntime.ResolveDevice("cuda"));
            Assert.Contains("CUDA is not available", e.Message);
        }
        Assert.Throws<TorchLoadException>(() => TorchRuntime.ResolveDevice("tpu"));
    }

    [Fact]
    public void ExternalVersionReadsPythonTorchLayout()
    {
        var root = Directory.CreateTempSubdirectory("azr-torch-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "lib"));
            File.WriteAllText(Path.Combine(root, "version.py"), "from typing import Optional\n__version__ = '2.11.0+cu130'\ncuda = '13.0'\n");
            Assert.Equal("2.11.0+cu130", TorchRuntime.ExternalVersion(Path.Combine(root, "lib")));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
