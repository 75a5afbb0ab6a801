using Microsoft.CodeAnalysis;

namespace AbsoluteZero.Execution.Policy;

/// <summary>A rule broken by a program, with where (1-based line of the program text).</summary>
internal sealed record PolicyViolation(string Rule, string Detail, int Line)
{
    public static PolicyViolation At(string rule, string detail, SyntaxNode node, int lineOffset) =>
        new(rule, detail, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1 - lineOffset);

    public static PolicyViolation At(string rule, string detail, SyntaxToken token, int lineOffset) =>
        new(rule, detail, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1 - lineOffset);

    /// <summary>One line: <c>rule 'io': System.IO.File (line 3)</c>.</summary>
    public override string ToString() => $"rule '{Rule}': {Detail} (line {Line})";
}
