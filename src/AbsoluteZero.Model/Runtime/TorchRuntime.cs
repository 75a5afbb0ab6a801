using System.Reflection;
using System.Runtime.InteropServices;
using AbsoluteZero.NativeSupport;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace AbsoluteZero.Model.Runtime;

/// <summary>
/// The one place where libtorch gets loaded. Call <see cref="Initialize"/> before any other TorchSharp use.
/// <para>
/// Which libtorch: <c>AZR_LIBTORCH</c> names a directory holding <c>libtorch_cpu.so</c> (e.g. a PyTorch install's
/// <c>torch/lib</c>), or <c>bundled</c> (TorchSharp-cpu's copy), or <c>python</c> (ask <c>python3</c> where torch is),
/// or is unset (<c>auto</c>: the bundled copy when the build has one, else python3's torch).
/// </para>
/// <para>
/// Why explicit loading: TorchSharp's own loader swallows the real <c>dlopen</c> error and reports a misleading
/// "doesn't contain a reference to libtorch-cpu-linux-x64". Loading the libraries ourselves first surfaces the real
/// cause, lets an installed PyTorch supply libtorch (and <c>libtorch_cuda.so</c>, whose static initialisers register
/// CUDA), and tells us exactly which files were loaded.
/// </para>
/// </summary>
public static class TorchRuntime
{
    /// <summary>Environment variable selecting the libtorch to load.</summary>
    public const string LibTorchVariable = "AZR_LIBTORCH";

    private static readonly object Gate = new();
    private static LibTorchInfo? _info;

    /// <summary>The result of the last successful <see cref="Initialize"/>, or null.</summary>
    public static LibTorchInfo? Current => _info;

    /// <summary>Loads libtorch once per process and describes it. Throws <see cref="TorchLoadException"/> on failure.</summary>
    public static LibTorchInfo Initialize()
    {
        lock (Gate)
        {
            if (_info is not null) return _info;
            _info = Load();
            Log.Information("libtorch {Version} ({Source}) from {Path}; CUDA {Cuda}", _info.Version, _info.Source,
                _info.LibTorchCpuPath ?? "?", _info.CudaAvailable ? $"yes, {_info.Gpus.Count} device(s)" : "no");
            return _info;
        }
    }

    /// <summary>Parses a device string (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>) into a device.</summary>
    public static Device ResolveDevice(string spec)
    {
        var info = Initialize();
        var s = spec.Trim().ToLowerInvariant();
        if (s == "auto") return info.CudaAvailable ? CUDA : CPU;
        if (s.StartsWith("cuda", StringComparison.Ordinal) && !info.CudaAvailable)
            throw new TorchLoadException($"device '{spec}' requested but CUDA is not available with the loaded libtorch ({info.LibTorchCpuPath}). " +
                                         $"Use an external libtorch with CUDA: set {LibTorchVariable} to a PyTorch install's torch/lib directory " +
                                         "and build with -p:AzrLibTorch=external.");
        try
        {
            return torch.device(s);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new TorchLoadException($"'{spec}' is not a device (expected auto, cpu, cuda or cuda:N)");
        }
    }

    private static LibTorchInfo Load()
    {
        string baseDir = AppContext.BaseDirectory;
        string flavor = typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AzrLibTorchFlavor")?.Value ?? "cpu";
        string requested = Environment.GetEnvironmentVariable(LibTorchVariable)?.Trim() is { Length: > 0 } v ? v : "auto";

        string? bundledDir = FindBundledDir(baseDir);
        string? shim = FindShim(baseDir);
        string source;
        string? libDir;
        switch (requested.ToLowerInvariant())
        {
            case "bundled":
                libDir = bundledDir ?? throw new TorchLoadException(
                    $"{LibTorchVariable}=bundled, but this build has no bundled libtorch (it was built with AzrLibTorch={flavor}).");
                source = "bundled TorchSharp-cpu";
                break;
            case "auto" when bundledDir is not null:
                libDir = bundledDir;
                source = "bundled TorchSharp-cpu";
                break;
            case "auto":
            case "python":
                libDir = PythonTorchLibDir() ?? throw new TorchLoadException(
                    "no libtorch found: this build bundles none (AzrLibTorch=external) and `python3 -c \"import torch\"` failed. " +
                    $"Set {LibTorchVariable} to a directory holding libtorch_cpu.so (e.g. a PyTorch install's torch/lib).");
                source = "python3 torch";
                break;
            default:
                libDir = Path.GetFullPath(requested);
                if (!File.Exists(Path.Combine(libDir, "libtorch_cpu.so")) && !File.Exists(Path.Combine(libDir, "torch_cpu.dll")))
                    throw new TorchLoadException($"{LibTorchVariable}={requested}: no libtorch_cpu.so in {libDir}");
                source = $"{LibTorchVariable}";
                break;
        }

        if (OperatingSystem.IsLinux()) PatchShims(baseDir);

        bool external = libDir != bundledDir;
        var cudaNotes = new List<string>();
        if (OperatingSystem.IsLinux())
        {
            // Order matters: dependencies first, so each later dlopen finds its NEEDED libraries already loaded by soname.
            foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
                LoadOrThrow(Path.Combine(libDir, name), required: name != "libtorch.so");
            foreach (var name in new[] { "libc10_cuda.so", "libtorch_cuda.so" })
            {
                string path = Path.Combine(libDir, name);
                if (!File.Exists(path)) continue;
                if (!NativeLibrary.TryLoad(path, out _)) cudaNotes.Add($"{name} present but failed to load: {DlError(path)}");
            }
            if (shim is null)
                throw new TorchLoadException($"libLibTorchSharp.so not found next to the application ({baseDir}); is the TorchSharp package referenced?");
            LoadOrThrow(shim, required: true);
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e)
        {
            throw new TorchLoadException($"TorchSharp could not initialise libtorch from {libDir}: {e.Message}", e);
        }

        bool cuda = false;
        try { cuda = torch.cuda.is_available(); }
        catch (Exception e) { cudaNotes.Add("CUDA initialisation failed: " + e.Message); }

        var gpus = cuda ? Nvml.Devices() : [];
        string version = external ? ExternalVersion(libDir) : BundledVersion();
        var maps = LoadedPaths();
        return new LibTorchInfo(
            Source: source,
            Flavor: flavor,
            LibTorchDir: libDir,
            LibTorchCpuPath: maps.FirstOrDefault(p => p.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)) ?? Path.Combine(libDir, "libtorch_cpu.so"),
            LibTorchSharpPath: maps.FirstOrDefault(p => p.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal)) ?? shim,
            Version: version,
            CudaAvailable: cuda,
            CudaDeviceCount: cuda ? torch.cuda.device_count() : 0,
            Gpus: gpus,
            Bf16Cpu: ProbeBf16(CPU),
            Bf16Cuda: cuda && ProbeBf16(CUDA),
            Notes: cudaNotes);
    }

    private static void LoadOrThrow(string path, bool required)
    {
        if (!File.Exists(path))
        {
            if (required) throw new TorchLoadException($"missing native library {path}");
            return;
        }
        if (!NativeLibrary.TryLoad(path, out _))
            throw new TorchLoadException($"cannot load {path}: {DlError(path)}");
    }

    /// <summary>The loader's own error message for <paramref name="path"/> (NativeLibrary.Load carries dlerror()).</summary>
    private static string DlError(string path)
    {
        try
        {
            NativeLibrary.Load(path);
            return "(loaded on retry)";
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
        catch (BadImageFormatException e)
        {
            return e.Message;
        }
    }

    private static string? FindBundledDir(string baseDir)
    {
        foreach (var dir in new[] { Path.Combine(baseDir, "runtimes", RidFolder(), "native"), baseDir })
            if (File.Exists(Path.Combine(dir, "libtorch_cpu.so"))) return dir;
        return null;
    }

    private static string? FindShim(string baseDir)
    {
        foreach (var dir in new[] { Path.Combine(baseDir, "runtimes", RidFolder(), "native"), baseDir })
        {
            string path = Path.Combine(dir, "libLibTorchSharp.so");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static string RidFolder() => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>Re-applies the libstdc++ compatibility patch to every shim TorchSharp might load (see ElfVersionPatcher).</summary>
    private static void PatchShims(string baseDir)
    {
        var candidates = new List<string>();
        if (FindShim(baseDir) is { } shim) candidates.Add(shim);
        string fallback = Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? baseDir, "cpu", "libLibTorchSharp.so");
        if (File.Exists(fallback)) candidates.Add(fallback);
        foreach (var path in candidates)
        {
            try
            {
                var outcome = ElfVersionPatcher.PatchForThisSystem(path);
                if (outcome == ElfPatchOutcome.Patched) Log.Information("Patched {Path} for this system's libstdc++", path);
            }
            catch (UnauthorizedAccessException e)
            {
                Log.Warning("Cannot patch {Path} ({Message}); loading may fail on this libstdc++", path, e.Message);
            }
            catch (IOException e)
            {
                Log.Warning("Cannot patch {Path} ({Message}); loading may fail on this libstdc++", path, e.Message);
            }
            catch (InvalidOperationException e)
            {
                throw new TorchLoadException(e.Message, e);
            }
        }
    }

    private static string? PythonTorchLibDir()
    {
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("python3", ["-c", "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = System.Diagnostics.Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(true); return null; }
            return p.ExitCode == 0 && Directory.Exists(output) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no python3 on PATH
        }
    }

    private static string BundledVersion() =>
        typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AzrBundledLibTorchVersion")?.Value ?? "unknown";

    /// <summary>Reads the version of an external libtorch: torch/version.py (PyTorch) or build-version (libtorch zip).</summary>
    internal static string ExternalVersion(string libDir)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(libDir).TrimEnd('/'))!;
        string versionPy = Path.Combine(parent, "version.py");
        if (File.Exists(versionPy))
        {
            foreach (var line in File.ReadLines(versionPy))
            {
                var t = line.Trim();
                if (t.StartsWith("__version__", StringComparison.Ordinal))
                {
                    int q = t.IndexOfAny(['\'', '"']);
                    if (q >= 0) return t[(q + 1)..].TrimEnd('\'', '"', ' ');
                }
            }
        }
        string buildVersion = Path.Combine(parent, "build-version");
        if (File.Exists(buildVersion)) return File.ReadAllText(buildVersion).Trim();
        return "unknown";
    }

    private static List<string> LoadedPaths()
    {
        try
        {
            if (!File.Exists("/proc/self/maps")) return [];
            return File.ReadLines("/proc/self/maps")
                .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
                .Where(p => p.Contains(".so", StringComparison.Ordinal))
                .Distinct()
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static bool ProbeBf16(Device device)
    {
        try
        {
            using var scope = NewDisposeScope();
            var a = ones(8, 8, dtype: ScalarType.BFloat16, device: device);
            return a.matmul(a).sum().to(ScalarType.Float32).item<float>() == 512f;
        }
        catch (Exception)
        {
            return false;
        }
    }
}

/// <summary>What <see cref="TorchRuntime.Initialize"/> loaded.</summary>
/// <param name="Source">How the libtorch was chosen (bundled, python3 torch, AZR_LIBTORCH).</param>
/// <param name="Flavor">The build's AzrLibTorch setting (cpu or external).</param>
/// <param name="LibTorchDir">Directory the libtorch libraries came from.</param>
/// <param name="LibTorchCpuPath">Full path of the loaded libtorch_cpu.so.</param>
/// <param name="LibTorchSharpPath">Full path of the loaded TorchSharp native shim.</param>
/// <param name="Version">libtorch version as reported by the files next to it.</param>
/// <param name="CudaAvailable">Whether CUDA devices can be used.</param>
/// <param name="CudaDeviceCount">Number of CUDA devices.</param>
/// <param name="Gpus">Name and memory of each GPU (from NVML).</param>
/// <param name="Bf16Cpu">Whether a bf16 matmul ran on the CPU.</param>
/// <param name="Bf16Cuda">Whether a bf16 matmul ran on the first GPU.</param>
/// <param name="Notes">Non-fatal problems (e.g. a CUDA library that failed to load).</param>
public sealed record LibTorchInfo(
    string Source, string Flavor, string LibTorchDir, string? LibTorchCpuPath, string? LibTorchSharpPath, string Version,
    bool CudaAvailable, int CudaDeviceCount, IReadOnlyList<GpuInfo> Gpus, bool Bf16Cpu, bool Bf16Cuda, IReadOnlyList<string> Notes);

/// <summary>One GPU as NVML reports it.</summary>
public sealed record GpuInfo(int Index, string Name, long TotalBytes, long FreeBytes);

/// <summary>libtorch could not be loaded; the message carries the real cause.</summary>
public sealed class TorchLoadException(string message, Exception? inner = null) : Exception(message, inner);
