using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Safetensors;
using static TorchSharp.torch;

namespace AbsoluteZero.Model;

public sealed partial class CausalLM
{
    /// <summary>
    /// Loads a Hugging Face model directory (config.json + model.safetensors or shards): the config decides the
    /// architecture; every weight is checked against it, converted to <paramref name="dtype"/> and moved to
    /// <paramref name="device"/> one tensor at a time.
    /// </summary>
    public static CausalLM Load(string dir, ScalarType dtype, Device device)
    {
        using var files = HfCheckpoint.Open(dir);
        var model = CreateEmpty(files.Config, dtype, device);
        try
        {
            model.LoadHfTensors(files.Weights);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies every parameter from <paramref name="weights"/> (by Hugging Face name), converting dtype and device.</summary>
    public void LoadHfTensors(ITensorReader weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (!weights.Contains(name)) throw new InvalidDataException($"checkpoint has no tensor '{name}'");
            using var t = weights.Load(name, DType, Device);
            if (!t.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"checkpoint tensor '{name}' has shape [{string.Join(", ", t.shape)}], the model expects [{string.Join(", ", p.shape)}]");
            p.copy_(t);
        }
    }

    /// <summary>
    /// Saves as a Hugging Face model directory (config.json, safetensors, generation_config.json, plus
    /// <see cref="HfSaveOptions.ExtraFiles"/> such as tokenizer files), atomically: the directory is replaced only
    /// once complete. <c>transformers</c> and <see cref="Load"/> both reload it.
    /// </summary>
    public void Save(string dir, HfSaveOptions? options = null) => HfCheckpoint.Save(dir, Config, HfTensors(), options);
}
