using TorchSharp;

namespace AbsoluteZero.Model.Checkpoints;

/// <summary>How <see cref="HfCheckpoint.Save"/> writes a model directory.</summary>
public sealed record HfSaveOptions
{
    /// <summary>Shard when the weights exceed this many bytes (transformers' default: 5 GB).</summary>
    public long MaxShardBytes { get; init; } = 5_000_000_000;

    /// <summary>Store floating-point weights as this dtype (e.g. BFloat16 from fp32 master weights); null keeps each tensor's own.</summary>
    public torch.ScalarType? Dtype { get; init; }

    /// <summary>Files copied into the directory under their own names (tokenizer.json, tokenizer_config.json, ...).</summary>
    public IReadOnlyList<string> ExtraFiles { get; init; } = [];

    /// <summary>Called with the (temporary) directory to add more files, e.g. a tokenizer's <c>WriteTo(dir)</c>.</summary>
    public Action<string>? WriteExtra { get; init; }

    /// <summary>End-of-sequence ids for generation_config.json; null uses the config's <c>eos_token_id</c>.</summary>
    public IReadOnlyList<int>? EosTokenIds { get; init; }
}
