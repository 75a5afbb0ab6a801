using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Rewards;

namespace AbsoluteZero.Training.Tests;

public class ConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-selfplay-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DefaultsAreThePapersTable3AndTheReferenceCode()
    {
        var c = SelfPlayConfigLoader.Load();
        Assert.Equal(500, c.Steps);
        Assert.Equal(64, c.Tasks.BatchSize);
        Assert.Equal(6, c.Tasks.References);
        Assert.Equal((10, 5), (c.Tasks.InductionInputs, c.Tasks.InductionShown));
        Assert.Equal([TaskType.Deduction, TaskType.Abduction, TaskType.Induction], c.Tasks.Types);
        Assert.Equal((1.0, 1.0, 1), (c.Rollout.Temperature, c.Rollout.TopP, c.Rollout.SamplesPerPrompt));
        Assert.Equal((8, 1.0), (c.Rollout.LearnabilitySamples, c.Rollout.LearnabilityTemperature));
        Assert.Equal((6144, 8096), (c.Rollout.MaxPromptTokens, c.Rollout.MaxResponseTokens));
        Assert.Equal((1e-6, 0, 0.01, 1.0), (c.Optimizer.LearningRate, c.Optimizer.WarmupSteps, c.Optimizer.WeightDecay, c.Optimizer.GradClip));
        Assert.Equal(AdvantageEstimator.TaskRelativeReinforcePlusPlus, c.Algorithm.AdvantageEstimator);
        Assert.Equal(WhiteningLevel.Token, c.Algorithm.Whitening);
        Assert.Equal((1, 1, 0.001, 0.0), (c.Algorithm.PpoEpochs, c.Algorithm.MiniBatches, c.Algorithm.EntropyCoefficient, c.Algorithm.KlCoefficient));
        Assert.Equal((0.2, 0.2), (c.Algorithm.ClipRatioLow, c.Algorithm.ClipRatioHigh));
        Assert.Equal(LossAggregation.TokenMean, c.Algorithm.LossAggregation);
        Assert.Equal((16384, 4, 1), (c.Buffers.Capacity, c.Buffers.SeedBatchFactor, c.Buffers.NewTaskWindow));
        Assert.Equal(DegenerateProposalReward.Paper, c.Rewards.DegenerateProposal);
        Assert.Equal((-0.5, -1.0, -1.0), (c.Rewards.WrongAnswer, c.Rewards.FormatError, c.Rewards.InvalidProposal));
        Assert.True(c.Tasks.DeterminismCheck);
        Assert.Equal(["</answer>"], c.Rollout.StopStrings);
    }

    [Fact]
    public void ResolvedConfigUsesSnakeCaseKeysAndValuesAndRoundTrips()
    {
        var json = ConfigLoader.ToJson(SelfPlayConfigLoader.Load("tiny"));
        Assert.Contains("\"advantage_estimator\": \"task_relative_reinforce_plus_plus\"", json);
        Assert.Contains("\"degenerate_proposal\": \"paper\"", json);
        Assert.Contains("\"overflow\": \"evict_oldest\"", json);
        Assert.Contains("\"kl_estimator\": \"k3\"", json);
        Assert.Contains("\"max_program_chars\": 1000", json);
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, json);
        Assert.Equal(json, ConfigLoader.ToJson(SelfPlayConfigLoader.Load(null, path)));
    }

    [Fact]
    public void PresetThenFileThenOverrides()
    {
        string path = Path.Combine(_dir, "c.json");
        File.WriteAllText(path, """
            {
              // the file overrides the preset
              "tasks": { "batch_size": 3 },
              "rewards": { "degenerate_proposal": "reference_code" },
            }
            """);
        var c = SelfPlayConfigLoader.Load("tiny", path, ["tasks.batch_size=5", "algorithm.advantage_estimator=grpo", "rollout.samples_per_prompt=4", "algorithm.whitening=sequence"]);
        Assert.Equal(5, c.Tasks.BatchSize);
        Assert.Equal(2, c.Tasks.References);                                   // from the preset
        Assert.Equal(DegenerateProposalReward.ReferenceCode, c.Rewards.DegenerateProposal);
        Assert.Equal(AdvantageEstimator.Grpo, c.Algorithm.AdvantageEstimator);
        Assert.Equal(WhiteningLevel.Sequence, c.Algorithm.Whitening);
        Assert.Equal(0.001, c.Algorithm.EntropyCoefficient);                    // untouched defaults stay
    }

    [Fact]
    public void PresetsAreValidAndScaledDown()
    {
        foreach (var name in SelfPlayPresets.Names) SelfPlayConfigLoader.Load(name);
        var tiny = SelfPlayConfigLoader.Load("tiny");
        Assert.Equal("cpu", tiny.Model.Device);
        Assert.Equal(ComputeDType.Fp32, tiny.Model.Dtype);
        Assert.True(tiny.Tasks.BatchSize * 6 * tiny.Rollout.MaxResponseTokens <= 1000, "tiny must generate few tokens per step");
        Assert.True(tiny.Rollout.LearnabilitySamples >= 2, "learnability needs at least 2 samples to be non-degenerate");
        var small = SelfPlayConfigLoader.Load("small-gpu");
        Assert.Equal(1e-6, small.Optimizer.LearningRate);
        Assert.Contains("unknown preset 'huge'", Assert.Throws<ConfigException>(() => SelfPlayConfigLoader.Load("huge")).Message);
    }

    [Theory]
    [InlineData("optimizer.learning_rate=2", "optimizer.learning_rate")]
    [InlineData("tasks.batch_size=0", "tasks.batch_size")]
    [InlineData("rollout.learnability_temperature=0", "rollout.learnability_temperature")]
    [InlineData("tasks.induction_shown=10", "tasks.induction_shown")]
    [InlineData("tasks.types=[]", "tasks.types")]
    [InlineData("algorithm.advantage_estimator=grpo", "algorithm.advantage_estimator")]
    [InlineData("rewards.wrong_answer=0.5", "rewards.wrong_answer")]
    [InlineData("buffers.capacity=10", "buffers.capacity")]
    [InlineData("algorithm.clip_ratio_low=1", "algorithm.clip_ratio_low")]
    [InlineData("algorithm.kl_estimator=k4", "algorithm.kl_estimator")]
    [InlineData("rewards.degenerate_proposal=zero", "rewards.degenerate_proposal")]
    [InlineData("tasks.batch_sise=3", "tasks.batch_sise")]
    public void InvalidValuesAreRejectedNamingTheKey(string setting, string key)
    {
        var e = Assert.Throws<ConfigException>(() => SelfPlayConfigLoader.Load(null, null, [setting]));
        Assert.Contains(key, e.Message);
    }
}

public class ConfigDocumentationTests
{
    [Fact]
    public void TheConfigReferenceListsExactlyTheConfigKeys()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(ConfigLoader.ToJson(new SelfPlayConfig()))!.AsObject();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(System.Text.Json.Nodes.JsonObject obj, string prefix)
        {
            foreach (var (name, value) in obj)
                if (value is System.Text.Json.Nodes.JsonObject section) Walk(section, prefix + name + ".");
                else keys.Add(prefix + name);
        }
        Walk(root, "");

        string repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "AbsoluteZero.sln"))) repo = Path.GetDirectoryName(repo)!;
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(repo, "docs", "selfplay-config.md")))
        {
            if (line.StartsWith("## Presets", StringComparison.Ordinal)) break;
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^\| `([a-z0-9_.]+)` \|");
            if (m.Success) documented.Add(m.Groups[1].Value);
        }
        Assert.True(keys.SetEquals(documented),
            $"undocumented: {string.Join(", ", keys.Except(documented))}; documented but unknown: {string.Join(", ", documented.Except(keys))}");
    }
}
