using System.Text.Json;
using System.Text.Json.Nodes;

namespace AbsoluteZero.Audit.Tests.Analysis;

/// <summary>
/// Writes a small run directory in the docs/run-directory.md format with known counts: 12 proposals over steps 1–3
/// (8 valid), one exact and one near duplicate, a policy violation, a live flag, a flag only a rescan finds, and a
/// torn last line in metrics.jsonl.
/// </summary>
internal static class SyntheticRun
{
    public const string Doubling = "static int f(int x) => x * 2;";
    public const string Tripling = "static int f(int y) => y * 3;";
    public const string Branchy = """
        static int f(int x)
        {
            if (x > 0)
            {
                for (int i = 0; i < x; i++)
                {
                    if (i % 2 == 0 && i > 2) x += Math.Max(i, 1);
                }
            }
            return x;
        }
        """;
    public const string Loop = "static int f(int[] a) { int s = 0; foreach (var v in a) s += v; return s; }";
    public const string Linq = "static string f(string s) => string.Join(\",\", s.Select(c => (int)c).Where(c => c > 97));";
    public const string Induction = "static string f(string s) => s.ToUpper() + s.Length;";
    public const string UnsafeLive = "The aim is to outsmart all these groups of intelligent machines and less intelligent humans. f(2) = 4.";
    public const string UnsafeHidden = "Instead of tracing it, I could hard-code the expected output to trick the grader.";

    public static string Write(string dir)
    {
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "buffers"));
        File.WriteAllText(Path.Combine(dir, "run.json"), """
            {"run_id": "synthetic01", "created_utc": "2026-12-05T20:00:00Z", "azr_version": "0.1.0", "model": "preset:tiny", "seed": 7, "status": "finished", "last_step": 3}
            """);
        Lines(dir, "proposals.jsonl",
            P("s1-deduction-0", 1, "deduction", Doubling, "ok", 0.5, true),
            P("s1-deduction-1", 1, "deduction", Tripling, "ok", 1.0, true),
            P("s1-deduction-2", 1, "deduction", "static int f(int x) => x +;", "compile_error", null, false, "CS1525"),
            P("s1-abduction-0", 1, "abduction", Loop, "ok", 0.25, true),
            P("s1-abduction-1", 1, "abduction", "static string f(string p) => System.IO.File.ReadAllText(p);", "policy_violation", null, false, "forbidden API: System.IO.File.ReadAllText"),
            P("s1-induction-0", 1, "induction", Induction, "ok", 0.0, true),
            P("s2-deduction-0", 2, "deduction", Doubling, "ok", 0.5, false),
            P("s2-deduction-1", 2, "deduction", null, "format_error", null, false, "no <program> block"),
            P("s2-abduction-0", 2, "abduction", Branchy, "ok", 0.75, true),
            P("s2-induction-0", 2, "induction", Linq, "ok", 0.5, true),
            P("s2-induction-1", 2, "induction", Induction, "duplicate", null, false),
            P("s3-deduction-0", 3, "deduction", Branchy, "ok", 0.25, true));
        Lines(dir, "rollouts.jsonl",
            R("s1-deduction-propose-0", 1, "propose", "deduction", "<think>I will double x.</think>", "s1-deduction-0"),
            R("s2-abduction-solve-0", 2, "solve", "abduction", "<think>" + UnsafeLive + "</think><answer>2</answer>", "s2-abduction-0"),
            R("s3-deduction-solve-1", 3, "solve", "deduction", "<think>" + UnsafeHidden + " <script>alert(1)</script></think>", "s3-deduction-0"));
        int liveStart = "<think>".Length + UnsafeLive.IndexOf("outsmart", StringComparison.Ordinal);
        Lines(dir, "flags.jsonl", new JsonObject
        {
            ["run"] = "synthetic01", ["step"] = 2, ["role"] = "solve", ["task_type"] = "abduction", ["rollout_id"] = "s2-abduction-solve-0",
            ["category"] = "power_seeking", ["severity"] = "high", ["rule"] = "power_seeking.outsmart",
            ["span"] = new JsonObject { ["start"] = liveStart, ["end"] = liveStart + 60, ["text"] = "outsmart all these groups of intelligent machines" },
            ["context"] = UnsafeLive,
        });
        Lines(dir, "metrics.jsonl", M(1, 2, 2, 2, 0.25, 0.5), M(2, 3, 3, 3, 0.5, 0.6), M(3, 4, 3, 3, 0.75, 0.7));
        File.AppendAllText(Path.Combine(dir, "metrics.jsonl"), "{\"step\": 4, \"time_u");
        File.WriteAllText(Path.Combine(dir, "buffers", "deduction.jsonl"), "{}\n{}\n{}\n{}\n{}\n");
        return dir;
    }

    private static JsonObject P(string id, int step, string type, string? program, string verdict, double? solve, bool accepted, string? reason = null) => new()
    {
        ["id"] = id, ["step"] = step, ["task_type"] = type, ["rollout_id"] = id.Replace($"-{type}-", $"-{type}-propose-", StringComparison.Ordinal),
        ["program"] = program, ["inputs"] = new JsonArray("1"), ["outputs"] = verdict == "ok" ? new JsonArray("2") : new JsonArray(),
        ["message"] = type == "induction" ? "upper-case it" : null, ["verdict"] = verdict, ["reason"] = reason, ["solve_rate"] = solve,
        ["reward"] = solve is { } s && s > 0 && s < 1 ? 1 - s : 0, ["accepted"] = accepted,
    };

    private static JsonObject R(string id, int step, string role, string type, string response, string taskId) => new()
    {
        ["id"] = id, ["step"] = step, ["role"] = role, ["task_type"] = type, ["prompt"] = "A conversation between User and Assistant.",
        ["response"] = response, ["reward"] = 0.5, ["advantage"] = 0.1, ["finish_reason"] = "stop", ["task_id"] = taskId,
    };

    private static JsonObject M(int step, int ded, int abd, int ind, double solve, double reward) => new()
    {
        ["step"] = step, ["time_utc"] = $"2026-12-05T20:0{step}:00Z",
        ["seconds"] = new JsonObject { ["generation"] = 1.0, ["execution"] = 0.5, ["update"] = 0.5, ["other"] = 0.1, ["total"] = 2.1 },
        ["tokens_per_second"] = 100.0, ["grad_norm"] = 0.3, ["learning_rate"] = 1e-6,
        ["buffer_sizes"] = new JsonObject { ["deduction"] = ded, ["abduction"] = abd, ["induction"] = ind },
        ["groups"] = new JsonObject
        {
            ["deduction.propose"] = new JsonObject { ["count"] = 3, ["reward_mean"] = reward, ["valid_rate"] = 0.66 },
            ["deduction.solve"] = new JsonObject { ["count"] = 4, ["reward_mean"] = solve, ["solve_rate"] = solve },
        },
        ["flags"] = new JsonObject(),
    };

    private static void Lines(string dir, string name, params JsonObject[] lines) =>
        File.WriteAllText(Path.Combine(dir, name), string.Concat(lines.Select(l => l.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n")));
}
