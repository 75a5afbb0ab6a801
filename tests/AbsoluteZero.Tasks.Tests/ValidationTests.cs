using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Parsing;
using AbsoluteZero.Tasks.Validation;
using static AbsoluteZero.Tasks.Tests.Responses;

namespace AbsoluteZero.Tasks.Tests;

public class ValidationTests
{
    private static readonly TaskOptions Options = new() { InductionInputs = 4, InductionShown = 2 };

    private static BufferSet Buffers() => BufferSet.CreateSeeded(SeedTasks.Load(), new BufferOptions());

    private static ProposalCandidate Triplet(string id, string program, string input, TaskType type = TaskType.Deduction) =>
        new(id, type, ResponseParser.ParseTripletProposal(Responses.Triplet(program, input)));

    [Fact]
    public void AValidProposalGetsItsGoldOutputFromTheExecutor()
    {
        var exec = FakeExecutor.Standard();
        var checks = await_(new ProposalValidator(exec, Options).ValidateAsync([Triplet("s3-deduction-0", FakeExecutor.Double, "21")], Buffers(), 3));
        var c = Assert.Single(checks);
        Assert.Equal(ProposalVerdict.Ok, c.Verdict);
        Assert.True(c.IsValid);
        Assert.Null(c.Reason);
        Assert.Equal(("s3-deduction-0", 3, FakeExecutor.Double, null), (c.Task!.Id, c.Task.Step, c.Task.Program, c.Task.Message));
        Assert.Equal(["21"], c.Task.Inputs);
        Assert.Equal(["42"], c.Task.Outputs);
        Assert.True(exec.Calls.Single().DeterminismCheck);
        Assert.Equal("s3-deduction-0/0", exec.Calls.Single().Requests.Single().Id);
    }

    [Fact]
    public void ExecutorVerdictsBecomeProposalVerdictsAndInvalidTasksCarryNoTask()
    {
        var exec = FakeExecutor.Standard();
        var checks = await_(new ProposalValidator(exec, Options).ValidateAsync(
        [
            Triplet("a", "static int f(int x) => y;", "1"),
            Triplet("b", FakeExecutor.Throws, "1"),
            Triplet("c", FakeExecutor.Flaky, "1"),
            Triplet("d", FakeExecutor.Double, "\"not an int\""),
            new ProposalCandidate("e", TaskType.Abduction, ResponseParser.ParseTripletProposal(Wrap("no blocks"))),
        ], Buffers(), 1));
        Assert.Equal([ProposalVerdict.CompileError, ProposalVerdict.RuntimeError, ProposalVerdict.Nondeterministic, ProposalVerdict.InvalidInput, ProposalVerdict.FormatError],
            checks.Select(c => c.Verdict));
        Assert.All(checks, c => { Assert.False(c.IsValid); Assert.Null(c.Task); Assert.False(string.IsNullOrEmpty(c.Reason)); });
        Assert.Contains("InvalidOperationException", checks[1].Reason);
        Assert.Contains("text_outside_blocks", checks[4].Reason);
        Assert.Equal(4, exec.RequestCount);                                    // the malformed one never reached the executor
    }

    [Fact]
    public void LimitsAreCheckedBeforeAndAfterExecution()
    {
        var exec = FakeExecutor.Standard();
        var small = Options with { Limits = new TaskLimits { MaxProgramChars = 30, MaxInputChars = 5, MaxOutputChars = 3 } };
        var checks = await_(new ProposalValidator(exec, small).ValidateAsync(
        [
            Triplet("long-program", "static int f(int x) { return x * 2 + 0 + 0; }", "1"),
            Triplet("long-input", FakeExecutor.Double, "123456"),
            Triplet("long-output", FakeExecutor.Double, "5000"),                 // 10000: 5 characters
            Triplet("fine", FakeExecutor.Double, "50"),
        ], Buffers(), 1));
        Assert.Equal([ProposalVerdict.TooLong, ProposalVerdict.TooLong, ProposalVerdict.TooLong, ProposalVerdict.Ok], checks.Select(c => c.Verdict));
        Assert.Contains("program has", checks[0].Reason);
        Assert.Contains("input 1 has 6 characters (limit 5)", checks[1].Reason);
        Assert.Contains("output has 5 characters (limit 3)", checks[2].Reason);
        Assert.Equal(2, exec.RequestCount);
    }

    [Fact]
    public void DuplicatesOfBufferedTasksAndOfEarlierProposalsAreValidButMarked()
    {
        var exec = FakeExecutor.Standard();
        var buffers = Buffers();
        var checks = await_(new ProposalValidator(exec, Options).ValidateAsync(
        [
            Triplet("seedcopy", "static  string f(string x)   =>  x; // same as the seed", "\"Hello World\""),
            Triplet("first", FakeExecutor.Double, "7"),
            Triplet("again", FakeExecutor.Double, " 7 "),
            Triplet("other-type", FakeExecutor.Double, "7", TaskType.Abduction),    // buffers are per type
            Triplet("bad", FakeExecutor.Throws, "1"),
            Triplet("bad-again", FakeExecutor.Throws, "1"),
        ], buffers, 2));
        Assert.Equal([ProposalVerdict.Duplicate, ProposalVerdict.Ok, ProposalVerdict.Duplicate, ProposalVerdict.Ok, ProposalVerdict.RuntimeError, ProposalVerdict.RuntimeError],
            checks.Select(c => c.Verdict));
        Assert.Equal("repeats task 'seed'", checks[0].Reason);
        Assert.Equal(["\"Hello World\""], checks[0].Task!.Outputs);
        Assert.Equal("repeats proposal 'first'", checks[2].Reason);
        Assert.Equal(["14"], checks[2].Task!.Outputs);
        Assert.Equal("again", checks[2].Task!.Id);
        Assert.Contains("same task as proposal 'bad'", checks[5].Reason);
        Assert.Equal(3, exec.RequestCount);                                     // first, other-type, bad

        // Only the Ok ones enter the buffers.
        Assert.Equal([false, true, false, true, false, false], checks.Select(buffers.Accept));
        Assert.Equal(["seed", "first"], buffers[TaskType.Deduction].Entries.Select(e => e.Id));
        Assert.Equal(["seed", "other-type"], buffers[TaskType.Abduction].Entries.Select(e => e.Id));
    }

    [Fact]
    public void InductionProposalsRunEveryInputAndFailOnTheFirstBadOne()
    {
        var exec = FakeExecutor.Standard();
        ProposalCandidate Ind(string id, params string[] inputs) =>
            new(id, TaskType.Induction, ResponseParser.ParseInductionProposal(Induction(inputs, "doubling"), FakeExecutor.Double, 4));
        var checks = await_(new ProposalValidator(exec, Options).ValidateAsync(
            [Ind("good", "1", "2", "3", "4"), Ind("bad", "1", "2", "\"x\"", "4")], Buffers(), 5));
        Assert.Equal(ProposalVerdict.Ok, checks[0].Verdict);
        Assert.Equal(["2", "4", "6", "8"], checks[0].Task!.Outputs);
        Assert.Equal("doubling", checks[0].Task!.Message);
        Assert.Equal(ProposalVerdict.InvalidInput, checks[1].Verdict);
        Assert.StartsWith("input 3: ", checks[1].Reason);
        Assert.Equal(8, exec.RequestCount);
    }

    [Fact]
    public void DeterminismCheckCanBeTurnedOff()
    {
        var exec = FakeExecutor.Standard();
        await_(new ProposalValidator(exec, Options, determinismCheck: false).ValidateAsync([Triplet("a", FakeExecutor.Double, "1")], Buffers(), 1));
        Assert.False(exec.Calls.Single().DeterminismCheck);
    }

    [Fact]
    public void VerdictNamesAreSnakeCase()
    {
        Assert.Equal("compile_error", ProposalVerdict.CompileError.ToName());
        Assert.Equal("too_long", ProposalVerdict.TooLong.ToName());
        Assert.Equal("ok", ProposalVerdict.Ok.ToName());
        foreach (var v in Enum.GetValues<AbsoluteZero.Execution.Verdict>().Where(v => v != AbsoluteZero.Execution.Verdict.Ok))
            Assert.Equal(v.ToString(), ProposalVerdicts.FromExecutor(v).ToString());
    }

    private static T await_<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
