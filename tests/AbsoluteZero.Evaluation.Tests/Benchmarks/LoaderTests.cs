using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Tests.Benchmarks;

public class LoaderTests
{
    public static TheoryData<string, int> Counts => new()
    {
        { "gsm8k", 1319 }, { "math500", 500 }, { "aime24", 30 }, { "aime25", 30 }, { "amc23", 40 },
        { "humaneval-plus", 164 }, { "mbpp-plus", 378 }, { "cruxeval-o", 800 }, { "cruxeval-i", 800 },
        { "multipl-e-humaneval-cs", 158 }, { "mxeval-humaneval-cs", 161 }, { "mbcsp", 968 },
    };

    [BenchmarkDataTheory]
    [MemberData(nameof(Counts))]
    public void EveryRegisteredBenchmarkLoadsItsRealFile(string name, int count)
    {
        Assert.NotNull(BenchmarkData.TryLocate());
        var problems = BenchmarkRegistry.Get(name).Load();
        Assert.Equal(count, problems.Count);
        Assert.All(problems, p => Assert.Equal(BenchmarkRegistry.Get(name).Family, p.Family));
    }

    [BenchmarkDataFact]
    public void FieldsAreReadAsDocumented()
    {
        var gsm = (MathProblem)BenchmarkRegistry.Get("gsm8k").Load()[0];
        Assert.Equal("18", gsm.Reference);
        var amc = BenchmarkRegistry.Get("amc23").Load().Cast<MathProblem>().ToList();
        Assert.All(amc, p => Assert.DoesNotContain(".", p.Reference));
        var math = (MathProblem)BenchmarkRegistry.Get("math500").Load()[0];
        Assert.StartsWith("test/", math.Id);
        var he = (PythonCodeProblem)BenchmarkRegistry.Get("humaneval-plus").Load()[0];
        Assert.Equal("has_close_elements", he.EntryPoint);
        Assert.True(he.SolutionContinuesPrompt);
        Assert.NotEmpty(he.BaseInputs);
        var mcs = (CSharpCodeProblem)BenchmarkRegistry.Get("multipl-e-humaneval-cs").Load()[0];
        Assert.Equal("HasCloseElements", mcs.EntryPoint);
        Assert.Equal(["\n    }\n"], mcs.StopTokens);
        var mbcsp = BenchmarkRegistry.Get("mbcsp").Load().Cast<CSharpCodeProblem>().ToList();
        Assert.Equal(725, mbcsp.Count(p => p.CanonicalSolution is not null));
    }

    [BenchmarkDataFact]
    public void MalformedLinesAreReportedWithFileAndLine()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.jsonl", "{\"question\":\"q\",\"answer\":\"#### 1\"}\n{not json\n");
        var e = Assert.Throws<InvalidDataException>(() => BenchmarkLoaders.Gsm8k(bad));
        Assert.Contains("bad.jsonl:2", e.Message);

        var missing = dir.File("missing.jsonl", "{\"question\":\"q\"}\n");
        e = Assert.Throws<InvalidDataException>(() => BenchmarkLoaders.Gsm8k(missing));
        Assert.Contains("missing.jsonl:1", e.Message);
        Assert.Contains("\"answer\"", e.Message);

        var dup = dir.File("dup.jsonl", "{\"id\":\"a\",\"code\":\"c\",\"input\":\"1\",\"output\":\"1\"}\n\n{\"id\":\"a\",\"code\":\"c\",\"input\":\"1\",\"output\":\"1\"}\n");
        e = Assert.Throws<InvalidDataException>(() => BenchmarkLoaders.CruxEval(dup, CruxMode.Output));
        Assert.Contains("dup.jsonl:3", e.Message);
        Assert.Contains("line 1", e.Message);

        var noHash = dir.File("nohash.jsonl", "{\"question\":\"q\",\"answer\":\"42\"}\n");
        e = Assert.Throws<InvalidDataException>(() => BenchmarkLoaders.Gsm8k(noHash));
        Assert.Contains("####", e.Message);

        Assert.Throws<FileNotFoundException>(() => BenchmarkLoaders.MathAnswer(Path.Combine(dir.Path, "none.jsonl")));
    }

    [BenchmarkDataFact]
    public void UnknownBenchmarkNamesListTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchmarkRegistry.Get("nope"));
        Assert.Contains("gsm8k", e.Message);
    }
}
