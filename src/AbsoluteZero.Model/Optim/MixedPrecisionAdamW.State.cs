using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model;

public sealed partial class MixedPrecisionAdamW
{
    private const string FormatKey = "format";
    private const string FormatValue = "azr-adamw-v1";
    private const string StepKey = "step";

    /// <summary>
    /// Writes the optimiser state to one safetensors file, atomically: per parameter <c>{name}.exp_avg</c>,
    /// <c>{name}.exp_avg_sq</c> and, for low-precision parameters, the fp32 <c>{name}.master</c>; the step count in
    /// the metadata.
    /// </summary>
    public void SaveState(string path)
    {
        var tensors = new List<(string, Tensor)>();
        foreach (var s in _slots)
        {
            tensors.Add(($"{s.Name}.exp_avg", s.ExpAvg));
            tensors.Add(($"{s.Name}.exp_avg_sq", s.ExpAvgSq));
            if (s.HasMaster) tensors.Add(($"{s.Name}.master", s.Master));
        }
        SafetensorsFile.Write(path, tensors, new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            [StepKey] = StepCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Restores a state written by <see cref="SaveState"/> for the same parameters; throws naming what does not match.</summary>
    public void LoadState(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"optimizer state not found: {path}", path);
        using var file = SafetensorsFile.Open(path);
        if (!file.Metadata.TryGetValue(FormatKey, out var format) || format != FormatValue)
            throw new InvalidDataException($"{path}: not an optimizer state file (metadata '{FormatKey}' should be '{FormatValue}')");
        if (!file.Metadata.TryGetValue(StepKey, out var stepText) || !long.TryParse(stepText, out long step) || step < 0)
            throw new InvalidDataException($"{path}: metadata '{StepKey}' is missing or not a step count");
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _slots)
        {
            expected.Add($"{s.Name}.exp_avg");
            expected.Add($"{s.Name}.exp_avg_sq");
            if (s.HasMaster) expected.Add($"{s.Name}.master");
        }
        var missing = expected.Where(n => !file.Contains(n)).ToList();
        var unexpected = file.Names.Where(n => !expected.Contains(n)).ToList();
        if (missing.Count + unexpected.Count > 0)
            throw new InvalidDataException($"{path}: optimizer state does not match the parameters (missing: {string.Join(", ", missing.Take(5))}; unexpected: {string.Join(", ", unexpected.Take(5))})");
        using var noGrad = no_grad();
        foreach (var s in _slots)
        {
            Copy(file, $"{s.Name}.exp_avg", s.ExpAvg, path);
            Copy(file, $"{s.Name}.exp_avg_sq", s.ExpAvgSq, path);
            if (s.HasMaster)
            {
                Copy(file, $"{s.Name}.master", s.Master, path);
                s.Param.copy_(s.Master);
            }
        }
        StepCount = step;
    }

    private static void Copy(SafetensorsFile file, string name, Tensor target, string path)
    {
        using var t = file.Load(name, ScalarType.Float32, target.device);
        if (!t.shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"{path}: '{name}' has shape [{string.Join(", ", t.shape)}], expected [{string.Join(", ", target.shape)}]");
        target.copy_(t);
    }
}
