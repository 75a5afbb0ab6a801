using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AbsoluteZero.Sandbox.Runner;

/// <summary>Thrown by the instrumentation when a program exceeds its step, allocation or wall-clock budget.</summary>
public sealed class BudgetExceededException(string message, bool memory) : Exception(message)
{
    /// <summary>True for the allocation budget (reported as memory_limit), false for steps/time (timeout).</summary>
    public bool Memory { get; } = memory;
}

/// <summary>
/// The budget the host's instrumentation calls into (<c>__B.T()</c> in loop bodies, <c>__B.E()</c> at method entry,
/// <c>__B.F(e)</c> as every catch filter). It lives in the runner's own non-collectible assembly because plain statics
/// here are several times cheaper than statics in a collectible batch assembly; plain (not thread-static) fields are
/// safe because one program runs at a time and programs cannot start threads.
/// </summary>
public static class __B
{
    private const int Chunk = 1024;
    private static int s_count = Chunk;
    private static long s_steps;
    private static long s_stepBudget = long.MaxValue;
    private static long s_allocStart;
    private static long s_allocBudget = long.MaxValue;
    private static long s_deadline = long.MaxValue;
    private static BudgetExceededException? s_tripped;

    /// <summary>Arms the budget for the next program (called by the runner on the program's thread).</summary>
    public static void Reset(long stepBudget, long allocBudget, TimeSpan wallClock)
    {
        s_count = Chunk;
        s_steps = 0;
        s_stepBudget = stepBudget;
        s_allocStart = GC.GetAllocatedBytesForCurrentThread();
        s_allocBudget = allocBudget;
        s_deadline = Stopwatch.GetTimestamp() + (long)(wallClock.TotalSeconds * Stopwatch.Frequency);
        s_tripped = null;
    }

    /// <summary>A step: loop bodies, gotos and lambda bodies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void T()
    {
        if (--s_count <= 0) Refill();
    }

    /// <summary>Method entry: a stack-depth guard plus a step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void E()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (--s_count <= 0) Refill();
    }

    /// <summary>Catch filter: budget, stack and out-of-memory exceptions can never be swallowed by user code.</summary>
    public static bool F(Exception e) =>
        e is not (BudgetExceededException or InsufficientExecutionStackException or OutOfMemoryException);

    private static void Refill()
    {
        if (s_tripped is not null) throw s_tripped;
        s_steps += Chunk - s_count;
        s_count = Chunk;
        if (s_steps > s_stepBudget)
            s_tripped = new BudgetExceededException($"step budget of {s_stepBudget} exceeded", memory: false);
        else if (GC.GetAllocatedBytesForCurrentThread() - s_allocStart > s_allocBudget)
            s_tripped = new BudgetExceededException($"allocation budget of {s_allocBudget / (1024 * 1024)} MiB exceeded", memory: true);
        else if (Stopwatch.GetTimestamp() > s_deadline)
            s_tripped = new BudgetExceededException("wall-clock limit exceeded", memory: false);
        if (s_tripped is not null)
        {
            s_count = 0;
            throw s_tripped;
        }
    }
}
