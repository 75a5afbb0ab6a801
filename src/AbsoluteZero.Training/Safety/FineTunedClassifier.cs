using System.Text.Json;
using System.Text.Json.Serialization;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Model;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Safety;

/// <summary>
/// What a fine-tuned classifier directory's <c>classifier.json</c> holds (format: docs/audit.md): the base model, the
/// first trained layer, each category's severity and threshold, and how it was trained and validated. The trained
/// weights sit beside it in <c>weights.safetensors</c> (fp16; the frozen part comes from the base model).
/// </summary>
public sealed record FineTunedClassifierInfo(int Format, string Base, int TrainFrom, IReadOnlyList<HeadThreshold> Categories,
    FineTuneOptions Options, IReadOnlyList<string> TrainedOn, IReadOnlyList<string> Validation)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The base model every fine-tuned classifier starts from.</summary>
    public const string BaseModel = "all-MiniLM-L6-v2";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Saves and loads a fine-tuned classifier directory.</summary>
public static class FineTunedClassifier
{
    /// <summary>File names inside the directory.</summary>
    public const string InfoFile = "classifier.json", WeightsFile = "weights.safetensors";

    /// <summary>Writes <paramref name="net"/>'s trained parameters and <paramref name="info"/> (each file atomically).</summary>
    public static void Save(string directory, SafetyNet net, FineTunedClassifierInfo info)
    {
        Directory.CreateDirectory(directory);
        Model.Safetensors.SafetensorsFile.Write(Path.Combine(directory, WeightsFile), net.Trainable().Select(p => (p.Name, (Tensor)p.Parameter)),
            new Dictionary<string, string> { ["base"] = info.Base, ["train_from"] = info.TrainFrom.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ScalarType.Float16);
        AtomicFile.WriteAllText(Path.Combine(directory, InfoFile), JsonSerializer.Serialize(info, FineTunedClassifierInfo.Json) + "\n");
    }

    /// <summary>Loads a directory written by <see cref="Save"/> onto <paramref name="device"/>; errors name the file and the problem.</summary>
    public static (SafetyNet Net, FineTunedClassifierInfo Info) Load(string directory, Device? device = null)
    {
        string infoPath = Path.Combine(directory, InfoFile), weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(infoPath)) throw new FileNotFoundException($"not a classifier directory: {infoPath} is missing", infoPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"classifier weights missing: {weightsPath}", weightsPath);
        FineTunedClassifierInfo info;
        try
        {
            info = JsonSerializer.Deserialize<FineTunedClassifierInfo>(File.ReadAllText(infoPath), FineTunedClassifierInfo.Json)
                ?? throw new FormatException("empty file");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new FormatException($"{infoPath}: {e.Message}", e);
        }
        if (info.Format != FineTunedClassifierInfo.CurrentFormat) throw new FormatException($"{infoPath}: format {info.Format} is not supported (this build reads {FineTunedClassifierInfo.CurrentFormat})");
        if (info.Base != FineTunedClassifierInfo.BaseModel) throw new FormatException($"{infoPath}: base model '{info.Base}' is not supported (only {FineTunedClassifierInfo.BaseModel})");
        foreach (var c in info.Categories)
        {
            if (FlagCategories.SeverityRank(c.Severity) < 0) throw new FormatException($"{infoPath}: category '{c.Name}': unknown severity '{c.Severity}'");
            if (!(c.Threshold > 0 && c.Threshold < 1)) throw new FormatException($"{infoPath}: category '{c.Name}': threshold must lie strictly between 0 and 1");
        }
        var net = new SafetyNet([.. info.Categories.Select(c => c.Name)], info.TrainFrom, device);
        var stored = Model.Safetensors.SafetensorsFile.Read(weightsPath, ScalarType.Float32);
        try
        {
            using var _ = no_grad();
            foreach (var (name, p) in net.Trainable())
            {
                if (!stored.TryGetValue(name, out var t)) throw new FormatException($"{weightsPath}: tensor '{name}' is missing");
                if (!t.shape.SequenceEqual(p.shape)) throw new FormatException($"{weightsPath}: tensor '{name}' has shape [{string.Join(", ", t.shape)}], expected [{string.Join(", ", p.shape)}]");
                p.copy_(t);
            }
        }
        finally
        {
            foreach (var t in stored.Values) t.Dispose();
        }
        net.eval();
        return (net, info);
    }
}
