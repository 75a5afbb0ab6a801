using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AbsoluteZero.Tokenization.Training;

/// <summary>Writes a <see cref="TrainedBpe"/> as Hugging Face tokenizer.json and tokenizer_config.json text (Qwen2-style
/// pipeline: NFC, the split regex, ByteLevel), so transformers and <see cref="HfTokenizer"/> both load it.</summary>
public static class HfTokenizerWriter
{
    /// <summary>A plain ChatML chat template (no default system prompt, no tools).</summary>
    public const string ChatMlTemplate =
        "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>tokenizer.json text: one vocabulary entry and one merge per line (diffs stay readable).</summary>
    public static string TokenizerJson(TrainedBpe bpe)
    {
        string S(string s) => JsonSerializer.Serialize(s, Json);
        const string byteLevel = "{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": false, \"use_regex\": false}";
        var sb = new StringBuilder();
        sb.Append("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": [\n");
        for (int i = 0; i < bpe.SpecialTokens.Count; i++)
        {
            var t = bpe.SpecialTokens[i];
            sb.Append($"    {{\"id\": {t.Id}, \"content\": {S(t.Content)}, \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}}")
              .Append(i + 1 < bpe.SpecialTokens.Count ? ",\n" : "\n");
        }
        sb.Append("  ],\n  \"normalizer\": {\"type\": \"NFC\"},\n");
        sb.Append("  \"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [\n");
        sb.Append($"    {{\"type\": \"Split\", \"pattern\": {{\"Regex\": {S(bpe.Options.SplitPattern)}}}, \"behavior\": \"Isolated\", \"invert\": false}},\n");
        sb.Append($"    {byteLevel}\n  ]}},\n");
        sb.Append($"  \"post_processor\": {byteLevel},\n  \"decoder\": {byteLevel},\n");
        sb.Append("  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": null,\n    \"continuing_subword_prefix\": \"\",\n");
        sb.Append("    \"end_of_word_suffix\": \"\",\n    \"fuse_unk\": false,\n    \"byte_fallback\": false,\n    \"ignore_merges\": false,\n    \"vocab\": {\n");
        for (int id = 0; id < bpe.Vocab.Count; id++)
            sb.Append($"      {S(bpe.Vocab[id])}: {id}").Append(id + 1 < bpe.Vocab.Count ? ",\n" : "\n");
        sb.Append("    },\n    \"merges\": [\n");
        for (int i = 0; i < bpe.Merges.Count; i++)
            sb.Append($"      [{S(bpe.Merges[i].Left)}, {S(bpe.Merges[i].Right)}]").Append(i + 1 < bpe.Merges.Count ? ",\n" : "\n");
        sb.Append("    ]\n  }\n}\n");
        return sb.ToString();
    }

    /// <summary>tokenizer_config.json text: EOS and PAD are the first special token, ChatML chat template.</summary>
    public static string TokenizerConfigJson(TrainedBpe bpe, int modelMaxLength)
    {
        string S(string s) => JsonSerializer.Serialize(s, Json);
        var eos = bpe.SpecialTokens.Count > 0 ? S(bpe.SpecialTokens[0].Content) : "null";
        var sb = new StringBuilder();
        sb.Append("{\n  \"add_bos_token\": false,\n  \"add_prefix_space\": false,\n  \"added_tokens_decoder\": {\n");
        for (int i = 0; i < bpe.SpecialTokens.Count; i++)
        {
            var t = bpe.SpecialTokens[i];
            sb.Append($"    \"{t.Id}\": {{\"content\": {S(t.Content)}, \"lstrip\": false, \"normalized\": false, \"rstrip\": false, \"single_word\": false, \"special\": true}}")
              .Append(i + 1 < bpe.SpecialTokens.Count ? ",\n" : "\n");
        }
        sb.Append("  },\n");
        sb.Append($"  \"additional_special_tokens\": [{string.Join(", ", bpe.SpecialTokens.Skip(1).Select(t => S(t.Content)))}],\n");
        sb.Append("  \"bos_token\": null,\n");
        sb.Append($"  \"chat_template\": {S(ChatMlTemplate)},\n");
        sb.Append("  \"clean_up_tokenization_spaces\": false,\n");
        sb.Append($"  \"eos_token\": {eos},\n  \"errors\": \"replace\",\n  \"model_max_length\": {modelMaxLength},\n");
        sb.Append($"  \"pad_token\": {eos},\n  \"split_special_tokens\": false,\n  \"tokenizer_class\": \"Qwen2Tokenizer\",\n  \"unk_token\": null\n}}\n");
        return sb.ToString();
    }
}
