using AbsoluteZero.Tasks.Randomness;
using AbsoluteZero.Tasks.Validation;

namespace AbsoluteZero.Tasks.Tests;

public class CSharpTextTests
{
    [Theory]
    [InlineData("static int f(int x)\n{\n    return x + 1; // add\n}", "static int f(int x){return x + 1;}")]
    [InlineData("f( a ,b )", "f(a,b)")]
    [InlineData("/* c */ int   x", "int x")]
    [InlineData("\"a  b\" + 'c'", "\"a  b\" + 'c'")]
    [InlineData("@\"x \"\" y\"  +  \"q\\\" r\"", "@\"x \"\" y\" + \"q\\\" r\"")]
    [InlineData("new[] { 1, 2 }", "new[]{1,2}")]
    public void NormalisesCommentsAndWhitespaceOutsideLiterals(string text, string expected) =>
        Assert.Equal(expected, CSharpText.Normalize(text));

    [Theory]
    [InlineData("x - -y", "x--y")]            // minus-minus vs decrement
    [InlineData("a + +b", "a++b")]
    [InlineData("List<List<int> >", "List<List<int>>")]
    [InlineData("\"a b\"", "\"ab\"")]
    public void NeverMergesDifferentPrograms(string a, string b) =>
        Assert.NotEqual(CSharpText.Normalize(a), CSharpText.Normalize(b));

    [Theory]
    [InlineData("$\"{x}  y\"")]
    [InlineData("\"\"\"raw  text\"\"\"")]
    [InlineData("#if X\nint y;\n#endif")]
    [InlineData("\"unterminated  ")]
    public void UncertainTextIsOnlyTrimmed(string text) => Assert.Equal(text.Trim(), CSharpText.Normalize("  " + text + "\n"));
}

public class DeterministicRandomTests
{
    [Fact]
    public void EqualSeedsGiveEqualStreamsAndStateRestoresExactly()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => a.NextUInt64()), Enumerable.Range(0, 10).Select(_ => b.NextUInt64()));
        var saved = a.State;
        var expected = Enumerable.Range(0, 10).Select(_ => a.NextInt(1000)).ToList();
        var restored = DeterministicRandom.FromState(saved);
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(_ => restored.NextInt(1000)));
        Assert.Throws<ArgumentException>(() => DeterministicRandom.FromState([0, 0, 0, 0]));
    }

    [Fact]
    public void KnownFirstValuesPinTheAlgorithm()
    {
        // xoshiro256** seeded by SplitMix64(0): a change here would silently change every run's draws.
        var r = new DeterministicRandom(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, r.NextUInt64());
    }

    [Fact]
    public void DrawsAreInRangeAndRoughlyUniform()
    {
        var r = new DeterministicRandom(9);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        for (int i = 0; i < 1000; i++) Assert.InRange(r.NextDouble(), 0.0, 0.9999999999);
        var s = r.SampleWithoutReplacement(10, 10);
        Assert.Equal(Enumerable.Range(0, 10), s.Order());
        Assert.NotEqual(r.Fork().NextUInt64(), r.Fork().NextUInt64());
    }
}

public class SeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-seed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheBuiltInSeedIsTheFileInTheRepository()
    {
        var builtIn = SeedTasks.Load();
        var file = SeedTasks.Load(Path.Combine(TemplateTests.RepoRoot(), "tasks", "seed", "identity.json"));
        Assert.Equal(builtIn.Program, file.Program);
        Assert.Equal(builtIn.InductionInputs, file.InductionInputs);
        var split = builtIn.Induction.SplitForInduction(5, 10);
        Assert.Equal(5, split.Shown.Count);
        Assert.Equal(5, split.Hidden.Count);
        Assert.Equal("\"Hello World\"", split.Shown[0].Input);
    }

    [Fact]
    public void BadSeedFilesAreRejectedWithTheirPath()
    {
        string path = Path.Combine(_dir, "seed.json");
        File.WriteAllText(path, """{ "program": "static int f(int x) => x;", "input": "1", "output": "1", "induction_inputs": ["1"], "induction_outputs": ["1"], "induction_message": "m" }""");
        var e = Assert.Throws<InvalidDataException>(() => SeedTasks.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("at least 2 inputs", e.Message);
        File.WriteAllText(path, """{ "programm": "x" }""");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => SeedTasks.Load(path)).Message);
        Assert.Throws<FileNotFoundException>(() => SeedTasks.Load(Path.Combine(_dir, "none.json")));
    }

    [Fact]
    public void InductionSplitFollowsTheConfiguredRatio()
    {
        var t = new CodeTask { Id = "x", Inputs = [.. Enumerable.Range(0, 10).Select(i => i.ToString())], Outputs = [.. Enumerable.Range(0, 10).Select(i => i.ToString())] };
        Assert.Equal(5, t.SplitForInduction(5, 10).Shown.Count);
        Assert.Equal(5, t.SplitForInduction(2, 4).Shown.Count);                       // same ratio
        Assert.Single(t.SplitForInduction(0, 10).Shown);                    // at least one shown
        Assert.Equal(9, t.SplitForInduction(10, 10).Shown.Count);                      // at least one hidden
        var odd = t with { Inputs = t.Inputs.Take(5).ToList(), Outputs = t.Outputs.Take(5).ToList() };
        Assert.Equal(2, odd.SplitForInduction(5, 10).Shown.Count);                     // AZR: 5 // 2
        Assert.Throws<InvalidOperationException>(() => (t with { Inputs = ["1"], Outputs = ["1"] }).SplitForInduction(5, 10));
    }
}
