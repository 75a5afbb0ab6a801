using System.Runtime.InteropServices;
using System.Text;

namespace AbsoluteZero.Model.Runtime;

/// <summary>
/// Minimal NVML (the NVIDIA driver's management library) bindings: device names, memory, and per-process memory use.
/// TorchSharp exposes no CUDA memory API, so benchmarks read peak GPU memory through this instead.
/// Every call degrades to "nothing known" when the driver library is absent.
/// </summary>
public static class Nvml
{
    private delegate int InitFn();
    private delegate int GetHandleFn(uint index, out IntPtr device);
    private delegate int GetNameFn(IntPtr device, byte[] name, uint length);
    private delegate int GetMemoryFn(IntPtr device, out MemoryInfo memory);
    private delegate int GetCountFn(out uint count);
    private delegate int GetProcessesFn(IntPtr device, ref uint count, [Out] ProcessInfo[]? infos);

    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryInfo { public ulong Total, Free, Used; }

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessInfo { public uint Pid; public ulong UsedGpuMemory; public uint GpuInstanceId, ComputeInstanceId; }

    private static readonly Lazy<IntPtr> Library = new(() =>
    {
        if (!NativeLibrary.TryLoad("libnvidia-ml.so.1", out var handle)) return IntPtr.Zero;
        return Call<InitFn>(handle, "nvmlInit_v2")?.Invoke() == 0 ? handle : IntPtr.Zero;
    });

    private static T? Call<T>(IntPtr lib, string name) where T : Delegate =>
        lib != IntPtr.Zero && NativeLibrary.TryGetExport(lib, name, out var fn) ? Marshal.GetDelegateForFunctionPointer<T>(fn) : null;

    /// <summary>All GPUs visible to the driver, or an empty list.</summary>
    public static IReadOnlyList<GpuInfo> Devices()
    {
        var lib = Library.Value;
        var count = Call<GetCountFn>(lib, "nvmlDeviceGetCount_v2");
        var handle = Call<GetHandleFn>(lib, "nvmlDeviceGetHandleByIndex_v2");
        var getName = Call<GetNameFn>(lib, "nvmlDeviceGetName");
        var getMemory = Call<GetMemoryFn>(lib, "nvmlDeviceGetMemoryInfo");
        if (count is null || handle is null || getName is null || getMemory is null || count(out uint n) != 0) return [];
        var result = new List<GpuInfo>();
        for (uint i = 0; i < n; i++)
        {
            if (handle(i, out var device) != 0) continue;
            var buffer = new byte[96];
            string name = getName(device, buffer, (uint)buffer.Length) == 0 ? Encoding.ASCII.GetString(buffer).TrimEnd('\0') : "unknown";
            getMemory(device, out var memory);
            result.Add(new GpuInfo((int)i, name, (long)memory.Total, (long)memory.Free));
        }
        return result;
    }

    /// <summary>GPU memory this process currently holds on device <paramref name="index"/> (bytes), or null if unknown.</summary>
    public static long? ProcessMemoryBytes(int index = 0)
    {
        var lib = Library.Value;
        var handle = Call<GetHandleFn>(lib, "nvmlDeviceGetHandleByIndex_v2");
        var processes = Call<GetProcessesFn>(lib, "nvmlDeviceGetComputeRunningProcesses_v3")
                        ?? Call<GetProcessesFn>(lib, "nvmlDeviceGetComputeRunningProcesses_v2");
        if (handle is null || processes is null || handle((uint)index, out var device) != 0) return null;
        uint count = 0;
        processes(device, ref count, null);
        if (count == 0) return 0;
        var infos = new ProcessInfo[count + 8];
        count = (uint)infos.Length;
        if (processes(device, ref count, infos) != 0) return null;
        int pid = Environment.ProcessId;
        return infos.Take((int)count).Where(p => p.Pid == pid).Select(p => (long)p.UsedGpuMemory).DefaultIfEmpty(0).Sum();
    }
}
