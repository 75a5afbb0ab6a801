using System.Text.Json;

namespace AbsoluteZero.Tokenization.Loading;

/// <summary>
/// The parts of tokenizer_config.json (and the chat template files beside it) that this project uses.
/// Token values may be written as strings or as <c>{"content": ...}</c> objects.
/// </summary>
/// <param name="EosToken">eos_token: ends a sequence.</param>
/// <param name="PadToken">pad_token, when set.</param>
/// <param name="BosToken">bos_token, when set.</param>
/// <param name="UnkToken">unk_token, when set.</param>
/// <param name="ChatTemplate">The Jinja chat template: chat_template.jinja, else chat_template.json, else the
/// chat_template key (a string, or the template named "default" in a list of named templates).</param>
/// <param name="AddBosToken">add_bos_token (false when absent).</param>
/// <param name="CleanUpTokenizationSpaces">clean_up_tokenization_spaces (false when absent).</param>
/// <param name="ModelMaxLength">model_max_length, when set and finite.</param>
/// <param name="TokenizerClass">tokenizer_class, e.g. Qwen2Tokenizer.</param>
public sealed record TokenizerConfig(
    string? EosToken = null,
    string? PadToken = null,
    string? BosToken = null,
    string? UnkToken = null,
    string? ChatTemplate = null,
    bool AddBosToken = false,
    bool CleanUpTokenizationSpaces = false,
    long? ModelMaxLength = null,
    string? TokenizerClass = null)
{
    /// <summary>Reads the config from file contents (<paramref name="json"/> null: no tokenizer_config.json).</summary>
    internal static TokenizerConfig Read(byte[]? json, string? chatTemplateJinja, byte[]? chatTemplateJson, string fileLabel)
    {
        var config = new TokenizerConfig();
        if (json is not null)
        {
            var j = new JsonReading(fileLabel);
            using var doc = j.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw j.Error("", "the file must hold a JSON object");
            config = new TokenizerConfig(
                EosToken: Token(j, root, "eos_token"),
                PadToken: Token(j, root, "pad_token"),
                BosToken: Token(j, root, "bos_token"),
                UnkToken: Token(j, root, "unk_token"),
                ChatTemplate: Template(j, j.Optional(root, "chat_template"), "chat_template"),
                AddBosToken: j.Bool(root, "add_bos_token", "", false),
                CleanUpTokenizationSpaces: j.Bool(root, "clean_up_tokenization_spaces", "", false),
                ModelMaxLength: j.Optional(root, "model_max_length") is { ValueKind: JsonValueKind.Number } m && m.TryGetInt64(out var max) ? max : null,
                TokenizerClass: j.OptionalString(root, "tokenizer_class", ""));
        }
        if (chatTemplateJson is not null)
        {
            var j = new JsonReading(fileLabel.Replace("tokenizer_config.json", "chat_template.json"));
            using var doc = j.Parse(chatTemplateJson);
            config = config with { ChatTemplate = Template(j, j.Required(doc.RootElement, "chat_template", ""), "chat_template") };
        }
        if (chatTemplateJinja is not null) config = config with { ChatTemplate = chatTemplateJinja };
        return config;
    }

    private static string? Token(JsonReading j, JsonElement root, string name)
    {
        var v = j.Optional(root, name);
        if (v is null) return null;
        return v.Value.ValueKind switch
        {
            JsonValueKind.String => v.Value.GetString(),
            JsonValueKind.Object => j.String(j.Required(v.Value, "content", name), name + ".content"),
            _ => throw j.Error(name, $"expected a string or {{\"content\": ...}}, found {v.Value.ValueKind}"),
        };
    }

    private static string? Template(JsonReading j, JsonElement? e, string key)
    {
        if (e is null) return null;
        var v = e.Value;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        if (v.ValueKind != JsonValueKind.Array) throw j.Error(key, $"expected a string or a list of {{name, template}}, found {v.ValueKind}");
        string? first = null;
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var name = j.String(j.Required(item, "name", $"{key}[{i}]"), $"{key}[{i}].name");
            var template = j.String(j.Required(item, "template", $"{key}[{i}]"), $"{key}[{i}].template");
            if (name == "default") return template;
            first ??= template;
            i++;
        }
        return first;
    }
}
