using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;

namespace AbsoluteZero.Sandbox.Runner;

/// <summary>
/// Runs one compiled batch: loads it into a collectible load context and runs its programs one after another on a
/// dedicated thread with a bounded stack, while the calling thread enforces a hard per-program deadline.
/// </summary>
internal static class BatchRunner
{
    /// <summary>Runs the batch, calling <paramref name="reply"/> per program. Returns false when a program hung and the process must exit.</summary>
    public static bool Run(RunnerRequest request, Action<RunnerReply> reply)
    {
        var bytes = Convert.FromBase64String(request.Assembly ?? throw new InvalidDataException("run without assembly"));
        return RunLoaded(bytes, request, reply);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool RunLoaded(byte[] bytes, RunnerRequest request, Action<RunnerReply> reply)
    {
        var context = new AssemblyLoadContext("batch", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(bytes));
            var results = new BlockingCollection<RunnerReply>();
            var started = new BlockingCollection<int>();
            var worker = new Thread(() =>
            {
                foreach (var program in request.Programs)
                {
                    started.Add(program.Index);
                    results.Add(RunOne(assembly, program, request));
                }
            }, request.StackKb * 1024) { IsBackground = true, Name = "program" };
            worker.Start();
            // The hard deadline is a backstop for loops inside the BCL, which the step budget cannot see.
            var hard = TimeSpan.FromMilliseconds(request.TimeoutMs * 2L + 1000);
            foreach (var program in request.Programs)
            {
                started.Take();
                if (!results.TryTake(out var result, hard))
                {
                    reply(new RunnerReply { Index = program.Index, Status = "timeout", Error = $"hard wall-clock limit of {hard.TotalMilliseconds:F0} ms exceeded" });
                    return false;
                }
                reply(result);
            }
            worker.Join();
            return true;
        }
        finally
        {
            context.Unload();
        }
    }

    private static RunnerReply RunOne(Assembly assembly, RunnerProgram program, RunnerRequest request)
    {
        var capture = program.Main ? new BoundedWriter(request.OutputLimit) : null;
        try
        {
            var type = assembly.GetType(program.Type, throwOnError: true)!;
            var method = type.GetMethod(program.Method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new MissingMethodException(program.Type, program.Method);
            if (capture is not null) Console.SetOut(capture);
            __B.Reset(request.StepBudget, request.AllocBudget, TimeSpan.FromMilliseconds(request.TimeoutMs));
            if (program.Main)
            {
                var args = method.GetParameters().Length == 1 ? new object?[] { Array.Empty<string>() } : null;
                object? code = Invoke(method, args);
                int exit = code is int c ? c : 0;
                return new RunnerReply
                {
                    Index = program.Index, Status = exit == 0 ? "ok" : "runtime_error", ExitCode = exit, Stdout = capture!.ToString(),
                    Error = exit == 0 ? null : $"Main returned exit code {exit}",
                };
            }
            var run = method.CreateDelegate<Func<object?>>();
            var value = run();
            return new RunnerReply { Index = program.Index, Status = "ok", Output = ValueFormatter.Format(value, request.OutputLimit) };
        }
        catch (Exception e)
        {
            var failure = Classify(e);
            return failure with { Index = program.Index, Stdout = capture?.ToString() };
        }
        finally
        {
            __B.Reset(long.MaxValue, long.MaxValue, TimeSpan.FromDays(1));
            if (capture is not null) Console.SetOut(TextWriter.Null);
        }
    }

    private static object? Invoke(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Maps an exception escaping a program to a status; wrapper exceptions are unwrapped to their cause.</summary>
    internal static RunnerReply Classify(Exception e)
    {
        var root = e;
        while (root is TypeInitializationException or TargetInvocationException && root.InnerException is not null)
            root = root.InnerException;
        return root switch
        {
            BudgetExceededException b => new RunnerReply { Status = b.Memory ? "memory_limit" : "timeout", Error = b.Message },
            OutOfMemoryException => new RunnerReply { Status = "memory_limit", Error = "out of memory (heap limit)" },
            InsufficientExecutionStackException => new RunnerReply { Status = "crash", Error = "stack overflow: recursion too deep" },
            OutputRejectedException o => new RunnerReply { Status = "output_limit", Error = o.Message },
            _ => new RunnerReply { Status = "runtime_error", Error = OneLine($"{root.GetType().Name}: {root.Message}") },
        };
    }

    private static string OneLine(string text)
    {
        var s = text.ReplaceLineEndings(" ");
        return s.Length > 500 ? s[..500] + "..." : s;
    }

    /// <summary>Captures a complete program's stdout up to a character limit, dropping the rest.</summary>
    private sealed class BoundedWriter(int limit) : TextWriter
    {
        private readonly StringBuilder _text = new();
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value)
        {
            if (_text.Length < limit) _text.Append(value);
        }
        public override void Write(string? value)
        {
            if (value is null || _text.Length >= limit) return;
            _text.Append(value.Length <= limit - _text.Length ? value : value[..(limit - _text.Length)]);
        }
        public override string ToString() => _text.ToString();
    }
}
