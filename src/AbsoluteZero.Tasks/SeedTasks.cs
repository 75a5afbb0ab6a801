using System.Text.Json;
using System.Text.Json.Serialization;
using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Tasks;

/// <summary>
/// The zero triplet the buffers start from (paper §3.3.1): by default <c>tasks/seed/identity.json</c>, the identity
/// program <c>static string f(string x) => x;</c> on <c>"Hello World"</c>. The deduction and abduction buffers get
/// the triplet; the induction buffer gets the same program with <see cref="InductionInputs"/> and a message
/// (mirroring the reference code's <c>_init_seed_dataset</c>).
/// </summary>
public sealed record SeedTasks
{
    /// <summary>Free-text note kept in the file (ignored).</summary>
    [JsonPropertyName("_comment")]
    public string? Comment { get; init; }

    /// <summary>The seed program (C# member declarations, entry method <c>f</c>).</summary>
    public string Program { get; init; } = "";

    /// <summary>The triplet's input (a C# argument list).</summary>
    public string Input { get; init; } = "";

    /// <summary>The triplet's output (a C# literal).</summary>
    public string Output { get; init; } = "";

    /// <summary>Inputs of the induction seed.</summary>
    public IReadOnlyList<string> InductionInputs { get; init; } = [];

    /// <summary>Outputs of the induction seed, parallel to <see cref="InductionInputs"/>.</summary>
    public IReadOnlyList<string> InductionOutputs { get; init; } = [];

    /// <summary>Message of the induction seed.</summary>
    public string InductionMessage { get; init; } = "";

    /// <summary>The seed triplet for the deduction and abduction buffers (id <c>seed</c>, step 0).</summary>
    public CodeTask Triplet => CodeTask.Triplet(SeedId, 0, Program, Input, Output);

    /// <summary>The seed task for the induction buffer (id <c>seed</c>, step 0).</summary>
    public CodeTask Induction => new()
    {
        Id = SeedId, Step = 0, Program = Program, Inputs = InductionInputs, Outputs = InductionOutputs, Message = InductionMessage,
    };

    /// <summary>The id every seed entry has.</summary>
    public const string SeedId = "seed";

    /// <summary>Loads <paramref name="path"/>, or the built-in identity seed when null.</summary>
    public static SeedTasks Load(string? path = null)
    {
        string json, source;
        if (path is null)
        {
            source = "built-in:identity.json";
            using var stream = typeof(SeedTasks).Assembly.GetManifestResourceStream("AbsoluteZero.Tasks.seed.identity.json")
                ?? throw new InvalidOperationException("the built-in seed is missing from AbsoluteZero.Tasks");
            using var reader = new StreamReader(stream);
            json = reader.ReadToEnd();
        }
        else
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"seed file '{path}' does not exist", path);
            source = path;
            json = File.ReadAllText(path);
        }
        SeedTasks? seed;
        try
        {
            seed = JsonSerializer.Deserialize<SeedTasks>(json, JsonLines.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        if (seed is null) throw new InvalidDataException($"{source}: empty seed file");
        var problems = seed.Problems().ToList();
        if (problems.Count > 0) throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        return seed;
    }

    private IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Program)) yield return "'program' is empty";
        if (string.IsNullOrWhiteSpace(Input)) yield return "'input' is empty";
        if (string.IsNullOrWhiteSpace(Output)) yield return "'output' is empty";
        if (InductionInputs.Count < 2) yield return "'induction_inputs' needs at least 2 inputs";
        if (InductionOutputs.Count != InductionInputs.Count) yield return "'induction_outputs' must have one output per induction input";
        if (string.IsNullOrWhiteSpace(InductionMessage)) yield return "'induction_message' is empty";
    }
}
