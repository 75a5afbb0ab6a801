using System.Text.RegularExpressions;

namespace AbsoluteZero.Tokenization.Chat;

/// <summary>Chooses a <see cref="IPromptFormatter"/> for a model from its chat template.</summary>
public static partial class PromptFormat
{
    /// <summary>
    /// The formatter for <paramref name="kind"/>. <see cref="PromptFormatKind.Auto"/> picks ChatML when the template
    /// is ChatML-like, plain when there is no template, and otherwise fails (we do not run arbitrary Jinja).
    /// <see cref="PromptFormatKind.ChatMl"/> takes its details (default system prompt, Qwen3 thinking) from the
    /// template when there is one.
    /// </summary>
    /// <param name="kind">The requested format.</param>
    /// <param name="chatTemplate">The model's chat template (<see cref="HfTokenizer.ChatTemplate"/>), or null.</param>
    /// <param name="enableThinking">Qwen3 templates: false pre-fills an empty think block (as enable_thinking=False).</param>
    /// <exception cref="NotSupportedException">Auto with a template that is not ChatML.</exception>
    public static IPromptFormatter Create(PromptFormatKind kind, string? chatTemplate, bool enableThinking = true)
    {
        switch (kind)
        {
            case PromptFormatKind.Plain:
                return PlainFormatter.Instance;
            case PromptFormatKind.ChatMl:
                return chatTemplate is not null && IsChatMl(chatTemplate) ? FromTemplate(chatTemplate, enableThinking) : new ChatMlFormatter();
            default:
                if (chatTemplate is null) return PlainFormatter.Instance;
                if (IsChatMl(chatTemplate)) return FromTemplate(chatTemplate, enableThinking);
                throw new NotSupportedException(
                    "the model's chat template is not ChatML and other templates are not implemented; " +
                    "use the plain format (message contents joined by \"\\n\", what Absolute Zero uses for base models) " +
                    "or ChatML explicitly");
        }
    }

    /// <summary>The formatter for a tokenizer's own chat template (see <see cref="Create"/>).</summary>
    public static IPromptFormatter For(HfTokenizer tokenizer, PromptFormatKind kind = PromptFormatKind.Auto, bool enableThinking = true)
    {
        try
        {
            return Create(kind, tokenizer.ChatTemplate, enableThinking);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{tokenizer.Origin}: {e.Message}", e);
        }
    }

    /// <summary>True when the template renders turns as <c>&lt;|im_start|&gt;role\n...&lt;|im_end|&gt;</c>.</summary>
    public static bool IsChatMl(string chatTemplate) =>
        chatTemplate.Contains("<|im_start|>", StringComparison.Ordinal) && chatTemplate.Contains("<|im_end|>", StringComparison.Ordinal)
        && !chatTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal);

    private static ChatMlFormatter FromTemplate(string template, bool enableThinking)
    {
        // Qwen2/2.5 write the default system turn as one literal: '<|im_start|>system\nYou are ...<|im_end|>\n'.
        var m = DefaultSystemLiteral().Match(template);
        string? defaultSystem = m.Success ? Unescape(m.Groups["text"].Value) : null;
        bool qwen3 = template.Contains("reasoning_content", StringComparison.Ordinal) || template.Contains("enable_thinking", StringComparison.Ordinal);
        return new ChatMlFormatter(defaultSystem, qwen3 ? ThinkingStyle.Qwen3 : ThinkingStyle.None, enableThinking);
    }

    private static string Unescape(string jinjaLiteral) =>
        jinjaLiteral.Replace("\\n", "\n").Replace("\\'", "'").Replace("\\\"", "\"").Replace("\\\\", "\\");

    [GeneratedRegex(@"'<\|im_start\|>system\\n(?<text>(?:[^'\\]|\\.)+?)<\|im_end\|>\\n'")]
    private static partial Regex DefaultSystemLiteral();
}
