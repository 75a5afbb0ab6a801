using System.Globalization;
using System.Text;

namespace AbsoluteZero.Tasks.Prompts;

/// <summary>A rendered prompt.</summary>
/// <param name="Text">The full text given to the model (wrapper included).</param>
/// <param name="ResponsePrefix">
/// The part of <paramref name="Text"/> that belongs to the response: <c>&lt;think&gt;</c> when the wrapper ends by opening
/// the think block (the R1 wrapper does), else empty. Parse <see cref="Response"/>, not the bare completion.
/// </param>
public sealed record Prompt(string Text, string ResponsePrefix)
{
    /// <summary>The response to parse: <see cref="ResponsePrefix"/> followed by the model's completion.</summary>
    public string Response(string completion) => ResponsePrefix + completion;
}

/// <summary>
/// Builds proposer and solver prompts for every task type from a <see cref="TemplateSet"/> (reference code
/// <c>get_code_problem_generator_prompt</c> / <c>get_code_problem_predictor_prompt</c>, then the R1 wrapper).
/// </summary>
public sealed class PromptBuilder(TemplateSet templates, TaskOptions options)
{
    private const string ThinkOpen = "<think>";

    /// <summary>The templates in use.</summary>
    public TemplateSet Templates => templates;

    /// <summary>
    /// Deduction or abduction proposer prompt showing <paramref name="references"/> (sample them with
    /// <see cref="Buffers.TaskBuffer.SampleReferences"/>: K without replacement).
    /// </summary>
    public Prompt Propose(TaskType type, IReadOnlyList<CodeTask> references)
    {
        string name = type switch
        {
            TaskType.Deduction => "propose_deduction",
            TaskType.Abduction => "propose_abduction",
            _ => throw new ArgumentException("use ProposeInduction for induction proposer prompts", nameof(type)),
        };
        var sb = new StringBuilder();
        for (int i = 0; i < references.Count; i++)
        {
            var r = references[i];
            sb.Append(templates["reference"].Render(new Dictionary<string, string>
            {
                ["index"] = Num(i), ["program"] = r.Program, ["input"] = r.Input, ["output"] = r.Output,
            }));
        }
        return Wrap(templates[name].Render(new Dictionary<string, string>
        {
            ["references"] = sb.ToString(), ["reference_count"] = Num(references.Count),
        }));
    }

    /// <summary>Induction proposer prompt: <paramref name="program"/> (from <see cref="Buffers.BufferSet.SampleInductionSource"/>) and a request for N inputs and a message.</summary>
    public Prompt ProposeInduction(string program) =>
        Wrap(templates["propose_induction"].Render(new Dictionary<string, string>
        {
            ["program"] = program, ["input_count"] = Num(options.InductionInputs),
        }));

    /// <summary>Solver prompt for <paramref name="task"/>: deduction shows program + input, abduction program + output, induction the shown pairs + message.</summary>
    public Prompt Solve(TaskType type, CodeTask task) => type switch
    {
        TaskType.Deduction => Wrap(templates["solve_deduction"].Render(new Dictionary<string, string>
        {
            ["program"] = task.Program, ["input"] = task.Input,
        })),
        TaskType.Abduction => Wrap(templates["solve_abduction"].Render(new Dictionary<string, string>
        {
            ["program"] = task.Program, ["output"] = task.Output,
        })),
        TaskType.Induction => SolveInduction(task),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private Prompt SolveInduction(CodeTask task)
    {
        var shown = task.SplitForInduction(options.InductionShown, options.InductionInputs).Shown;
        var sb = new StringBuilder();
        for (int i = 0; i < shown.Count; i++)
            sb.Append(templates["induction_pair"].Render(new Dictionary<string, string>
            {
                ["index"] = Num(i), ["input"] = shown[i].Input, ["output"] = shown[i].Output,
            }));
        return Wrap(templates["solve_induction"].Render(new Dictionary<string, string>
        {
            ["pairs"] = sb.ToString(), ["pair_count"] = Num(shown.Count), ["message"] = task.Message ?? "",
        }));
    }

    private Prompt Wrap(string body)
    {
        string text = templates["wrapper"].Render(new Dictionary<string, string> { ["prompt"] = body.Trim('\n') });
        return new Prompt(text, text.TrimEnd().EndsWith(ThinkOpen, StringComparison.Ordinal) ? ThinkOpen : "");
    }

    private static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);
}
