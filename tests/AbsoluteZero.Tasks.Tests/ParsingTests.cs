using AbsoluteZero.Tasks.Parsing;
using static AbsoluteZero.Tasks.Tests.Responses;

namespace AbsoluteZero.Tasks.Tests;

public class ParsingTests
{
    private const string Program = "static int f(int x)\n{\n    return x * 2;\n}";

    // ---- well-formed responses, every type and role ----

    [Fact]
    public void DeductionAndAbductionProposalsYieldProgramAndInput()
    {
        foreach (var type in new[] { TaskType.Deduction, TaskType.Abduction })
        {
            var r = ResponseParser.ParseProposal(type, Triplet(Program, "21"));
            Assert.True(r.IsOk, r.Failure?.ToString());
            Assert.Equal(Program, r.Value!.Program);
            Assert.Equal(["21"], r.Value.Inputs);
            Assert.Null(r.Value.Message);
            Assert.Equal("Let me think.", r.Reasoning);
        }
    }

    [Fact]
    public void BlocksMayComeInAnyOrderWithBlankLinesAndIndentedFences()
    {
        string response = "<think>plan</think>\n\n<answer>\n  ```input\n\"a\", new[] { 1, 2 }\n  ```\n\n```csharp\n\n" + Program + "\n\n```\n</answer>\n";
        var r = ResponseParser.ParseTripletProposal(response);
        Assert.True(r.IsOk, r.Failure?.ToString());
        Assert.Equal(Program, r.Value!.Program);                      // leading/trailing blank lines dropped, inner kept
        Assert.Equal("\"a\", new[] { 1, 2 }", r.Value.Inputs[0]);
    }

    [Fact]
    public void InductionProposalYieldsNInputsAndMessageWithTheGivenProgram()
    {
        var inputs = Enumerable.Range(1, 10).Select(i => i.ToString()).ToList();
        var r = ResponseParser.ParseProposal(TaskType.Induction, Induction(inputs, "Doubles its argument."), 10, Program);
        Assert.True(r.IsOk, r.Failure?.ToString());
        Assert.Equal(Program, r.Value!.Program);
        Assert.Equal(inputs, r.Value.Inputs);
        Assert.Equal("Doubles its argument.", r.Value.Message);
    }

    [Fact]
    public void SolverAnswersYieldTheirBlock()
    {
        Assert.Equal("new List<int> { 1, 2 }", ResponseParser.ParseSolution(TaskType.Deduction, Output("new List<int> { 1, 2 }")).Value);
        Assert.Equal("3, 4", ResponseParser.ParseSolution(TaskType.Abduction, Input("3, 4")).Value);
        Assert.Equal(Program, ResponseParser.ParseSolution(TaskType.Induction, Program(Program)).Value);
    }

    [Fact]
    public void TheThinkTagOpenedByThePromptCountsWhenThePrefixIsPrepended()
    {
        string completion = " reasoning... </think> <answer>```output\n4\n```</answer>";
        var r = ResponseParser.ParseOutputPrediction("<think>" + completion);
        Assert.True(r.IsOk, r.Failure?.ToString());
        Assert.Equal("4", r.Value);
        Assert.Equal(FormatError.MissingThink, ResponseParser.ParseOutputPrediction(completion).Failure!.Error);
    }

    [Fact]
    public void MultiLineOutputsAndInputsAreKept()
    {
        var r = ResponseParser.ParseOutputPrediction(Output("new Dictionary<string, int>\n{\n    [\"a\"] = 1,\n}"));
        Assert.Equal("new Dictionary<string, int>\n{\n    [\"a\"] = 1,\n}", r.Value);
    }

    // ---- ill-formed responses: the envelope (shared by every type and role) ----

    public static TheoryData<string, FormatError> EnvelopeFailures => new()
    {
        { "", FormatError.Empty },
        { "   \n ", FormatError.Empty },
        { "<answer>```output\n1\n```</answer>", FormatError.MissingThink },
        { "<think>never closed <answer>```output\n1\n```</answer>", FormatError.MissingThink },
        { "<think>x</think>", FormatError.MissingAnswer },
        { "<think>x</think><answer>```output\n1\n```", FormatError.MissingAnswer },
        { "<think>a</think><think>b</think><answer>```output\n1\n```</answer>", FormatError.RepeatedTag },
        { "<think>x</think><answer>```output\n1\n```</answer><answer>2</answer>", FormatError.RepeatedTag },
        { "<answer>```output\n1\n```</answer><think>x</think>", FormatError.TagOrder },
        { "<think>x <answer>```output\n1\n```</answer></think>", FormatError.TagOrder },
        { "Sure! <think>x</think><answer>```output\n1\n```</answer>", FormatError.TextOutsideTags },
        { "<think>x</think> So: <answer>```output\n1\n```</answer>", FormatError.TextOutsideTags },
        { "<think>x</think><answer>```output\n1\n```</answer> Hope this helps.", FormatError.TextOutsideTags },
    };

    [Theory]
    [MemberData(nameof(EnvelopeFailures))]
    public void MalformedEnvelopesFailForEveryTypeAndRole(string response, FormatError expected)
    {
        foreach (var type in Enum.GetValues<TaskType>())
        {
            Assert.Equal(expected, ResponseParser.ParseSolution(type, response).Failure?.Error);
            Assert.Equal(expected, ResponseParser.ParseProposal(type, response, 10, Program).Failure?.Error);
        }
    }

    // ---- ill-formed answers, per type and role ----

    public static TheoryData<string, FormatError> TripletProposalFailures => new()
    {
        { Wrap(Block("csharp", Program)), FormatError.MissingBlock },                                       // no input
        { Wrap(Block("input", "1")), FormatError.MissingBlock },                                             // no program
        { Wrap(Block("csharp", Program) + "\n" + Block("input", "1") + "\n" + Block("input", "2")), FormatError.RepeatedBlock },
        { Wrap(Block("python", "def f(x): return x") + "\n" + Block("input", "1")), FormatError.UnexpectedBlock },
        { Wrap(Block("csharp", Program) + "\n" + Block("output", "2") + "\n" + Block("input", "1")), FormatError.UnexpectedBlock },
        { Wrap("Here is my program:\n" + Block("csharp", Program) + "\n" + Block("input", "1")), FormatError.TextOutsideBlocks },
        { Wrap(Block("csharp", Program) + "\n```input\n1"), FormatError.UnclosedBlock },
        { Wrap(Block("csharp", "  ") + "\n" + Block("input", "1")), FormatError.EmptyBlock },
        { Wrap("```\n" + Program + "\n```\n" + Block("input", "1")), FormatError.UnexpectedBlock },        // fence without a tag
        { Wrap("```input 1```\n" + Block("csharp", Program)), FormatError.UnexpectedBlock },                // one-line block
        { Wrap(""), FormatError.MissingBlock },
    };

    [Theory]
    [MemberData(nameof(TripletProposalFailures))]
    public void MalformedDeductionAndAbductionProposals(string response, FormatError expected)
    {
        Assert.Equal(expected, ResponseParser.ParseProposal(TaskType.Deduction, response).Failure?.Error);
        Assert.Equal(expected, ResponseParser.ParseProposal(TaskType.Abduction, response).Failure?.Error);
    }

    public static TheoryData<string, FormatError> InductionProposalFailures => new()
    {
        { Induction(["1", "2", "3"], "m"), FormatError.WrongInputCount },
        { Induction(["1", "2", "3", "4", "5"], "m"), FormatError.WrongInputCount },
        { Induction(["1", "2", "3", "  2 "], "m"), FormatError.DuplicateInputs },
        { Induction(["new[] { 1, 2 }", "new[]{1,2}", "3", "4"], "m"), FormatError.DuplicateInputs },
        { Wrap(string.Join("\n", new[] { "1", "2", "3", "4" }.Select(i => Block("input", i)))), FormatError.MissingBlock },
        { Induction(["1", "2", "3", "4"], "m") .Replace("</answer>", Block("message", "again") + "\n</answer>"), FormatError.RepeatedBlock },
        { Induction(["1", "2", "3", "4"], "m").Replace("```message", "```csharp"), FormatError.UnexpectedBlock },
        { Induction(["1", "2", "", "4"], "m"), FormatError.EmptyBlock },
        { Induction(["1", "2", "3", "4"], ""), FormatError.EmptyBlock },
    };

    [Theory]
    [MemberData(nameof(InductionProposalFailures))]
    public void MalformedInductionProposals(string response, FormatError expected)
    {
        var r = ResponseParser.ParseProposal(TaskType.Induction, response, 4, Program);
        Assert.Equal(expected, r.Failure?.Error);
        Assert.False(string.IsNullOrWhiteSpace(r.Failure!.Message));
    }

    public static TheoryData<TaskType, string, FormatError> SolverFailures => new()
    {
        { TaskType.Deduction, Input("1"), FormatError.UnexpectedBlock },
        { TaskType.Deduction, Wrap(Block("output", "1") + "\n" + Block("output", "2")), FormatError.RepeatedBlock },
        { TaskType.Deduction, Wrap("The output is 2."), FormatError.TextOutsideBlocks },
        { TaskType.Deduction, Wrap(Block("output", "")), FormatError.EmptyBlock },
        { TaskType.Abduction, Output("1"), FormatError.UnexpectedBlock },
        { TaskType.Abduction, Wrap(""), FormatError.MissingBlock },
        { TaskType.Abduction, Wrap("```input\n1\n"), FormatError.UnclosedBlock },
        { TaskType.Induction, Wrap(Block("python", "def f(a):\n    return a")), FormatError.UnexpectedBlock },
        { TaskType.Induction, Wrap(Block("csharp", Program) + "\n" + Block("csharp", Program)), FormatError.RepeatedBlock },
        { TaskType.Induction, Wrap(Block("csharp", Program) + "\nThis doubles x."), FormatError.TextOutsideBlocks },
    };

    [Theory]
    [MemberData(nameof(SolverFailures))]
    public void MalformedSolverAnswers(TaskType type, string response, FormatError expected)
    {
        var r = ResponseParser.ParseSolution(type, response);
        Assert.False(r.IsOk);
        Assert.Equal(expected, r.Failure!.Error);
        Assert.Null(r.Value);
    }

    [Fact]
    public void FailuresInsideTheAnswerStillReportTheReasoning()
    {
        var r = ResponseParser.ParseOutputPrediction(Wrap("no block", reasoning: "I traced the loop."));
        Assert.Equal("I traced the loop.", r.Reasoning);
        Assert.Contains("no block", r.Failure!.Message);
    }
}
