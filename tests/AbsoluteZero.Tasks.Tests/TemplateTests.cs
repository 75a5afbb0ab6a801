using AbsoluteZero.Tasks.Prompts;

namespace AbsoluteZero.Tasks.Tests;

public class TemplateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-templates-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Template Parse(string text, string[]? allowed = null, string[]? required = null) =>
        Template.Parse("t", "t.txt", text, allowed ?? ["a", "b"], required ?? []);

    [Fact]
    public void PlaceholdersAreReplacedVerbatimAndNeverRescanned()
    {
        var t = Parse("x={{a}}, y={{ b }}.");
        Assert.Equal("x={{b}}, y=$\"{{1}}\".", t.Render(new Dictionary<string, string> { ["a"] = "{{b}}", ["b"] = "$\"{{1}}\"" }));
        Assert.Equal(new HashSet<string> { "a", "b" }, t.Placeholders);
    }

    [Fact]
    public void CommentsDisappearAndEscapesWriteBraces()
    {
        var t = Parse("{{! header line }}\nline {{a}} {{! inline }}end\n  {{! indented comment }}\n\\{{literal}}");
        Assert.Equal("line 1 end\n{{literal}}", t.Render(new Dictionary<string, string> { ["a"] = "1" }));
    }

    [Fact]
    public void UnknownPlaceholderIsAnErrorNamingFileAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse("first\nsecond {{c}}"));
        Assert.Contains("t.txt: line 2", e.Message);
        Assert.Contains("unknown placeholder '{{c}}'", e.Message);
        Assert.Contains("known: a, b", e.Message);
    }

    [Fact]
    public void MissingRequiredPlaceholderAndBadSyntaxAreErrors()
    {
        Assert.Contains("must use {{b}}", Assert.Throws<InvalidDataException>(() => Parse("{{a}}", required: ["a", "b"])).Message);
        Assert.Contains("line 1: unterminated", Assert.Throws<InvalidDataException>(() => Parse("{{a")).Message);
        Assert.Contains("not a placeholder name", Assert.Throws<InvalidDataException>(() => Parse("{{a b}}")).Message);
    }

    [Fact]
    public void RenderingWithoutAValueIsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => Parse("{{a}}").Render(new Dictionary<string, string>()));
    }

    [Fact]
    public void BuiltInTemplatesAllLoadAndMatchTheFilesInTheRepository()
    {
        var set = TemplateSet.Load();
        Assert.Equal(TemplateSet.Specs.Keys.Order(), set.Sources.Keys.Order());
        Assert.All(set.Sources.Values, s => Assert.StartsWith("built-in:", s));
        Assert.Matches("^[0-9a-f]{16}$", set.Fingerprint);
        // The built-in copies are the files under tasks/templates (the same set, loaded as overrides, has the same fingerprint).
        var fromFiles = TemplateSet.Load(Path.Combine(RepoRoot(), "tasks", "templates"));
        Assert.Equal(set.Fingerprint, fromFiles.Fingerprint);
        Assert.All(fromFiles.Sources.Values, s => Assert.EndsWith(".txt", s));
    }

    [Fact]
    public void OverridesReplaceOnlyTheirTemplateAndChangeTheFingerprint()
    {
        File.WriteAllText(Path.Combine(_dir, "solve_deduction.txt"), "P={{program}} I={{input}}");
        var set = TemplateSet.Load(_dir);
        Assert.Equal(Path.Combine(_dir, "solve_deduction.txt"), set.Sources["solve_deduction"]);
        Assert.StartsWith("built-in:", set.Sources["solve_abduction"]);
        Assert.NotEqual(TemplateSet.Load().Fingerprint, set.Fingerprint);
        Assert.Equal("P=p I=i", set["solve_deduction"].Render(new Dictionary<string, string> { ["program"] = "p", ["input"] = "i" }));
    }

    [Fact]
    public void BadOverridesAreErrorsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "solve_deduction.txt"), "P={{program}} I={{input}} O={{output}}");
        var e = Assert.Throws<InvalidDataException>(() => TemplateSet.Load(_dir));
        Assert.Contains("solve_deduction.txt: line 1: unknown placeholder '{{output}}'", e.Message);

        File.Delete(Path.Combine(_dir, "solve_deduction.txt"));
        File.WriteAllText(Path.Combine(_dir, "solve_deductoin.txt"), "x");
        Assert.Contains("not a template name", Assert.Throws<InvalidDataException>(() => TemplateSet.Load(_dir)).Message);

        Assert.Throws<DirectoryNotFoundException>(() => TemplateSet.Load(Path.Combine(_dir, "missing")));
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AbsoluteZero.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
