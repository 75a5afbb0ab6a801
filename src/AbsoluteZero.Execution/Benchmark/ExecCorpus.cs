using System.Globalization;
using AbsoluteZero.Sandbox.Runner;

namespace AbsoluteZero.Execution.Benchmark;

/// <summary>One benchmark/soak program in C# and its Python twin, with what the executor must answer.</summary>
/// <param name="Request">The C# request.</param>
/// <param name="PythonProgram">The equivalent Python program (entry <c>f</c>).</param>
/// <param name="PythonInput">The Python argument list.</param>
/// <param name="ExpectedStatus">The verdict the executor must give.</param>
/// <param name="ExpectedOutput">The canonical output when <paramref name="ExpectedStatus"/> is ok.</param>
public sealed record CorpusProgram(ExecutionRequest Request, string PythonProgram, string PythonInput, Verdict ExpectedStatus, string? ExpectedOutput);

/// <summary>
/// Generates unique programs shaped like self-play tasks (six valid templates, each made unique by a constant) and
/// hostile ones (runaway loops, deep recursion, allocation bombs, forbidden APIs, compile errors, bad inputs, huge
/// outputs, per-process hashing), each with its expected verdict. Deterministic for a seed.
/// </summary>
public static class ExecCorpus
{
    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> programs; <paramref name="hostileFraction"/> of them (spread evenly) hostile.</summary>
    public static IReadOnlyList<CorpusProgram> Generate(int count, double hostileFraction, int seed, string idPrefix = "p")
    {
        var rng = new Random(seed);
        var list = new List<CorpusProgram>(count);
        int hostileEvery = hostileFraction <= 0 ? int.MaxValue : (int)Math.Round(1 / hostileFraction);
        for (int i = 0; i < count; i++)
        {
            var id = idPrefix + S(i);
            int k = seed * 100_003 + i;
            list.Add((i + 1) % hostileEvery == 0 ? Hostile(id, k, rng) : Valid(id, k, rng));
        }
        return list;
    }

    private static CorpusProgram Valid(string id, int k, Random rng)
    {
        int c = k % 1000 + 1;
        switch (rng.Next(6))
        {
            case 0:
            {
                int n = rng.Next(50, 300);
                long s = 0;
                for (int i = 0; i < n; i++) s += (long)i * c % 7;
                return Make(id, $"int f(int n) {{ int s = 0; for (int i = 0; i < n; i++) s += i * {c} % 7; return s; }}", S(n),
                    $"def f(n):\n    s = 0\n    for i in range(n):\n        s += i * {c} % 7\n    return s\n", S(n), CanonicalText.Int((int)s));
            }
            case 1:
            {
                var text = new string(Enumerable.Range(0, rng.Next(3, 20)).Select(_ => (char)('a' + rng.Next(26))).ToArray());
                var result = new string(text.Reverse().ToArray()) + S(c);
                return Make(id, $"string f(string s) => new string(s.Reverse().ToArray()) + \"{c}\";", CanonicalText.String(text),
                    $"def f(s):\n    return s[::-1] + \"{c}\"\n", CanonicalText.String(text), CanonicalText.String(result));
            }
            case 2:
            {
                var xs = Enumerable.Range(0, rng.Next(3, 15)).Select(_ => rng.Next(-50, 50)).ToList();
                var ys = xs.Where(x => x % 2 == 0).Select(x => x * c).ToList();
                return Make(id, $"List<int> f(List<int> xs) => xs.Where(x => x % 2 == 0).Select(x => x * {c}).ToList();",
                    ValueFormatter.Format(xs, 1 << 16),
                    $"def f(xs):\n    return [x * {c} for x in xs if x % 2 == 0]\n", "[" + string.Join(", ", xs.Select(x => S(x))) + "]",
                    ValueFormatter.Format(ys, 1 << 16));
            }
            case 3:
            {
                int n = rng.Next(8, 16);
                static int Fib(int x) => x < 2 ? x : Fib(x - 1) + Fib(x - 2);
                return Make(id, $"int fib(int n) => n < 2 ? n : fib(n - 1) + fib(n - 2); int f(int n) => fib(n) + {c};", S(n),
                    $"def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\ndef f(n):\n    return fib(n) + {c}\n", S(n),
                    CanonicalText.Int(Fib(n) + c));
            }
            case 4:
            {
                var text = new string(Enumerable.Range(0, rng.Next(3, 25)).Select(_ => (char)('a' + rng.Next(6))).ToArray());
                var d = new Dictionary<char, int>();
                foreach (var ch in text) d[ch] = d.GetValueOrDefault(ch) + c;
                return Make(id, $"Dictionary<char, int> f(string s) {{ var d = new Dictionary<char, int>(); foreach (var c in s) d[c] = d.GetValueOrDefault(c) + {c}; return d; }}",
                    CanonicalText.String(text),
                    $"def f(s):\n    d = {{}}\n    for ch in s:\n        d[ch] = d.get(ch, 0) + {c}\n    return d\n", CanonicalText.String(text),
                    ValueFormatter.Format(d, 1 << 16));
            }
            default:
            {
                var a = Enumerable.Range(0, rng.Next(3, 20)).Select(_ => rng.Next(-100, 100)).ToArray();
                var b = a.Order().Select(x => x + c).ToArray();
                return Make(id, $"int[] f(int[] a) {{ var b = a.ToArray(); Array.Sort(b); return b.Select(x => x + {c}).ToArray(); }}",
                    ValueFormatter.Format(a, 1 << 16),
                    $"def f(a):\n    return [x + {c} for x in sorted(a)]\n", "[" + string.Join(", ", a.Select(x => S(x))) + "]",
                    ValueFormatter.Format(b, 1 << 16));
            }
        }
    }

    private static CorpusProgram Make(string id, string program, string input, string python, string pythonInput, string output) =>
        new(new ExecutionRequest(id, program, input, output), python, pythonInput, Verdict.Ok, output);

    private static CorpusProgram Hostile(string id, int k, Random rng)
    {
        CorpusProgram H(string program, string input, Verdict verdict, string python, string pyInput = "0") =>
            new(new ExecutionRequest(id, program, input), python, pyInput, verdict, null);
        return rng.Next(10) switch
        {
            0 => H($"int f(int x) {{ while (true) x += {k % 7}; }}", "0", Verdict.Timeout, "def f(x):\n    while True:\n        x += 1\n"),
            1 => H($"int f(int x) => f(x + {k % 5 + 1}) + 1;", "0", Verdict.Crash, "def f(x):\n    return f(x + 1) + 1\n"),
            2 => H($"string f(int x) => System.IO.File.ReadAllText(\"/etc/passwd\") + {k};", "0", Verdict.PolicyViolation,
                "import os\ndef f(x):\n    return open('/etc/passwd').read()\n"),
            3 => H($"int f(int x) => System.Diagnostics.Process.Start(\"sh\").Id + {k};", "0", Verdict.PolicyViolation,
                "import subprocess\ndef f(x):\n    return subprocess.Popen(['true']).pid\n"),
            4 => H($"int f(int x) {{ var l = new List<long[]>(); while (true) l.Add(new long[{k % 100 + 1000}]); }}", "0", Verdict.MemoryLimit,
                "def f(x):\n    l = []\n    while True:\n        l.append([0] * 100000)\n"),
            5 => H($"int f(int x) => {k} / x;", "0", Verdict.RuntimeError, "def f(x):\n    return 1 // x\n"),
            6 => H($"int f(int x) => x + {k}", "0", Verdict.CompileError, "def f(x) return x\n"),
            7 => H($"int f(int x) => x + {k};", "System.Environment.Exit(1)", Verdict.InvalidInput, "def f(x):\n    return x\n", "undefined_name"),
            8 => H($"string f(int x) => new string('a', 1 << 20) + {k};", "0", Verdict.OutputLimit, "def f(x):\n    return 'a' * (1 << 20)\n"),
            _ => H($"record R(string S); int f(string s) => new R(s + \"{k}\").GetHashCode();", "\"abc\"", Verdict.Nondeterministic,
                "def f(s):\n    return hash(s)\n", "\"abc\""),
        };
    }
}
