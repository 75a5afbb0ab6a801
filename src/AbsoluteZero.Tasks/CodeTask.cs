using System.Text.Json.Serialization;

namespace AbsoluteZero.Tasks;

/// <summary>
/// A validated task as stored in a buffer (one line of <c>buffers/&lt;task_type&gt;.jsonl</c>). Deduction and
/// abduction tasks hold one input and its output; induction tasks hold N inputs, their outputs and the proposer's
/// message. Outputs are the executor's canonical C# literal expressions (the gold answers).
/// </summary>
public sealed record CodeTask
{
    /// <summary>Unique id: the proposal id (<c>s&lt;step&gt;-&lt;task_type&gt;-&lt;n&gt;</c>) or <c>seed</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Self-play step at which the task entered the buffer (0 = seed or seeding phase).</summary>
    public int Step { get; init; }

    /// <summary>C# member declarations whose entry method is <c>f</c>.</summary>
    public string Program { get; init; } = "";

    /// <summary>C# argument lists of literals, one per run of <c>f</c>.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The outputs <c>f(input)</c> as canonical C# literal expressions, parallel to <see cref="Inputs"/>.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Induction only: the proposer's message to the solver; null for deduction and abduction.</summary>
    public string? Message { get; init; }

    /// <summary>The single input of a deduction or abduction task.</summary>
    [JsonIgnore]
    public string Input => Inputs.Count == 1 ? Inputs[0] : throw new InvalidOperationException($"task '{Id}' has {Inputs.Count} inputs, not one");

    /// <summary>The single output of a deduction or abduction task.</summary>
    [JsonIgnore]
    public string Output => Outputs.Count == 1 ? Outputs[0] : throw new InvalidOperationException($"task '{Id}' has {Outputs.Count} outputs, not one");

    /// <summary>Creates a deduction/abduction triplet.</summary>
    public static CodeTask Triplet(string id, int step, string program, string input, string output) =>
        new() { Id = id, Step = step, Program = program, Inputs = [input], Outputs = [output] };

    /// <summary>
    /// Splits an induction task into the pairs the solver sees and the hidden pairs it is graded on: the first
    /// <c>⌊n·shown/inputs⌋</c> pairs are shown (clamped to 1..n−1), the rest hidden. With the defaults (10 inputs,
    /// 5 shown) this is AZR's <c>n // 2</c> split (constructor.py: given = first half, hidden = second half).
    /// </summary>
    /// <param name="shown">Configured number of shown pairs for a task of <paramref name="inputs"/> inputs.</param>
    /// <param name="inputs">Configured number of inputs per induction proposal.</param>
    public InductionSplit SplitForInduction(int shown, int inputs)
    {
        int n = Inputs.Count;
        if (n < 2 || Outputs.Count != n)
            throw new InvalidOperationException($"induction task '{Id}' needs at least 2 input/output pairs, has {n} inputs and {Outputs.Count} outputs");
        int k = Math.Clamp((int)((long)n * shown / Math.Max(1, inputs)), 1, n - 1);
        var pairs = Inputs.Zip(Outputs, (i, o) => new IoPair(i, o)).ToList();
        return new InductionSplit(pairs[..k], pairs[k..]);
    }
}

/// <summary>One (input, output) pair of an induction task.</summary>
/// <param name="Input">C# argument list.</param>
/// <param name="Output">Canonical C# literal of <c>f(Input)</c>.</param>
public sealed record IoPair(string Input, string Output);

/// <summary>The pairs an induction solver sees and the pairs it is graded on.</summary>
/// <param name="Shown">Pairs shown in the solver prompt.</param>
/// <param name="Hidden">Pairs the solver's program must reproduce (all of them) to be correct.</param>
public sealed record InductionSplit(IReadOnlyList<IoPair> Shown, IReadOnlyList<IoPair> Hidden);
