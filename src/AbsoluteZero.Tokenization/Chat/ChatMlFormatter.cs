using System.Text;

namespace AbsoluteZero.Tokenization.Chat;

/// <summary>How a ChatML template treats &lt;think&gt; reasoning in assistant turns.</summary>
public enum ThinkingStyle
{
    /// <summary>Assistant content is written as is (Qwen2, Qwen2.5).</summary>
    None,
    /// <summary>Qwen3: reasoning is dropped from assistant turns before the last user message, the last turns get
    /// a <c>&lt;think&gt;\n...\n&lt;/think&gt;\n\n</c> block, and <c>enable_thinking=false</c> pre-fills an empty one.</summary>
    Qwen3,
}

/// <summary>
/// Qwen's ChatML, rendered in C# with the same output as the model's Jinja template (without tools):
/// <c>&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n</c> per message, an optional default system message
/// (Qwen2/2.5 add one when the conversation has none), Qwen3's reasoning handling, and
/// <c>&lt;|im_start|&gt;assistant\n</c> as the generation prompt.
/// </summary>
/// <param name="DefaultSystemPrompt">System text used when the first message is not a system message (null: none).</param>
/// <param name="Thinking">Reasoning handling.</param>
/// <param name="EnableThinking">Qwen3 only: false pre-fills an empty think block after the generation prompt.</param>
public sealed record ChatMlFormatter(string? DefaultSystemPrompt = null, ThinkingStyle Thinking = ThinkingStyle.None, bool EnableThinking = true) : IPromptFormatter
{
    /// <summary>Start of a turn.</summary>
    public const string ImStart = "<|im_start|>";

    /// <summary>End of a turn.</summary>
    public const string ImEnd = "<|im_end|>";

    /// <inheritdoc/>
    public PromptFormatKind Kind => PromptFormatKind.ChatMl;

    /// <inheritdoc/>
    public string Description => "chatml" + (Thinking == ThinkingStyle.Qwen3 ? " (qwen3 thinking)" : "")
        + (DefaultSystemPrompt is null ? "" : $" (default system: \"{DefaultSystemPrompt}\")");

    /// <inheritdoc/>
    public IReadOnlyList<string> EndOfTurn => [ImEnd];

    /// <inheritdoc/>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        Validate(messages);
        var sb = new StringBuilder();
        int first = 0;
        if (messages[0].Role == ChatRole.System)
        {
            Turn(sb, "system", messages[0].Content);
            first = 1;
        }
        else if (DefaultSystemPrompt is not null)
        {
            Turn(sb, "system", DefaultSystemPrompt);
        }

        int lastQuery = messages.Count - 1;
        for (int i = messages.Count - 1; i >= 0; i--)
            if (messages[i].Role == ChatRole.User) { lastQuery = i; break; }

        for (int i = first; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Role != ChatRole.Assistant || Thinking == ThinkingStyle.None)
            {
                Turn(sb, m.RoleName, m.Content);
                continue;
            }
            AssistantQwen3(sb, m.Content, after: i > lastQuery, last: i == messages.Count - 1);
        }

        if (addGenerationPrompt)
        {
            sb.Append(ImStart).Append("assistant\n");
            if (Thinking == ThinkingStyle.Qwen3 && !EnableThinking) sb.Append("<think>\n\n</think>\n\n");
        }
        return sb.ToString();
    }

    private static void Turn(StringBuilder sb, string role, string content) =>
        sb.Append(ImStart).Append(role).Append('\n').Append(content).Append(ImEnd).Append('\n');

    private static void AssistantQwen3(StringBuilder sb, string message, bool after, bool last)
    {
        string content = message, reasoning = "";
        const string open = "<think>", close = "</think>";
        int closeAt = message.IndexOf(close, StringComparison.Ordinal);
        if (closeAt >= 0)
        {
            content = message[(message.LastIndexOf(close, StringComparison.Ordinal) + close.Length)..].TrimStart('\n');
            var before = message[..closeAt].TrimEnd('\n');
            int openAt = before.LastIndexOf(open, StringComparison.Ordinal);
            reasoning = (openAt >= 0 ? before[(openAt + open.Length)..] : before).TrimStart('\n');
        }
        sb.Append(ImStart).Append("assistant\n");
        if (after && (last || reasoning.Length > 0))
            sb.Append("<think>\n").Append(reasoning.Trim('\n')).Append("\n</think>\n\n").Append(content.TrimStart('\n'));
        else
            sb.Append(content);
        sb.Append(ImEnd).Append('\n');
    }

    internal static void Validate(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) throw new ArgumentException("a prompt needs at least one message", nameof(messages));
        for (int i = 0; i < messages.Count; i++)
            if (messages[i]?.Content is null) throw new ArgumentException($"message {i} has no content", nameof(messages));
    }
}
