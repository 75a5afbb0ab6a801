namespace AbsoluteZero.Tokenization.Normalization;

/// <summary>A text normalizer from a tokenizer.json <c>normalizer</c> section, applied to text between added tokens.</summary>
public interface ITextNormalizer
{
    /// <summary>Returns the normalized form of <paramref name="text"/> (the same instance when nothing changes).</summary>
    string Normalize(string text);
}

/// <summary>Applies normalizers one after another (tokenizer.json <c>{"type":"Sequence","normalizers":[...]}</c>).</summary>
public sealed class SequenceNormalizer(IReadOnlyList<ITextNormalizer> normalizers) : ITextNormalizer
{
    /// <summary>The normalizers, in application order.</summary>
    public IReadOnlyList<ITextNormalizer> Normalizers { get; } = normalizers;

    /// <inheritdoc/>
    public string Normalize(string text)
    {
        foreach (var n in Normalizers) text = n.Normalize(text);
        return text;
    }
}
