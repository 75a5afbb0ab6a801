using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Randomness;

namespace AbsoluteZero.Tasks.Tests;

public class BufferTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-buffers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CodeTask T(int n, int step = 1) => CodeTask.Triplet($"t{n}", step, $"static int f(int x) => x + {n};", "1", (1 + n).ToString());

    [Fact]
    public void ASeededSetHoldsTheIdentityTripletInEveryBuffer()
    {
        var seed = SeedTasks.Load();
        Assert.Equal("static string f(string x) => x;", seed.Program);
        Assert.Equal("\"Hello World\"", seed.Input);
        var set = BufferSet.CreateSeeded(seed, new BufferOptions());
        foreach (var type in Enum.GetValues<TaskType>())
        {
            var only = Assert.Single(set[type].Entries);
            Assert.Equal(("seed", 0, seed.Program), (only.Id, only.Step, only.Program));
        }
        Assert.Equal(["\"Hello World\""], set[TaskType.Deduction].Entries[0].Inputs);
        Assert.Equal(10, set[TaskType.Induction].Entries[0].Inputs.Count);
        Assert.Equal(set[TaskType.Induction].Entries[0].Inputs, set[TaskType.Induction].Entries[0].Outputs);
        Assert.Equal("Write a function that returns whatever you input.", set[TaskType.Induction].Entries[0].Message);
        Assert.Equal(new Dictionary<TaskType, int> { [TaskType.Deduction] = 1, [TaskType.Abduction] = 1, [TaskType.Induction] = 1 }, set.Sizes);
    }

    [Fact]
    public void AddingDeduplicatesByNormalisedProgramAndInputs()
    {
        var b = new TaskBuffer(TaskType.Deduction, new BufferOptions());
        Assert.Equal(BufferAddResult.Added, b.Add(T(1)));
        Assert.Equal(BufferAddResult.Duplicate, b.Add(T(1) with { Id = "copy", Program = "static int f(int x)\n  => x + 1;  // comment" }));
        Assert.Equal(BufferAddResult.Added, b.Add(T(1) with { Id = "new-input", Inputs = ["2"] }));
        Assert.Equal(BufferAddResult.Added, b.Add(T(1) with { Id = "string-differs", Program = "static string f(int x) => \"a  b\";" }));
        Assert.Equal(BufferAddResult.Added, b.Add(T(1) with { Id = "string-differs2", Program = "static string f(int x) => \"a b\";" }));
        Assert.Equal(4, b.Count);
        Assert.NotNull(b.FindDuplicate("static int f(int x) => x + 1;", [" 1 "]));
    }

    [Fact]
    public void AtTheCapEvictOldestKeepsTheSeedAndTheNewest()
    {
        var b = new TaskBuffer(TaskType.Deduction, new BufferOptions { Capacity = 3 }, [SeedTasks.Load().Triplet]);
        for (int i = 1; i <= 5; i++) Assert.Equal(BufferAddResult.Added, b.Add(T(i)));
        Assert.Equal(["seed", "t4", "t5"], b.Entries.Select(e => e.Id));
        Assert.Equal(BufferAddResult.Added, b.Add(T(3)));                              // evicted tasks may come back
        Assert.Equal(["seed", "t5", "t3"], b.Entries.Select(e => e.Id));
    }

    [Fact]
    public void AtTheCapRejectNewKeepsTheOldestLikeTheReferenceCode()
    {
        var b = new TaskBuffer(TaskType.Deduction, new BufferOptions { Capacity = 3, Overflow = BufferOverflow.RejectNew }, [SeedTasks.Load().Triplet]);
        Assert.Equal(BufferAddResult.Added, b.Add(T(1)));
        Assert.Equal(BufferAddResult.Added, b.Add(T(2)));
        Assert.Equal(BufferAddResult.Full, b.Add(T(3)));
        Assert.Equal(["seed", "t1", "t2"], b.Entries.Select(e => e.Id));
    }

    [Fact]
    public void ReferencesAreDrawnWithoutReplacementAndReproducibly()
    {
        var b = new TaskBuffer(TaskType.Deduction, new BufferOptions(), Enumerable.Range(1, 20).Select(i => T(i)));
        var first = b.SampleReferences(6, new DeterministicRandom(7)).Select(e => e.Id).ToList();
        Assert.Equal(6, first.Distinct().Count());
        Assert.Equal(first, b.SampleReferences(6, new DeterministicRandom(7)).Select(e => e.Id));
        Assert.NotEqual(first, b.SampleReferences(6, new DeterministicRandom(8)).Select(e => e.Id));
        Assert.Equal(20, b.SampleReferences(50, new DeterministicRandom(1)).Select(e => e.Id).Distinct().Count());
        Assert.Empty(b.SampleReferences(0, new DeterministicRandom(1)));

        // Every entry is drawn about equally often (uniform): 2000 draws of 6 from 20 → 600 each in expectation.
        var counts = new Dictionary<string, int>();
        var rng = new DeterministicRandom(3);
        for (int i = 0; i < 2000; i++)
            foreach (var e in b.SampleReferences(6, rng)) counts[e.Id] = counts.GetValueOrDefault(e.Id) + 1;
        Assert.All(counts.Values, c => Assert.InRange(c, 480, 720));
    }

    [Fact]
    public void SolverBatchesPutThisStepsTasksFirstThenFillUniformly()
    {
        var b = new TaskBuffer(TaskType.Deduction, new BufferOptions(), Enumerable.Range(1, 10).Select(i => T(i, step: i <= 7 ? 1 : 2)));
        var batch = b.AssembleSolverBatch(6, currentStep: 2, new DeterministicRandom(5));
        Assert.Equal(6, batch.Count);
        Assert.Equal(new[] { "t8", "t9", "t10" }.Order(), batch.Take(3).Select(e => e.Id).Order());
        Assert.All(batch.Skip(3), e => Assert.Equal(1, e.Step));
        Assert.Equal(6, batch.Select(e => e.Id).Distinct().Count());                  // no repeats while the buffer suffices

        // More new tasks than the batch: a subset of the new ones only.
        var onlyNew = b.AssembleSolverBatch(2, currentStep: 2, new DeterministicRandom(5));
        Assert.All(onlyNew, e => Assert.Equal(2, e.Step));

        // A window of 2 steps counts step 1 as new too.
        var wide = new TaskBuffer(TaskType.Deduction, new BufferOptions { NewTaskWindow = 2 }, b.Entries);
        Assert.All(wide.AssembleSolverBatch(10, currentStep: 2, new DeterministicRandom(5)), e => Assert.InRange(e.Step, 1, 2));

        // A buffer smaller than the batch repeats entries.
        var small = new TaskBuffer(TaskType.Deduction, new BufferOptions(), [SeedTasks.Load().Triplet]);
        var repeated = small.AssembleSolverBatch(4, currentStep: 1, new DeterministicRandom(5));
        Assert.Equal(4, repeated.Count);
        Assert.All(repeated, e => Assert.Equal("seed", e.Id));
    }

    [Fact]
    public void SaveAndLoadRoundTripTheRunDirectoryFormat()
    {
        var set = BufferSet.CreateSeeded(SeedTasks.Load(), new BufferOptions());
        set[TaskType.Deduction].Add(T(1, step: 3));
        set[TaskType.Induction].Add(new CodeTask { Id = "s2-induction-0", Step = 2, Program = "p", Inputs = ["1", "2"], Outputs = ["3", "4"], Message = "hi" });
        set.Save(_dir);

        var line = File.ReadAllLines(Path.Combine(_dir, "deduction.jsonl"))[1];
        Assert.Equal("""{"id":"t1","step":3,"program":"static int f(int x) =\u003E x \u002B 1;","inputs":["1"],"outputs":["2"],"message":null}""", line);

        var loaded = BufferSet.Load(_dir, new BufferOptions());
        foreach (var type in Enum.GetValues<TaskType>())
        {
            Assert.Equal(set[type].Entries.Select(e => e.Id), loaded[type].Entries.Select(e => e.Id));
            Assert.Equal(set[type].Entries.SelectMany(e => e.Outputs), loaded[type].Entries.SelectMany(e => e.Outputs));
        }
        Assert.Equal("hi", loaded[TaskType.Induction].Entries[1].Message);
        Assert.Equal(BufferAddResult.Duplicate, loaded[TaskType.Deduction].Add(T(1)));   // dedup index restored
        Assert.Empty(Directory.GetFiles(_dir, ".*"));                                    // no temporary files left
    }

    [Fact]
    public void LoadingBadBuffersFailsWithFileAndLine()
    {
        BufferSet.CreateSeeded(SeedTasks.Load(), new BufferOptions()).Save(_dir);
        string path = Path.Combine(_dir, "abduction.jsonl");
        File.AppendAllText(path, """{"id":"x","step":1,"program":"p","inputs":["1","2"],"outputs":["1","2"],"message":null}""" + "\n");
        Assert.Contains("task 2 ('x'): a abduction task has exactly one input", Assert.Throws<InvalidDataException>(() => BufferSet.Load(_dir, new BufferOptions())).Message);

        File.WriteAllText(path, "{\"id\":\"x\",\n");
        Assert.Contains("abduction.jsonl: line 1", Assert.Throws<InvalidDataException>(() => BufferSet.Load(_dir, new BufferOptions())).Message);

        File.Delete(path);
        Assert.Throws<FileNotFoundException>(() => BufferSet.Load(_dir, new BufferOptions()));
    }

    [Fact]
    public void InductionSourcesComeFromTheDeductionAndAbductionBuffers()
    {
        var set = BufferSet.CreateSeeded(SeedTasks.Load(), new BufferOptions());
        set[TaskType.Deduction].Add(T(1));
        set[TaskType.Abduction].Add(T(2));
        set[TaskType.Induction].Add(new CodeTask { Id = "ind", Program = "never", Inputs = ["1", "2"], Outputs = ["1", "2"], Message = "m" });
        var rng = new DeterministicRandom(11);
        var seen = Enumerable.Range(0, 200).Select(_ => set.SampleInductionSource(rng).Id).ToHashSet();
        Assert.Equal(new HashSet<string> { "seed", "t1", "t2" }, seen);
    }
}
