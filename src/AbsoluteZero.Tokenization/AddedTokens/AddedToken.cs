namespace AbsoluteZero.Tokenization.AddedTokens;

/// <summary>
/// A tokenizer.json <c>added_tokens</c> entry: text that is always one token (matched before normalization and
/// pre-tokenization). <see cref="Special"/> tokens (e.g. <c>&lt;|im_end|&gt;</c>) are dropped by
/// decode-with-skip; non-special ones (Qwen3's <c>&lt;think&gt;</c>) are kept.
/// </summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The exact text.</param>
/// <param name="Special">Whether it is a control token (skipped when decoding with skipSpecialTokens).</param>
/// <param name="SingleWord">Only matched when not inside a word.</param>
/// <param name="LStrip">Whitespace to its left is absorbed into it.</param>
/// <param name="RStrip">Whitespace to its right is absorbed into it.</param>
/// <param name="Normalized">Matched against normalized text instead of the raw input.</param>
public sealed record AddedToken(int Id, string Content, bool Special, bool SingleWord = false, bool LStrip = false, bool RStrip = false, bool Normalized = false);
