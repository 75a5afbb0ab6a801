using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Parsing;

/// <summary>
/// Strict parsing of model responses for every task type and role. Every response must be
/// <c>&lt;think&gt;…&lt;/think&gt; &lt;answer&gt;…&lt;/answer&gt;</c> (see <see cref="ResponseEnvelope"/>), and the answer must consist
/// of exactly these fenced blocks (any order, whitespace between them, nothing else), mirroring the reference code's
/// <c>```python</c>/<c>```input</c>/<c>```output</c>/<c>```message</c> conventions with <c>```csharp</c> for code:
/// <list type="table">
/// <listheader><term>type, role</term><description>blocks inside &lt;answer&gt;</description></listheader>
/// <item><term>deduction/abduction, propose</term><description>one <c>```csharp</c> (the program) and one <c>```input</c> (its argument list)</description></item>
/// <item><term>induction, propose</term><description>exactly N <c>```input</c> blocks (distinct) and one <c>```message</c></description></item>
/// <item><term>deduction, solve</term><description>one <c>```output</c> (a C# literal expression)</description></item>
/// <item><term>abduction, solve</term><description>one <c>```input</c> (a C# argument list)</description></item>
/// <item><term>induction, solve</term><description>one <c>```csharp</c> (the program)</description></item>
/// </list>
/// Whether the contents are valid C# is the executor's business: a well-formed answer that does not compile or
/// does not parse as literals is <em>wrong</em>, not malformed.
/// </summary>
public static class ResponseParser
{
    /// <summary>Language tag of program blocks.</summary>
    public const string CodeTag = "csharp";
    /// <summary>Language tag of input blocks.</summary>
    public const string InputTag = "input";
    /// <summary>Language tag of output blocks.</summary>
    public const string OutputTag = "output";
    /// <summary>Language tag of the induction message block.</summary>
    public const string MessageTag = "message";

    /// <summary>Parses a proposer response of any type. <paramref name="inductionProgram"/> is the program shown to an induction proposer.</summary>
    public static ParseResult<ProposedTask> ParseProposal(TaskType type, string response, int inductionInputs = 10, string? inductionProgram = null) => type switch
    {
        TaskType.Deduction or TaskType.Abduction => ParseTripletProposal(response),
        TaskType.Induction => ParseInductionProposal(response, inductionProgram ?? throw new ArgumentNullException(nameof(inductionProgram)), inductionInputs),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a solver response of any type: the predicted output, input, or program.</summary>
    public static ParseResult<string> ParseSolution(TaskType type, string response) => type switch
    {
        TaskType.Deduction => ParseOutputPrediction(response),
        TaskType.Abduction => ParseInputPrediction(response),
        TaskType.Induction => ParseProgramPrediction(response),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Deduction or abduction proposer: one <c>```csharp</c> and one <c>```input</c>.</summary>
    public static ParseResult<ProposedTask> ParseTripletProposal(string response)
    {
        var (blocks, reasoning, failure) = Blocks(response, [CodeTag, InputTag]);
        if (failure is not null) return ParseResult<ProposedTask>.Fail(failure.Error, failure.Message, reasoning);
        failure = ExactlyOne(blocks!, CodeTag) ?? ExactlyOne(blocks!, InputTag);
        if (failure is not null) return ParseResult<ProposedTask>.Fail(failure.Error, failure.Message, reasoning);
        var program = blocks!.Single(b => b.Language == CodeTag).Content;
        var input = blocks!.Single(b => b.Language == InputTag).Content;
        return ParseResult<ProposedTask>.Ok(new ProposedTask(program, [input], null), reasoning);
    }

    /// <summary>Induction proposer: exactly <paramref name="inputCount"/> distinct <c>```input</c> blocks and one <c>```message</c>.</summary>
    public static ParseResult<ProposedTask> ParseInductionProposal(string response, string program, int inputCount)
    {
        var (blocks, reasoning, failure) = Blocks(response, [InputTag, MessageTag]);
        if (failure is not null) return ParseResult<ProposedTask>.Fail(failure.Error, failure.Message, reasoning);
        failure = ExactlyOne(blocks!, MessageTag);
        if (failure is not null) return ParseResult<ProposedTask>.Fail(failure.Error, failure.Message, reasoning);
        var inputs = blocks!.Where(b => b.Language == InputTag).ToList();
        if (inputs.Count != inputCount)
            return ParseResult<ProposedTask>.Fail(FormatError.WrongInputCount, $"expected {inputCount} ```{InputTag} blocks, found {inputs.Count}", reasoning);
        var empty = inputs.FirstOrDefault(b => b.Content.Length == 0);
        if (empty is not null)
            return ParseResult<ProposedTask>.Fail(FormatError.EmptyBlock, $"the ```{InputTag} block on answer line {empty.Line} is empty", reasoning);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in inputs)
        {
            string key = CSharpText.Normalize(b.Content);
            if (seen.TryGetValue(key, out int line))
                return ParseResult<ProposedTask>.Fail(FormatError.DuplicateInputs, $"the input on answer line {b.Line} repeats the one on line {line}", reasoning);
            seen[key] = b.Line;
        }
        var message = blocks!.Single(b => b.Language == MessageTag).Content;
        return ParseResult<ProposedTask>.Ok(new ProposedTask(program, [.. inputs.Select(b => b.Content)], message), reasoning);
    }

    /// <summary>Deduction solver: one <c>```output</c> block holding the predicted output literal.</summary>
    public static ParseResult<string> ParseOutputPrediction(string response) => Single(response, OutputTag);

    /// <summary>Abduction solver: one <c>```input</c> block holding the predicted argument list.</summary>
    public static ParseResult<string> ParseInputPrediction(string response) => Single(response, InputTag);

    /// <summary>Induction solver: one <c>```csharp</c> block holding the program.</summary>
    public static ParseResult<string> ParseProgramPrediction(string response) => Single(response, CodeTag);

    private static ParseResult<string> Single(string response, string tag)
    {
        var (blocks, reasoning, failure) = Blocks(response, [tag]);
        failure ??= ExactlyOne(blocks!, tag);
        return failure is not null
            ? ParseResult<string>.Fail(failure.Error, failure.Message, reasoning)
            : ParseResult<string>.Ok(blocks!.Single().Content, reasoning);
    }

    private static (List<FencedBlock>? Blocks, string? Reasoning, FormatFailure? Failure) Blocks(string response, string[] allowed)
    {
        var envelope = ResponseEnvelope.Parse(response);
        if (!envelope.IsOk) return (null, null, envelope.Failure);
        string reasoning = envelope.Value!.Reasoning;
        var (blocks, failure) = FencedBlocks.Split(envelope.Value.Answer);
        if (failure is not null) return (null, reasoning, failure);
        var unexpected = blocks!.FirstOrDefault(b => !allowed.Contains(b.Language, StringComparer.Ordinal));
        if (unexpected is not null)
            return (null, reasoning, new FormatFailure(FormatError.UnexpectedBlock,
                $"a ```{unexpected.Language} block is not allowed here; expected {string.Join(" and ", allowed.Select(a => "```" + a))}"));
        return (blocks, reasoning, null);
    }

    private static FormatFailure? ExactlyOne(List<FencedBlock> blocks, string tag)
    {
        var matching = blocks.Where(b => b.Language == tag).ToList();
        if (matching.Count == 0) return new FormatFailure(FormatError.MissingBlock, $"no ```{tag} block in <answer>");
        if (matching.Count > 1) return new FormatFailure(FormatError.RepeatedBlock, $"{matching.Count} ```{tag} blocks; exactly one is allowed");
        if (matching[0].Content.Length == 0) return new FormatFailure(FormatError.EmptyBlock, $"the ```{tag} block is empty");
        return null;
    }
}
