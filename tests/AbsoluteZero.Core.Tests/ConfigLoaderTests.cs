using System.ComponentModel.DataAnnotations;
using AbsoluteZero.Core.Configuration;

namespace AbsoluteZero.Core.Tests;

public enum Backend { Local, Docker }

public sealed record SampleExecutor
{
    public Backend Backend { get; init; } = Backend.Local;
    [Range(1, 600_000)] public int TimeoutMs { get; init; } = 5000;
    public string? ImageTag { get; init; }
}

public sealed record SampleTraining : IValidatableConfig
{
    [Range(0.0, 1.0)] public double LearningRate { get; init; } = 1e-6;
    public int WarmupSteps { get; init; }
    public int TotalSteps { get; init; } = 500;
    public List<string> TaskTypes { get; init; } = ["deduction", "abduction", "induction"];
    public bool UseKl { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (WarmupSteps > TotalSteps) yield return ("warmup_steps", $"must not exceed total_steps ({TotalSteps})");
    }
}

public sealed record SampleConfig
{
    public string Name { get; init; } = "run";
    public SampleExecutor Executor { get; init; } = new();
    public SampleTraining Training { get; init; } = new();
}

public class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void DefaultsComeFromTheRecord()
    {
        var c = ConfigLoader.Load<SampleConfig>();
        Assert.Equal(5000, c.Executor.TimeoutMs);
        Assert.Equal(1e-6, c.Training.LearningRate);
        Assert.Equal(3, c.Training.TaskTypes.Count);
    }

    [Fact]
    public void FileThenOverridesApplyInOrder()
    {
        var path = Write("""
            {
              // comments are allowed
              "executor": { "backend": "docker", "timeout_ms": 1000 },
              "training": { "learning_rate": 0.5 }
            }
            """);
        var c = ConfigLoader.Load<SampleConfig>(path, ["executor.timeout_ms=250", "training.task_types=[\"deduction\"]", "name=my run", "training.use_kl=true"]);
        Assert.Equal(Backend.Docker, c.Executor.Backend);
        Assert.Equal(250, c.Executor.TimeoutMs);
        Assert.Equal(0.5, c.Training.LearningRate);
        Assert.Equal(["deduction"], c.Training.TaskTypes);
        Assert.Equal("my run", c.Name);
        Assert.True(c.Training.UseKl);
        Assert.Equal(500, c.Training.TotalSteps); // untouched keys keep their defaults
    }

    [Fact]
    public void EnumOverrideAcceptsBareWord()
    {
        var c = ConfigLoader.Load<SampleConfig>(null, ["executor.backend=docker"]);
        Assert.Equal(Backend.Docker, c.Executor.Backend);
    }

    [Fact]
    public void UnknownKeyInFileNamesKeyFileAndLine()
    {
        var path = Write("""
            {
              "executor": {
                "timeout_ms": 10,
                "timeout_mss": 20
              }
            }
            """);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(path));
        Assert.Contains("executor.timeout_mss", e.Message);
        Assert.Contains("line 4", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("did you mean 'timeout_ms'", e.Message);
    }

    [Fact]
    public void UnknownOverrideKeyIsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["training.learning_rat=0.1"]));
        Assert.Contains("training.learning_rat", e.Message);
        Assert.Contains("did you mean 'learning_rate'", e.Message);
        var e2 = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["nosuch.key=1"]));
        Assert.Contains("'nosuch'", e2.Message);
    }

    [Fact]
    public void WrongTypeNamesTheKeyAndExpectedType()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["executor.timeout_ms=fast"]));
        Assert.Contains("executor.timeout_ms", e.Message);
        Assert.Contains("an integer", e.Message);

        var path = Write("""{ "training": { "use_kl": "yes" } }""");
        var e2 = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(path));
        Assert.Contains("training.use_kl", e2.Message);
        Assert.Contains("true or false", e2.Message);

        var e3 = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["executor.backend=kubernetes"]));
        Assert.Contains("one of local, docker", e3.Message);
    }

    [Fact]
    public void OutOfRangeValuesAreRejectedWithKey()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["executor.timeout_ms=0"]));
        Assert.Contains("executor.timeout_ms", e.Message);
        var e2 = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["training.warmup_steps=900"]));
        Assert.Contains("training.warmup_steps", e2.Message);
    }

    [Fact]
    public void MalformedJsonReportsLine()
    {
        var path = Write("{\n  \"name\": \"x\",\n  \"executor\": { \"timeout_ms\": 5 \n}");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line", e.Message);
    }

    [Fact]
    public void SectionCannotBeSetAsValueAndOverrideNeedsEquals()
    {
        Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["name.x=1"]));
        Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(null, ["executor.timeout_ms"]));
        Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleConfig>(Path.Combine(_dir, "missing.json")));
    }

    [Fact]
    public void ResolvedConfigRoundTrips()
    {
        var c = ConfigLoader.Load<SampleConfig>(null, ["executor.timeout_ms=77"]);
        var path = Write(ConfigLoader.ToJson(c));
        var again = ConfigLoader.Load<SampleConfig>(path);
        Assert.Equal(ConfigLoader.ToJson(c), ConfigLoader.ToJson(again));
        Assert.Contains("\"timeout_ms\": 77", ConfigLoader.ToJson(c));
    }
}
