using AbsoluteZero.Evaluation.Benchmarks;
using AbsoluteZero.Evaluation.Scoring;

namespace AbsoluteZero.Evaluation.Tests.Running;

public class CandidateExtractionTests
{
    [BenchmarkDataFact]
    public void ChatCodeBlocksBecomeProgramsAndBodies()
    {
        var py = (PythonCodeProblem)BenchmarkRegistry.Get("humaneval-plus").Load()[0];
        var handler = new PythonCodeHandler(new AbsoluteZero.Evaluation.Python.PythonSandbox());
        var program = handler.ToCandidate(py, "Sure!\n```python\ndef has_close_elements(numbers, threshold):\n    return False\n```\nDone.", PromptStyle.Chat);
        Assert.StartsWith("from typing import List", program);
        Assert.Contains("def has_close_elements(numbers, threshold):\n    return False", program);
        var baseProgram = handler.ToCandidate(py, "    return True\n\ndef helper():\n    pass\n", PromptStyle.Base);
        Assert.Equal(py.Prompt + "    return True\n", baseProgram);

        var cs = (CSharpCodeProblem)BenchmarkRegistry.Get("mbcsp").Load().First(p => ((CSharpCodeProblem)p).CanonicalSolution is not null);
        var csHandler = new CSharpCodeHandler(new NoRunner());
        var body = csHandler.ToCandidate(cs, $"```csharp\npublic static bool {cs.EntryPoint} (int n)\n{{\n    return n > 1;\n}}\n```", PromptStyle.Chat);
        Assert.Equal("\n    return n > 1;\n        }\n", body);
        var mple = (CSharpCodeProblem)BenchmarkRegistry.Get("multipl-e-humaneval-cs").Load()[0];
        Assert.Equal("        return true;\n", csHandler.ToCandidate(mple, "        return true;\n    }\n    static void Extra() {}\n", PromptStyle.Base));
    }

    [BenchmarkDataFact]
    public void MathTemplatesAskForABoxedAnswer()
    {
        var p = new MathProblem("x", "What is 1+1?", "2");
        var handler = new MathHandler();
        Assert.Contains("\\boxed{}", handler.BuildPrompt(p, PromptStyle.Base));
        Assert.StartsWith("Question: What is 1+1?", handler.BuildPrompt(p, PromptStyle.Base));
        Assert.StartsWith("What is 1+1?\n", handler.BuildPrompt(p, PromptStyle.Chat));
        Assert.Equal("2", handler.ToCandidate(p, "1+1 = 2, so \\boxed{2}", PromptStyle.Base));
    }

    private sealed class NoRunner : AbsoluteZero.Execution.ICompleteProgramRunner
    {
        public Task<IReadOnlyList<AbsoluteZero.Execution.CompleteProgramResult>> RunCompleteProgramsAsync(IReadOnlyList<AbsoluteZero.Execution.CompleteProgramRequest> requests,
            TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not used");
    }
}
