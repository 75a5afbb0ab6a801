using System.CommandLine;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Config;
using AbsoluteZero.Model.Runtime;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Commands.Policy;

/// <summary>Shared option parsing for commands that run the policy model (generate, benchmarks).</summary>
internal static class PolicyModels
{
    /// <summary>The `--model` value that means "random tiny model + embedded tiny tokenizer".</summary>
    public const string TinyPreset = "preset:tiny";

    /// <summary>Resolves `--device` (auto, cpu, cuda, cuda:N).</summary>
    public static Device ParseDevice(string spec) => TorchRuntime.ResolveDevice(spec);

    /// <summary>Resolves `--dtype`: fp32, bf16, or auto (bf16 on CUDA, fp32 on the CPU).</summary>
    public static ScalarType ParseDtype(string spec, Device device) => spec.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => ScalarType.Float32,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        "auto" => device.type == TorchSharp.DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32,
        _ => throw new UsageException($"--dtype '{spec}' is not one of fp32, bf16, auto"),
    };

    /// <summary>Resolves `--shape` (tiny, qwen2.5-0.5b, qwen2.5-7b, qwen3-0.6b).</summary>
    public static ModelConfig ParseShape(string name)
    {
        try
        {
            return ModelConfig.FromShapeName(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--shape: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>A random model of <paramref name="config"/> (benchmarks, the tiny preset).</summary>
    public static CausalLM Random(ModelConfig config, ScalarType dtype, Device device, long seed = 0) =>
        CausalLM.CreateRandom(config, seed, dtype, device);

    /// <summary>The `--threads` option: libtorch's CPU intra-op threads (0 = libtorch's default).</summary>
    public static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "CPU threads for libtorch ops (0 = libtorch's default). 1 avoids OpenMP stalls on a busy shared CPU.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Applies `--threads`.</summary>
    public static void ApplyThreads(int threads)
    {
        if (threads < 0) throw new UsageException($"--threads must be ≥ 0, got {threads}");
        if (threads > 0) set_num_threads(threads);
    }

    /// <summary>Formats bytes as GiB.</summary>
    public static string Gib(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB";

    /// <summary>Waits for queued device work so wall-clock timings are real.</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize();
    }

    /// <summary>The process's GPU memory now (NVML), when on CUDA.</summary>
    public static long? GpuMemory(Device device) => device.type == TorchSharp.DeviceType.CUDA ? Nvml.ProcessMemoryBytes(device.index < 0 ? 0 : device.index) : null;
}
