using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Tasks.Randomness;

namespace AbsoluteZero.Tasks.Tests;

public class PromptBuilderTests
{
    private static readonly TaskOptions Options = new() { InductionInputs = 4, InductionShown = 2 };
    private static readonly PromptBuilder Builder = new(TemplateSet.Load(), Options);

    private static CodeTask T(string id, string program, string input, string output) => CodeTask.Triplet(id, 1, program, input, output);

    [Fact]
    public void PromptsUseTheR1WrapperAndOpenTheThinkBlock()
    {
        var p = Builder.Solve(TaskType.Deduction, T("t", FakeExecutor.Double, "21", "42"));
        Assert.StartsWith("A conversation between User and Assistant.", p.Text);
        Assert.EndsWith("\nAssistant: <think>", p.Text);
        Assert.Equal("<think>", p.ResponsePrefix);
        Assert.Equal("<think> x", p.Response(" x"));
    }

    [Fact]
    public void ProposerPromptsShowEveryReferenceTriplet()
    {
        var refs = new[] { T("a", FakeExecutor.Double, "21", "42"), T("b", FakeExecutor.Identity, "\"q\"", "\"q\"") };
        foreach (var type in new[] { TaskType.Deduction, TaskType.Abduction })
        {
            var p = Builder.Propose(type, refs);
            Assert.Contains("<snippet_0>\n```csharp\n" + FakeExecutor.Double + "\n```\n```input\n21\n```\n```output\n42\n```\n</snippet_0>", p.Text);
            Assert.Contains("<snippet_1>", p.Text);
            Assert.DoesNotContain("<snippet_2>", p.Text);
            Assert.Contains("Reference Programs (2)", p.Text);
            Assert.DoesNotContain("{{", p.Text);
        }
        Assert.Contains("deduce the output from the input", Builder.Propose(TaskType.Deduction, refs).Text);
        Assert.Contains("find an input from a given output", Builder.Propose(TaskType.Abduction, refs).Text);
        Assert.Throws<ArgumentException>(() => Builder.Propose(TaskType.Induction, refs));
    }

    [Fact]
    public void SolverPromptsHideWhatTheSolverMustFind()
    {
        var task = T("t", FakeExecutor.Double, "12345", "24690");
        var deduction = Builder.Solve(TaskType.Deduction, task).Text;
        Assert.Contains("12345", deduction);
        Assert.DoesNotContain("24690", deduction);
        var abduction = Builder.Solve(TaskType.Abduction, task).Text;
        Assert.Contains("24690", abduction);
        Assert.DoesNotContain("12345", abduction);
    }

    [Fact]
    public void InductionSolverSeesOnlyTheShownPairsAndTheMessage()
    {
        var task = new CodeTask
        {
            Id = "i", Program = FakeExecutor.Double, Inputs = ["101", "102", "103", "104"], Outputs = ["202", "204", "206", "208"],
            Message = "Think about doubling.",
        };
        var text = Builder.Solve(TaskType.Induction, task).Text;
        Assert.Contains("```input_0\n101\n```\n```output_0\n202\n```", text);
        Assert.Contains("```input_1\n102\n```\n```output_1\n204\n```", text);
        foreach (var hidden in new[] { "103", "104", "206", "208" }) Assert.DoesNotContain(hidden, text);
        Assert.DoesNotContain("x * 2", text);                                 // the program stays hidden
        Assert.Contains("```message\nThink about doubling.\n```", text);
        Assert.Contains("Pairs (2)", text);
    }

    [Fact]
    public void InductionProposerSeesTheProgramAndTheInputCount()
    {
        var text = Builder.ProposeInduction(FakeExecutor.Sum).Text;
        Assert.Contains("```csharp\n" + FakeExecutor.Sum + "\n```", text);
        Assert.Contains("Give 4 Inputs", text);
        Assert.Contains("exactly 4 different inputs", text);
    }

    [Fact]
    public void ProposerPromptFromTheSeededBufferShowsTheIdentityTriplet()
    {
        var seed = SeedTasks.Load();
        var buffers = BufferSet.CreateSeeded(seed, new BufferOptions());
        var refs = buffers[TaskType.Deduction].SampleReferences(6, new DeterministicRandom(1));
        var text = Builder.Propose(TaskType.Deduction, refs).Text;
        Assert.Contains("static string f(string x) => x;", text);
        Assert.Contains("```input\n\"Hello World\"\n```", text);
    }

    [Fact]
    public void AnAnswerInTheRequestedFormatParses()
    {
        // The example answer format shown in each prompt must itself be accepted by the parser.
        var p = Builder.Solve(TaskType.Abduction, T("t", FakeExecutor.Double, "1", "2"));
        var r = ResponseParser.ParseInputPrediction(p.Response(" hmm </think>\n<answer>\n```input\n\"John\", new Dictionary<string, int> { [\"age\"] = 20 }\n```\n</answer>"));
        Assert.True(r.IsOk, r.Failure?.ToString());
    }
}
