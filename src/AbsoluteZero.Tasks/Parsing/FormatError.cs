namespace AbsoluteZero.Tasks.Parsing;

/// <summary>
/// Why a response is malformed. Every malformed response gets exactly one of these (the first problem found, in the
/// order the parser checks: tags, then blocks, then counts) and the format penalty (default −1, paper Eq. 6).
/// </summary>
public enum FormatError
{
    /// <summary>The response is empty or only whitespace.</summary>
    Empty,
    /// <summary>No <c>&lt;think&gt;…&lt;/think&gt;</c> block at the start of the response.</summary>
    MissingThink,
    /// <summary>No <c>&lt;answer&gt;…&lt;/answer&gt;</c> block after the think block.</summary>
    MissingAnswer,
    /// <summary>One of the four tags occurs more than once.</summary>
    RepeatedTag,
    /// <summary>The tags are not in the order think-open, think-close, answer-open, answer-close.</summary>
    TagOrder,
    /// <summary>Non-whitespace text before <c>&lt;think&gt;</c>, between <c>&lt;/think&gt;</c> and <c>&lt;answer&gt;</c>, or after <c>&lt;/answer&gt;</c>.</summary>
    TextOutsideTags,
    /// <summary>Non-whitespace text inside the answer but outside its fenced blocks.</summary>
    TextOutsideBlocks,
    /// <summary>A fenced block is opened and never closed.</summary>
    UnclosedBlock,
    /// <summary>A fenced block with a language tag this answer may not contain (e.g. <c>```python</c>).</summary>
    UnexpectedBlock,
    /// <summary>A required block (<c>```csharp</c>, <c>```input</c>, <c>```output</c>, <c>```message</c>) is absent.</summary>
    MissingBlock,
    /// <summary>A block that may occur once occurs more often.</summary>
    RepeatedBlock,
    /// <summary>A block has no content.</summary>
    EmptyBlock,
    /// <summary>An induction proposal gives a number of inputs other than the configured N.</summary>
    WrongInputCount,
    /// <summary>An induction proposal repeats an input (after whitespace normalisation).</summary>
    DuplicateInputs,
}

/// <summary>A format error and a one-line human-readable explanation.</summary>
/// <param name="Error">The error kind.</param>
/// <param name="Message">What exactly was wrong (e.g. "expected 10 ```input blocks, found 7").</param>
public sealed record FormatFailure(FormatError Error, string Message)
{
    /// <summary>The snake_case name of the error (as in logs and <c>proposals.jsonl</c> reasons), e.g. <c>missing_answer</c>.</summary>
    public string Name => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Error.ToString());

    /// <summary><c>name: message</c>, e.g. <c>wrong_input_count: expected 10 ```input blocks, found 7</c>.</summary>
    public override string ToString() => $"{Name}: {Message}";
}

/// <summary>The outcome of parsing one response: a value, or a format failure; the reasoning text either way when found.</summary>
/// <typeparam name="T">What a well-formed response yields.</typeparam>
public sealed record ParseResult<T> where T : class
{
    /// <summary>The parsed value; null exactly when <see cref="Failure"/> is set.</summary>
    public T? Value { get; init; }

    /// <summary>Why the response is malformed; null when it is well-formed.</summary>
    public FormatFailure? Failure { get; init; }

    /// <summary>The text inside <c>&lt;think&gt;…&lt;/think&gt;</c> when the tag structure was valid, else null.</summary>
    public string? Reasoning { get; init; }

    /// <summary>True when the response is well-formed.</summary>
    public bool IsOk => Failure is null;

    /// <summary>A success.</summary>
    public static ParseResult<T> Ok(T value, string? reasoning) => new() { Value = value, Reasoning = reasoning };

    /// <summary>A failure.</summary>
    public static ParseResult<T> Fail(FormatError error, string message, string? reasoning = null) =>
        new() { Failure = new FormatFailure(error, message), Reasoning = reasoning };
}

/// <summary>What a deduction/abduction proposer (program + one input) or an induction proposer (N inputs + message) wrote.</summary>
/// <param name="Program">The program: written by the proposer (deduction, abduction) or the given one (induction).</param>
/// <param name="Inputs">One input (deduction, abduction) or N inputs (induction).</param>
/// <param name="Message">Induction only: the message to the solver.</param>
public sealed record ProposedTask(string Program, IReadOnlyList<string> Inputs, string? Message);
