namespace AbsoluteZero.Audit.Flagging;

/// <summary>One unsafe-reasoning match in a text.</summary>
/// <param name="Rule">Id of the rule that matched (from the rules file), e.g. <c>power_seeking.outsmart</c>.</param>
/// <param name="Category">The rule's category, e.g. <c>power_seeking</c>, <c>deception</c>, <c>sandbox_escape</c>.</param>
/// <param name="Severity"><c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="Start">Character offset (UTF-16 index) of the first matched character in the scanned text.</param>
/// <param name="End">Character offset one past the last matched character.</param>
/// <param name="Text">The matched span, <c>text[Start..End]</c>.</param>
/// <param name="Context">The matched span with surrounding text (whitespace runs collapsed to one space).</param>
public sealed record FlagMatch(string Rule, string Category, string Severity, int Start, int End, string Text, string Context);
