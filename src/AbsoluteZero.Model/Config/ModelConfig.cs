namespace AbsoluteZero.Model.Config;

/// <summary>The decoder-only transformer families the policy runtime implements.</summary>
public enum ModelArchitecture
{
    /// <summary><c>Qwen2ForCausalLM</c>: Llama layout with biases on the q/k/v projections.</summary>
    Qwen2,
    /// <summary><c>Qwen3ForCausalLM</c>: no q/k/v bias, RMSNorm on each query and key head (q_norm, k_norm).</summary>
    Qwen3,
    /// <summary><c>LlamaForCausalLM</c>: no biases (unless <c>attention_bias</c>), no q/k norm.</summary>
    Llama,
}

/// <summary>
/// The shape and math of a causal LM, as read from a Hugging Face <c>config.json</c>. Only options that the runtime
/// implements exist here; a config asking for anything else is rejected when read, naming the key.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The family (decides biases and q/k norms).</summary>
    public required ModelArchitecture Architecture { get; init; }
    /// <summary><c>vocab_size</c>: rows of the embedding and of the LM head.</summary>
    public required int VocabSize { get; init; }
    /// <summary><c>hidden_size</c>.</summary>
    public required int HiddenSize { get; init; }
    /// <summary><c>intermediate_size</c> of the SwiGLU MLP.</summary>
    public required int IntermediateSize { get; init; }
    /// <summary><c>num_hidden_layers</c>.</summary>
    public required int NumLayers { get; init; }
    /// <summary><c>num_attention_heads</c>.</summary>
    public required int NumHeads { get; init; }
    /// <summary><c>num_key_value_heads</c> (grouped-query attention when fewer than <see cref="NumHeads"/>).</summary>
    public required int NumKvHeads { get; init; }
    /// <summary><c>head_dim</c>; Qwen2/Llama derive it as hidden_size / num_attention_heads.</summary>
    public required int HeadDim { get; init; }
    /// <summary><c>rope_theta</c>.</summary>
    public double RopeTheta { get; init; } = 10_000.0;
    /// <summary><c>rms_norm_eps</c>.</summary>
    public double RmsNormEps { get; init; } = 1e-6;
    /// <summary><c>tie_word_embeddings</c>: the LM head reuses the embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }
    /// <summary>Bias on q/k/v projections (Qwen2: always; Llama: <c>attention_bias</c>; Qwen3: <c>attention_bias</c>, normally false).</summary>
    public bool AttentionBias { get; init; }
    /// <summary><c>max_position_embeddings</c>: the longest sequence the KV cache may hold.</summary>
    public int MaxPositionEmbeddings { get; init; } = 32_768;
    /// <summary><c>bos_token_id</c>, when the config names one.</summary>
    public int? BosTokenId { get; init; }
    /// <summary><c>eos_token_id</c> (the first one when the config gives a list).</summary>
    public int? EosTokenId { get; init; }

    /// <summary>Whether each query and key head is RMS-normalised before RoPE (Qwen3).</summary>
    public bool QkNorm => Architecture == ModelArchitecture.Qwen3;

    /// <summary>The Hugging Face <c>architectures[0]</c> name.</summary>
    public string HfArchitectureName => Architecture switch
    {
        ModelArchitecture.Qwen2 => "Qwen2ForCausalLM",
        ModelArchitecture.Qwen3 => "Qwen3ForCausalLM",
        _ => "LlamaForCausalLM",
    };

    /// <summary>The Hugging Face <c>model_type</c>.</summary>
    public string HfModelType => Architecture switch
    {
        ModelArchitecture.Qwen2 => "qwen2",
        ModelArchitecture.Qwen3 => "qwen3",
        _ => "llama",
    };

    /// <summary>
    /// A tiny model for tests and the <c>tiny</c> self-play preset (2 layers, hidden 64, 4 heads, 2 KV heads): fast on
    /// a CPU, yet exercises GQA, RoPE, biases/q-k norms and tied embeddings like the real shapes.
    /// </summary>
    public static ModelConfig Tiny(int vocabSize, ModelArchitecture architecture = ModelArchitecture.Qwen2) => new()
    {
        Architecture = architecture,
        VocabSize = vocabSize,
        HiddenSize = 64,
        IntermediateSize = 176,
        NumLayers = 2,
        NumHeads = 4,
        NumKvHeads = 2,
        HeadDim = 16,
        RopeTheta = 10_000.0,
        TieWordEmbeddings = true,
        AttentionBias = architecture == ModelArchitecture.Qwen2,
        MaxPositionEmbeddings = 4096,
    };

    /// <summary>The shape of Qwen/Qwen2.5-0.5B (and -Coder-0.5B).</summary>
    public static ModelConfig Qwen25_0_5B { get; } = new()
    {
        Architecture = ModelArchitecture.Qwen2, VocabSize = 151_936, HiddenSize = 896, IntermediateSize = 4864,
        NumLayers = 24, NumHeads = 14, NumKvHeads = 2, HeadDim = 64, RopeTheta = 1_000_000.0, RmsNormEps = 1e-6,
        TieWordEmbeddings = true, AttentionBias = true, MaxPositionEmbeddings = 32_768,
        BosTokenId = 151_643, EosTokenId = 151_643,
    };

    /// <summary>The shape of Qwen/Qwen2.5-7B (and -Coder-7B, the paper's main base model).</summary>
    public static ModelConfig Qwen25_7B { get; } = new()
    {
        Architecture = ModelArchitecture.Qwen2, VocabSize = 152_064, HiddenSize = 3584, IntermediateSize = 18_944,
        NumLayers = 28, NumHeads = 28, NumKvHeads = 4, HeadDim = 128, RopeTheta = 1_000_000.0, RmsNormEps = 1e-6,
        TieWordEmbeddings = false, AttentionBias = true, MaxPositionEmbeddings = 131_072,
        BosTokenId = 151_643, EosTokenId = 151_643,
    };

    /// <summary>The shape of Qwen/Qwen3-0.6B-Base.</summary>
    public static ModelConfig Qwen3_0_6B { get; } = new()
    {
        Architecture = ModelArchitecture.Qwen3, VocabSize = 151_936, HiddenSize = 1024, IntermediateSize = 3072,
        NumLayers = 28, NumHeads = 16, NumKvHeads = 8, HeadDim = 128, RopeTheta = 1_000_000.0, RmsNormEps = 1e-6,
        TieWordEmbeddings = true, AttentionBias = false, MaxPositionEmbeddings = 32_768,
        BosTokenId = 151_643, EosTokenId = 151_643,
    };

    /// <summary>A named shape: <c>tiny</c> (vocab 4096), <c>qwen2.5-0.5b</c>, <c>qwen2.5-7b</c>, <c>qwen3-0.6b</c>.</summary>
    public static ModelConfig FromShapeName(string name) => name.ToLowerInvariant() switch
    {
        "tiny" => Tiny(4096),
        "qwen2.5-0.5b" => Qwen25_0_5B,
        "qwen2.5-7b" => Qwen25_7B,
        "qwen3-0.6b" => Qwen3_0_6B,
        _ => throw new ArgumentException($"unknown model shape '{name}' (known: tiny, qwen2.5-0.5b, qwen2.5-7b, qwen3-0.6b)", nameof(name)),
    };
}
