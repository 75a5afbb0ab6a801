namespace AbsoluteZero.Evaluation.Benchmarks;

/// <summary>Which scorer a benchmark needs.</summary>
public enum BenchmarkFamily
{
    /// <summary>Final-answer math (extraction + equivalence).</summary>
    Math,
    /// <summary>Python function synthesis scored by running tests (HumanEval+, MBPP+).</summary>
    PythonCode,
    /// <summary>CRUXEval input/output prediction, scored by executing the given program.</summary>
    CruxEval,
    /// <summary>C# function synthesis scored by a test harness run through the executor.</summary>
    CSharpCode,
}

/// <summary>One benchmark problem. <see cref="Id"/> is unique within its benchmark.</summary>
public abstract record BenchmarkProblem(string Id)
{
    /// <summary>The scorer this problem needs.</summary>
    public abstract BenchmarkFamily Family { get; }
}

/// <summary>A math problem with a single reference answer (LaTeX or plain text).</summary>
public sealed record MathProblem(string Id, string Question, string Reference) : BenchmarkProblem(Id)
{
    /// <inheritdoc />
    public override BenchmarkFamily Family => BenchmarkFamily.Math;
}

/// <summary>
/// A Python function-synthesis problem in the EvalPlus format. Expected outputs are not stored: they come from
/// running <see cref="CanonicalSolution"/> on every input.
/// </summary>
/// <param name="Id">Task id, e.g. <c>HumanEval/0</c>.</param>
/// <param name="Prompt">What the model sees: a function header + docstring (HumanEval) or a docstring (MBPP).</param>
/// <param name="EntryPoint">The function to call.</param>
/// <param name="CanonicalSolution">Reference code; with <see cref="SolutionContinuesPrompt"/> it is a body that continues the prompt.</param>
/// <param name="SolutionContinuesPrompt">True for HumanEval (prompt + body is the program), false for MBPP (full function).</param>
/// <param name="BaseInputs">Argument lists of the original tests, each a JSON array (the visible examples).</param>
/// <param name="PlusInputs">Extra argument lists (EvalPlus), each a JSON array.</param>
/// <param name="Atol">Absolute tolerance for float outputs.</param>
public sealed record PythonCodeProblem(string Id, string Prompt, string EntryPoint, string CanonicalSolution,
    bool SolutionContinuesPrompt, IReadOnlyList<string> BaseInputs, IReadOnlyList<string> PlusInputs, double Atol)
    : BenchmarkProblem(Id)
{
    /// <inheritdoc />
    public override BenchmarkFamily Family => BenchmarkFamily.PythonCode;

    /// <summary>The reference as a complete program (prompt included when the solution continues it).</summary>
    public string ReferenceProgram => SolutionContinuesPrompt ? Prompt + CanonicalSolution : CanonicalSolution;
}

/// <summary>Which CRUXEval task: predict the output (deduction) or an input (abduction).</summary>
public enum CruxMode
{
    /// <summary>CRUXEval-O: given code and input, predict the output.</summary>
    Output,
    /// <summary>CRUXEval-I: given code and output, predict an input.</summary>
    Input,
}

/// <summary>A CRUXEval record: a Python function <c>f</c>, an argument list and the value it returns.</summary>
public sealed record CruxProblem(string Id, string Code, string Input, string Output, CruxMode Mode) : BenchmarkProblem(Id)
{
    /// <inheritdoc />
    public override BenchmarkFamily Family => BenchmarkFamily.CruxEval;
}

/// <summary>Which C# harness dialect a problem's tests use.</summary>
public enum CSharpHarnessKind
{
    /// <summary>MultiPL-E: <c>Debug.Assert(...)</c> and <c>.Equals</c> on lists/dictionaries.</summary>
    MultiPlE,
    /// <summary>MxEval / MBXP: <c>CompareLogic().Compare(a, b).AreEqual</c> from CompareNETObjects.</summary>
    MxEval,
}

/// <summary>A C# function-synthesis problem: program = <see cref="Prompt"/> + completion + <see cref="Tests"/>.</summary>
/// <param name="Id">Task id.</param>
/// <param name="Prompt">Usings, class header, doc comment and method signature up to the opening brace.</param>
/// <param name="Tests">Closes the method and holds <c>Main</c> with the assertions.</param>
/// <param name="EntryPoint">The method under test.</param>
/// <param name="CanonicalSolution">Reference body (MBCSP only; null elsewhere).</param>
/// <param name="StopTokens">Where to cut a completion (MultiPL-E's <c>"\n    }\n"</c>).</param>
/// <param name="Harness">The test dialect.</param>
public sealed record CSharpCodeProblem(string Id, string Prompt, string Tests, string EntryPoint, string? CanonicalSolution,
    IReadOnlyList<string> StopTokens, CSharpHarnessKind Harness) : BenchmarkProblem(Id)
{
    /// <inheritdoc />
    public override BenchmarkFamily Family => BenchmarkFamily.CSharpCode;
}
