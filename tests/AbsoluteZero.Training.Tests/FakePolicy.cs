using System.Globalization;
using System.Text.Json;
using AbsoluteZero.Tasks.Randomness;
using AbsoluteZero.Tasks.Tests;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Training.Policy;

namespace AbsoluteZero.Training.Tests;

/// <summary>
/// A scripted <see cref="IPolicy"/>: completions are drawn by a seeded generator from canned answers that fit the
/// prompt's kind (programs the <see cref="FakeExecutor"/> knows, or garbage), and depend on the sampler seed, the
/// prompt, the sample index and the fake "weight" that updates move — so a resumed run reproduces an uninterrupted one
/// only when weights and seeds are restored.
/// </summary>
internal sealed class FakePolicy : IPolicy
{
    private static readonly HfTokenizer Tokenizer = HfTokenizer.LoadEmbeddedTiny();

    public double Weight { get; private set; }
    public int Updates { get; private set; }
    public List<IReadOnlyList<TrainingSequence>> Batches { get; } = [];
    public int GenerateCalls { get; private set; }

    /// <summary>When true, every completion is malformed (a model that never fills its buffers).</summary>
    public bool Garbage { get; init; }

    /// <summary>Called at the start of every Generate (e.g. to cancel the run from inside a step).</summary>
    public Action<int>? OnGenerate { get; set; }

    public string Describe() => "fake";

    public int[] Encode(string text) => Tokenizer.Encode(text);

    public PolicyGeneration Generate(IReadOnlyList<int[]> prompts, SamplingSettings settings, CancellationToken cancellationToken)
    {
        GenerateCalls++;
        OnGenerate?.Invoke(GenerateCalls);
        cancellationToken.ThrowIfCancellationRequested();
        var completions = new List<PolicyCompletion>();
        long tokens = 0;
        for (int p = 0; p < prompts.Count; p++)
        {
            string prompt = Tokenizer.Decode(prompts[p]);
            for (int s = 0; s < settings.NumSamples; s++)
            {
                var rng = new DeterministicRandom((ulong)settings.Seed ^ (ulong)(p * 7919 + s * 104729) ^ (ulong)BitConverter.DoubleToInt64Bits(Weight));
                string text = Garbage ? "no idea" : Respond(prompt, rng);
                var ids = Tokenizer.Encode(text);
                tokens += ids.Length;
                completions.Add(new PolicyCompletion(p, s, ids, Tokenizer.Decode(ids), false));
            }
        }
        return new PolicyGeneration(completions, tokens);
    }

    public UpdateResult Update(IReadOnlyList<TrainingSequence> batch, double learningRate)
    {
        Batches.Add(batch);
        Updates++;
        Weight += learningRate * batch.Sum(b => b.Advantage * b.ResponseIds.Length);
        return new UpdateResult(0.5, 1.5, 0, 0, [.. batch.Select(_ => 1.0)], null);
    }

    public void SaveCheckpoint(string directory) =>
        File.WriteAllText(Path.Combine(directory, "fake_policy.json"), JsonSerializer.Serialize(new[] { Weight, Updates }));

    public void LoadCheckpoint(string directory)
    {
        var state = JsonSerializer.Deserialize<double[]>(File.ReadAllText(Path.Combine(directory, "fake_policy.json")))!;
        (Weight, Updates) = (state[0], (int)state[1]);
    }

    public void Dispose() { }

    private static string Respond(string prompt, DeterministicRandom rng)
    {
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        if (prompt.Contains("## Task: Create a New C# Program", StringComparison.Ordinal))
        {
            return rng.NextInt(5) switch
            {
                0 => Answer(Responses.Block("csharp", FakeExecutor.Double) + "\n" + Responses.Block("input", I(rng.NextInt(6)))),
                1 => Answer(Responses.Block("csharp", FakeExecutor.DoubleSmallOnly) + "\n" + Responses.Block("input", I(rng.NextInt(8)))),
                2 => Answer(Responses.Block("csharp", FakeExecutor.Throws) + "\n" + Responses.Block("input", "1")),
                3 => Answer(Responses.Block("csharp", "static int f(int x) => y;") + "\n" + Responses.Block("input", "1")),
                _ => "I am not sure what to write.",
            };
        }
        if (prompt.Contains("## Task: Give", StringComparison.Ordinal))
        {
            bool ints = !prompt.Contains(FakeExecutor.Identity, StringComparison.Ordinal);
            int start = rng.NextInt(5);
            var inputs = Enumerable.Range(start, 4).Select(k => ints ? I(k) : $"\"w{k}\"");
            return rng.NextInt(4) == 0 ? "forgot the format" : Answer(string.Join("\n", inputs.Select(i => Responses.Block("input", i))) + "\n" + Responses.Block("message", "look closely"));
        }
        if (prompt.Contains("# Task: Deduce the Output", StringComparison.Ordinal))
            return Answer(Responses.Block("output", rng.NextInt(3) == 0 ? "\"Hello World\"" : I(rng.NextInt(8))));
        if (prompt.Contains("# Task: Provide One Possible Input", StringComparison.Ordinal))
            return Answer(Responses.Block("input", rng.NextInt(3) == 0 ? "\"Hello World\"" : I(rng.NextInt(4))));
        if (prompt.Contains("# Task: Deduce the Program", StringComparison.Ordinal))
            return rng.NextInt(3) switch
            {
                0 => Answer(Responses.Block("csharp", FakeExecutor.Identity)),
                1 => Answer(Responses.Block("csharp", FakeExecutor.Double)),
                _ => "```csharp\nstatic int f(int x) => x;\n```",
            };
        throw new InvalidOperationException("unexpected prompt: " + prompt[..Math.Min(200, prompt.Length)]);
    }

    // The prompt ends with "<think>", so a completion continues the reasoning and closes it.
    private static string Answer(string blocks) => $" Let me think. </think>\n<answer>\n{blocks}\n</answer>";
}
