namespace AbsoluteZero.Tokenization.Chat;

/// <summary>Which prompt format to use.</summary>
public enum PromptFormatKind
{
    /// <summary>From the model's chat template: ChatML when it is ChatML-like, plain when there is none; other
    /// templates are an error (choose <see cref="Plain"/> explicitly).</summary>
    Auto,
    /// <summary>Qwen's ChatML (<c>&lt;|im_start|&gt;role\n...&lt;|im_end|&gt;\n</c>), rendered as the model's template does.</summary>
    ChatMl,
    /// <summary>No template: message contents joined by "\n" (Absolute Zero's choice for base models).</summary>
    Plain,
}

/// <summary>Renders a conversation into the prompt text the model sees.</summary>
public interface IPromptFormatter
{
    /// <summary>The format implemented.</summary>
    PromptFormatKind Kind { get; }

    /// <summary>A short description for logs (e.g. "chatml (qwen3 thinking)").</summary>
    string Description { get; }

    /// <summary>Text that ends a model turn in this format, to use as a stop string (ChatML: <c>&lt;|im_end|&gt;</c>).</summary>
    IReadOnlyList<string> EndOfTurn { get; }

    /// <summary>
    /// Renders <paramref name="messages"/>; with <paramref name="addGenerationPrompt"/> the text ends where the
    /// assistant's reply starts.
    /// </summary>
    /// <exception cref="ArgumentException">No messages, or a null content.</exception>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);
}
