using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Validation;
using static AbsoluteZero.Tasks.Tests.Responses;

namespace AbsoluteZero.Tasks.Tests;

public class GradingTests
{
    private static readonly TaskOptions Options = new() { InductionInputs = 4, InductionShown = 2 };

    private static SolveAttempt Attempt(string id, TaskType type, CodeTask task, string response) =>
        new(id, type, task, ResponseParser.ParseSolution(type, response));

    private static readonly CodeTask SumTask = CodeTask.Triplet("sum", 1, FakeExecutor.Sum, "2, 3", "5");

    [Fact]
    public async Task AbductionIsGradedByRunningTheProgramOnTheSolversInput()
    {
        var exec = FakeExecutor.Standard();
        var grades = await new SolutionGrader(exec, Options).GradeAsync(
        [
            Attempt("gold-input", TaskType.Abduction, SumTask, Input("2, 3")),
            Attempt("other-input", TaskType.Abduction, SumTask, Input("4, 1")),          // a different input with the same output counts
            Attempt("wrong", TaskType.Abduction, SumTask, Input("4, 4")),
            Attempt("not-literals", TaskType.Abduction, SumTask, Input("two, three")),
            Attempt("malformed", TaskType.Abduction, SumTask, Output("2, 3")),
        ]);
        Assert.Equal([SolveOutcome.Correct, SolveOutcome.Correct, SolveOutcome.Wrong, SolveOutcome.Wrong, SolveOutcome.Malformed], grades.Select(g => g.Outcome));
        Assert.Equal(["gold-input", "other-input", "wrong", "not-literals", "malformed"], grades.Select(g => g.Id));
        Assert.Contains("got 8", grades[2].Reason);
        Assert.Contains("invalid_input", grades[3].Reason);
        Assert.Contains("unexpected_block", grades[4].Reason);

        var requests = exec.Calls.Single().Requests;
        Assert.All(requests, r => { Assert.Equal(FakeExecutor.Sum, r.Program); Assert.Equal("5", r.Expected); });
        Assert.Equal(["2, 3", "4, 1", "4, 4", "two, three"], requests.Select(r => r.Input));
        Assert.False(exec.Calls.Single().DeterminismCheck);
    }

    private static readonly CodeTask DoubleInduction = new()
    {
        Id = "ind", Step = 2, Program = FakeExecutor.Double, Inputs = ["1", "2", "10", "20"], Outputs = ["2", "4", "20", "40"], Message = "m",
    };

    [Fact]
    public async Task InductionIsGradedOnTheHiddenPairsOnlyAndAllMustMatch()
    {
        var exec = FakeExecutor.Standard();
        var grades = await new SolutionGrader(exec, Options).GradeAsync(
        [
            Attempt("right", TaskType.Induction, DoubleInduction, Program(FakeExecutor.Double)),
            // Fits the shown pairs (1→2, 2→4) but not the hidden ones (10→20, 20→40).
            Attempt("overfit", TaskType.Induction, DoubleInduction, Program(FakeExecutor.DoubleSmallOnly)),
            Attempt("no-compile", TaskType.Induction, DoubleInduction, Program("static int f(int x) => x +")),
        ]);
        Assert.Equal([SolveOutcome.Correct, SolveOutcome.Wrong, SolveOutcome.Wrong], grades.Select(g => g.Outcome));
        Assert.StartsWith("hidden pair 1: ", grades[1].Reason);
        Assert.Contains("compile_error", grades[2].Reason);

        var requests = exec.Calls.Single().Requests;
        Assert.Equal(6, requests.Count);                                              // 3 programs × 2 hidden pairs
        Assert.All(requests, r => Assert.Contains(r.Input, new[] { "10", "20" }));   // shown pairs are never run
        Assert.Equal(["20", "40", "20", "40", "20", "40"], requests.Select(r => r.Expected));
    }

    [Fact]
    public async Task InductionFailingOnlyTheLastHiddenPairIsWrong()
    {
        var exec = FakeExecutor.Standard().Add("static int f(int x) => x == 20 ? 0 : x * 2;", s => s.Trim() == "20" ? "0" : (int.Parse(s) * 2).ToString());
        var grades = await new SolutionGrader(exec, Options).GradeAsync(
            [Attempt("almost", TaskType.Induction, DoubleInduction, Program("static int f(int x) => x == 20 ? 0 : x * 2;"))]);
        Assert.Equal(SolveOutcome.Wrong, grades.Single().Outcome);
        Assert.StartsWith("hidden pair 2: got 0", grades.Single().Reason);
    }

    [Fact]
    public async Task DeductionByExecutionComparesStructurally()
    {
        var exec = FakeExecutor.Standard();
        var task = CodeTask.Triplet("d", 1, FakeExecutor.Double, "21", "42");
        var grades = await new SolutionGrader(exec, Options).GradeAsync(
        [
            Attempt("right", TaskType.Deduction, task, Output("42")),
            Attempt("right-spaced", TaskType.Deduction, task, Output(" 42 ")),
            Attempt("wrong", TaskType.Deduction, task, Output("41")),
        ]);
        Assert.Equal([SolveOutcome.Correct, SolveOutcome.Correct, SolveOutcome.Wrong], grades.Select(g => g.Outcome));
        Assert.All(exec.Calls.Single().Requests, r => { Assert.Equal("21", r.Input); Assert.Equal(FakeExecutor.Double, r.Program); });
    }

    private sealed class TextLiterals : ILiteralComparer
    {
        public int Calls;

        public bool? StructurallyEqual(string expected, string actual)
        {
            Calls++;
            if (actual.Contains('?')) return null;
            return CSharpText.Normalize(expected) == CSharpText.Normalize(actual);
        }
    }

    [Fact]
    public async Task DeductionByLiteralComparisonRunsNothing()
    {
        var exec = FakeExecutor.Standard();
        var literals = new TextLiterals();
        var task = CodeTask.Triplet("d", 1, FakeExecutor.Double, "21", "42");
        var grades = await new SolutionGrader(exec, Options with { DeductionGrading = DeductionGrading.Literal }, literals).GradeAsync(
        [
            Attempt("right", TaskType.Deduction, task, Output("42")),
            Attempt("wrong", TaskType.Deduction, task, Output("40")),
            Attempt("garbage", TaskType.Deduction, task, Output("4?2")),
        ]);
        Assert.Equal([SolveOutcome.Correct, SolveOutcome.Wrong, SolveOutcome.Wrong], grades.Select(g => g.Outcome));
        Assert.Contains("not a literal", grades[2].Reason);
        Assert.Equal(3, literals.Calls);
        Assert.Empty(exec.Calls);
        Assert.Throws<ArgumentException>(() => new SolutionGrader(exec, Options with { DeductionGrading = DeductionGrading.Literal }));
    }

    [Fact]
    public async Task IdenticalAnswersAreExecutedOnce()
    {
        var exec = FakeExecutor.Standard();
        var attempts = Enumerable.Range(0, 8).Select(i => Attempt($"mc{i}", TaskType.Abduction, SumTask, Input(i % 2 == 0 ? "2, 3" : "1, 1"))).ToList();
        var grades = await new SolutionGrader(exec, Options).GradeAsync(attempts);
        Assert.Equal(4, grades.Count(g => g.Outcome == SolveOutcome.Correct));
        Assert.Equal(2, exec.RequestCount);
    }

    [Fact]
    public async Task OverlongAnswersAreWrongWithoutExecution()
    {
        var exec = FakeExecutor.Standard();
        var tiny = Options with { Limits = new TaskLimits { MaxInputChars = 3, MaxOutputChars = 3, MaxProgramChars = 16 } };
        var grades = await new SolutionGrader(exec, tiny).GradeAsync(
        [
            Attempt("i", TaskType.Abduction, SumTask, Input("1000, 2")),
            Attempt("o", TaskType.Deduction, SumTask, Output("12345")),
            Attempt("p", TaskType.Induction, DoubleInduction, Program(FakeExecutor.Double)),
        ]);
        Assert.All(grades, g => Assert.Equal(SolveOutcome.Wrong, g.Outcome));
        Assert.Empty(exec.Calls);
    }
}
