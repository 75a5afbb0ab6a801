namespace AbsoluteZero.Model.Config;

/// <summary>The <c>config.json</c> keys <see cref="HfConfigReader"/> knows, grouped by how it treats them.</summary>
public static class HfConfigKeys
{
    /// <summary>Keys read into <see cref="ModelConfig"/> or checked against what the runtime implements.</summary>
    public static IReadOnlySet<string> Interpreted { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "architectures", "model_type", "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
        "num_attention_heads", "num_key_value_heads", "head_dim", "rope_theta", "rope_scaling", "rope_parameters",
        "partial_rotary_factor", "rms_norm_eps", "tie_word_embeddings", "attention_bias", "max_position_embeddings",
        "bos_token_id", "eos_token_id", "hidden_act", "use_sliding_window", "sliding_window", "max_window_layers",
        "layer_types", "mlp_bias", "attention_dropout",
    };

    /// <summary>
    /// Keys that do not change the forward pass: bookkeeping, dtype hints, initialisation, cache and output switches,
    /// classification-head and generation defaults that transformers itself ignores when loading a causal LM.
    /// </summary>
    public static IReadOnlySet<string> Ignored { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "transformers_version", "torch_dtype", "dtype", "_name_or_path", "name_or_path", "_commit_hash",
        "use_cache", "initializer_range", "pad_token_id", "sep_token_id", "decoder_start_token_id", "pretraining_tp",
        "output_hidden_states", "output_attentions", "return_dict", "use_return_dict", "torchscript",
        "chunk_size_feed_forward", "is_encoder_decoder", "is_decoder", "add_cross_attention", "tie_encoder_decoder",
        "cross_attention_hidden_size", "id2label", "label2id", "num_labels", "problem_type", "finetuning_task",
        "tokenizer_class", "prefix", "task_specific_params", "pruned_heads", "tf_legacy_loss", "_attn_implementation",
        "_attn_implementation_autoset", "use_bfloat16",
        "max_length", "min_length", "do_sample", "early_stopping", "num_beams", "num_beam_groups", "diversity_penalty",
        "temperature", "top_k", "top_p", "typical_p", "repetition_penalty", "length_penalty", "no_repeat_ngram_size",
        "encoder_no_repeat_ngram_size", "bad_words_ids", "num_return_sequences", "output_scores",
        "return_dict_in_generate", "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values",
        "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens",
    };
}
