using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Tasks;

namespace AbsoluteZero.Training.Config;

/// <summary>
/// Named starting points for <see cref="SelfPlayConfig"/>: the paper defaults scaled to a machine. A preset replaces
/// the record defaults; a config file and <c>--set</c> overrides still apply on top.
/// </summary>
public static class SelfPlayPresets
{
    /// <summary>The preset names: <c>paper</c>, <c>tiny</c>, <c>small-gpu</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["paper", "tiny", "small-gpu"];

    /// <summary>The preset called <paramref name="name"/>; unknown names raise <see cref="ConfigException"/> listing the known ones.</summary>
    public static SelfPlayConfig Get(string name) => name switch
    {
        "paper" => new SelfPlayConfig(),
        "tiny" => Tiny(),
        "small-gpu" => SmallGpu(),
        _ => throw new ConfigException($"unknown preset '{name}'; known presets: {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// <c>tiny</c>: a smoke run on a 2-core CPU in minutes with a tiny random model — 2 tasks per type per role,
    /// 2 references, induction with 4 inputs (2 shown), 2 learnability samples, 48-token responses, fp32, a larger
    /// learning rate (so that a few steps visibly change the random model), seeding to 1× the batch for at most one round,
    /// checkpoints every step. Not meant to learn anything.
    /// </summary>
    public static SelfPlayConfig Tiny()
    {
        var c = new SelfPlayConfig();
        return c with
        {
            Steps = 3,
            Model = c.Model with { Device = "cpu", Dtype = ComputeDType.Fp32 },
            Rollout = c.Rollout with { MaxPromptTokens = 2048, MaxResponseTokens = 48, LearnabilitySamples = 2, DecodeBatchSize = 16 },
            Tasks = c.Tasks with
            {
                BatchSize = 2, References = 2, InductionInputs = 4, InductionShown = 2,
                Limits = c.Tasks.Limits with { MaxProgramChars = 1000, MaxInputChars = 200, MaxOutputChars = 200, MaxMessageChars = 200 },
            },
            Algorithm = c.Algorithm with { MicroBatchSize = 4 },
            Optimizer = c.Optimizer with { LearningRate = 1e-4 },
            Buffers = c.Buffers with { SeedBatchFactor = 1, SeedingMaxRounds = 1, Capacity = 1024 },
            Checkpointing = c.Checkpointing with { EverySteps = 1, KeepLast = 2 },
            Logging = c.Logging with { RolloutsPerGroup = 2 },
        };
    }

    /// <summary>
    /// <c>small-gpu</c>: a ~0.5B–1.5B base model on one 24–80 GB GPU — 16 tasks per type per role (96 rollouts per
    /// step), 4 learnability samples, 2048/1024-token prompt/response limits, seeding to 2× the batch, bf16 compute.
    /// Algorithm, learning rate and rewards stay at the paper's values.
    /// </summary>
    public static SelfPlayConfig SmallGpu()
    {
        var c = new SelfPlayConfig();
        return c with
        {
            Model = c.Model with { Device = "auto", Dtype = ComputeDType.Bf16 },
            Rollout = c.Rollout with { MaxPromptTokens = 2048, MaxResponseTokens = 1024, LearnabilitySamples = 4, DecodeBatchSize = 64 },
            Tasks = c.Tasks with { BatchSize = 16 },
            Algorithm = c.Algorithm with { MicroBatchSize = 4 },
            Buffers = c.Buffers with { SeedBatchFactor = 2 },
        };
    }
}

/// <summary>Loads a <see cref="SelfPlayConfig"/>: preset (or the paper defaults), then a JSON file, then <c>--set</c> overrides, then validation.</summary>
public static class SelfPlayConfigLoader
{
    /// <summary>
    /// Loads the configuration. Errors are <see cref="ConfigException"/>s naming the key (and file and line).
    /// </summary>
    /// <param name="preset">A preset name (<see cref="SelfPlayPresets.Names"/>) or null for the paper defaults.</param>
    /// <param name="path">An optional JSON config file (snake_case keys, comments allowed).</param>
    /// <param name="overrides"><c>section.key=value</c> strings.</param>
    public static SelfPlayConfig Load(string? preset = null, string? path = null, IEnumerable<string>? overrides = null) =>
        ConfigLoader.Load(preset is null ? new SelfPlayConfig() : SelfPlayPresets.Get(preset), path, overrides);
}
