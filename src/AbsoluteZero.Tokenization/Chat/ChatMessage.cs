namespace AbsoluteZero.Tokenization.Chat;

/// <summary>Who speaks a chat message.</summary>
public enum ChatRole
{
    /// <summary>Instructions that frame the conversation.</summary>
    System,
    /// <summary>The user's turn (for Absolute Zero: the task prompt).</summary>
    User,
    /// <summary>The model's turn.</summary>
    Assistant,
}

/// <summary>One message of a conversation.</summary>
/// <param name="Role">The speaker.</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessage(ChatRole Role, string Content)
{
    /// <summary>A system message.</summary>
    public static ChatMessage System(string content) => new(ChatRole.System, content);

    /// <summary>A user message.</summary>
    public static ChatMessage User(string content) => new(ChatRole.User, content);

    /// <summary>An assistant message.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);

    /// <summary>The role as chat templates spell it.</summary>
    public string RoleName => Role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        _ => "assistant",
    };
}
