using System.Globalization;
using System.Text.RegularExpressions;

namespace AbsoluteZero.Evaluation.Benchmarks;

/// <summary>Parsers for the official file of each benchmark. Every loader takes any path and names file and line on bad input.</summary>
public static partial class BenchmarkLoaders
{
    /// <summary>GSM8K: <c>question</c>, and <c>answer</c> whose last <c>#### </c> line is the final answer (commas removed).</summary>
    public static List<BenchmarkProblem> Gsm8k(string path) => Unique(JsonlRecords.Read(path).Select((r, i) =>
    {
        var answer = r.String("answer");
        int at = answer.LastIndexOf("####", StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"{r.Where}: field \"answer\" has no '#### <final answer>' line");
        var final = answer[(at + 4)..].Trim().Replace(",", "");
        if (final.Length == 0) throw new InvalidDataException($"{r.Where}: empty final answer after '####'");
        return (r, (BenchmarkProblem)new MathProblem(r.OptionalString("id") ?? $"gsm8k/{i}", r.String("question"), final));
    }));

    /// <summary>
    /// MATH-500, AIME24/25, AMC23 (the Qwen/AZR math-eval format): <c>problem</c> (or <c>question</c>), <c>answer</c>,
    /// and an id from <c>unique_id</c> or <c>id</c> (the line number when neither exists).
    /// </summary>
    public static List<BenchmarkProblem> MathAnswer(string path) => Unique(JsonlRecords.Read(path).Select((r, i) =>
    {
        var question = r.OptionalString("problem") ?? r.OptionalString("question")
            ?? throw new InvalidDataException($"{r.Where}: missing field \"problem\" (or \"question\")");
        var id = r.OptionalString("unique_id") ?? r.OptionalString("id") ?? (i + 1).ToString(CultureInfo.InvariantCulture);
        return (r, (BenchmarkProblem)new MathProblem(id, question, IntegralNumber(r.String("answer"))));
    }));

    /// <summary>HumanEval+ (EvalPlus): the prompt is a function header; the canonical solution continues it.</summary>
    public static List<BenchmarkProblem> HumanEvalPlus(string path) => EvalPlus(path, continues: true);

    /// <summary>MBPP+ (EvalPlus): the prompt is a docstring; the canonical solution is a whole function.</summary>
    public static List<BenchmarkProblem> MbppPlus(string path) => EvalPlus(path, continues: false);

    /// <summary>CRUXEval: <c>code</c>, <c>input</c>, <c>output</c>, <c>id</c>, read for the given task.</summary>
    public static List<BenchmarkProblem> CruxEval(string path, CruxMode mode) => Unique(JsonlRecords.Read(path).Select(r =>
        (r, (BenchmarkProblem)new CruxProblem(r.String("id"), r.String("code"), r.String("input"), r.String("output"), mode))));

    /// <summary>MultiPL-E (<c>humaneval-cs-reworded.jsonl</c>): <c>name</c>, <c>prompt</c>, <c>tests</c>, <c>stop_tokens</c>.</summary>
    public static List<BenchmarkProblem> MultiPlE(string path) => Unique(JsonlRecords.Read(path).Select(r =>
    {
        var prompt = r.String("prompt");
        var m = MethodName().Matches(prompt);
        if (m.Count == 0) throw new InvalidDataException($"{r.Where}: no 'public static ... Name(' method signature in \"prompt\"");
        return (r, (BenchmarkProblem)new CSharpCodeProblem(r.String("name"), prompt, r.String("tests"), m[^1].Groups[1].Value, null,
            r.StringArray("stop_tokens"), CSharpHarnessKind.MultiPlE));
    }));

    /// <summary>MxEval / MBXP C# (HumanEval_csharp, MBCSP): <c>task_id</c>, <c>prompt</c>, <c>test</c>, <c>entry_point</c>, <c>canonical_solution</c>.</summary>
    public static List<BenchmarkProblem> MxEval(string path) => Unique(JsonlRecords.Read(path).Select(r =>
        (r, (BenchmarkProblem)new CSharpCodeProblem(r.String("task_id"), r.String("prompt"), r.String("test"), r.String("entry_point"),
            r.OptionalString("canonical_solution"), ["\n        }\n"], CSharpHarnessKind.MxEval))));

    private static List<BenchmarkProblem> EvalPlus(string path, bool continues) => Unique(JsonlRecords.Read(path).Select(r =>
        (r, (BenchmarkProblem)new PythonCodeProblem(r.String("task_id"), r.String("prompt"), r.String("entry_point"),
            r.String("canonical_solution"), continues, r.RawArray("base_input"), r.RawArray("plus_input"), r.Number("atol", 0)))));

    private static List<BenchmarkProblem> Unique(IEnumerable<(JsonlRecord Record, BenchmarkProblem Problem)> items)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<BenchmarkProblem>();
        foreach (var (record, problem) in items)
        {
            if (seen.TryGetValue(problem.Id, out var first))
                throw new InvalidDataException($"{record.Where}: duplicate id \"{problem.Id}\" (first on line {first})");
            seen[problem.Id] = record.Line;
            list.Add(problem);
        }
        return list;
    }

    // AMC23 stores answers as floats ("27.0"); the checker compares numerically anyway, but reports read better as "27".
    private static string IntegralNumber(string answer) =>
        double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == System.Math.Floor(d)
            && System.Math.Abs(d) < 1e15 && answer.Contains('.') && !answer.Contains('e') && !answer.Contains('E')
            ? ((long)d).ToString(CultureInfo.InvariantCulture) : answer;

    [GeneratedRegex(@"public\s+static\s+[^\(\)=;]+?\s+(\w+)\s*\(")]
    private static partial Regex MethodName();
}
