using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AbsoluteZero.Execution.Diagnostics;

/// <summary>
/// CPU time consumed by the calling thread, in ticks of 100 ns. Stage timings use it instead of wall time because on a
/// shared, loaded machine a stage's wall time mostly measures how long the thread waited for a core.
/// </summary>
internal static class CpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    private static readonly bool Available = Probe();

    /// <summary>True when thread CPU time is measured; false means the timings fall back to wall time.</summary>
    public static bool MeasuresCpu => Available;

    /// <summary>The calling thread's CPU time so far (or a wall-clock timestamp where the OS call is missing).</summary>
    public static long ThreadTicks()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100;
        return Stopwatch.GetElapsedTime(0).Ticks;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
