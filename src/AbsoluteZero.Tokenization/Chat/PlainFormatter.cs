namespace AbsoluteZero.Tokenization.Chat;

/// <summary>
/// The base-model format: the messages' contents joined by "\n", nothing added for the generation prompt. This is
/// what Absolute Zero does for base models (it replaces the tokenizer's chat template by plain concatenation); the
/// task prompt itself carries the "User: ... Assistant: &lt;think&gt;" framing.
/// </summary>
public sealed class PlainFormatter : IPromptFormatter
{
    /// <summary>The shared instance.</summary>
    public static PlainFormatter Instance { get; } = new();

    /// <inheritdoc/>
    public PromptFormatKind Kind => PromptFormatKind.Plain;

    /// <inheritdoc/>
    public string Description => "plain (contents joined by \\n)";

    /// <inheritdoc/>
    public IReadOnlyList<string> EndOfTurn => [];

    /// <inheritdoc/>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ChatMlFormatter.Validate(messages);
        return string.Join("\n", messages.Select(m => m.Content));
    }
}
