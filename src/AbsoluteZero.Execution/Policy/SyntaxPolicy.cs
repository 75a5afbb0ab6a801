using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Policy;

/// <summary>
/// Syntax-only rules, checked on the program before instrumentation: constructs that are never needed by small pure
/// programs and that open a way around the budget or the semantic allow-list.
/// </summary>
internal static class SyntaxPolicy
{
    private static readonly Dictionary<SyntaxKind, (string Rule, string Detail)> Tokens = new()
    {
        [SyntaxKind.UnsafeKeyword] = ("unsafe", "unsafe code"),
        [SyntaxKind.FixedKeyword] = ("unsafe", "fixed statement"),
        [SyntaxKind.StackAllocKeyword] = ("unsafe", "stackalloc"),
        [SyntaxKind.ExternKeyword] = ("interop", "extern (P/Invoke)"),
        [SyntaxKind.VolatileKeyword] = ("threads", "volatile"),
        [SyntaxKind.LockKeyword] = ("threads", "lock"),
        [SyntaxKind.AsyncKeyword] = ("threads", "async"),
        [SyntaxKind.AwaitKeyword] = ("threads", "await"),
        [SyntaxKind.ArgListKeyword] = ("unsafe", "__arglist"),
        [SyntaxKind.MakeRefKeyword] = ("unsafe", "__makeref"),
        [SyntaxKind.RefTypeKeyword] = ("unsafe", "__reftype"),
        [SyntaxKind.RefValueKeyword] = ("unsafe", "__refvalue"),
    };

    /// <summary>Violations in <paramref name="members"/> (the program's part of its wrapper).</summary>
    public static PolicyViolation? Check(IEnumerable<SyntaxNode> members, int lineOffset, bool allowUsings = false)
    {
        foreach (var member in members)
        {
            if (member.ContainsDirectives)
                return new PolicyViolation("preprocessor", "preprocessor directives are not allowed", 1);
            foreach (var token in member.DescendantTokens())
            {
                // async, await and dynamic are contextual keywords: the parser gives them as identifiers.
                if (Tokens.TryGetValue(token.Kind(), out var rule) || Tokens.TryGetValue(SyntaxFacts.GetContextualKeywordKind(token.ValueText), out rule))
                    return PolicyViolation.At(rule.Rule, rule.Detail, token, lineOffset);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText.StartsWith("__", StringComparison.Ordinal))
                    return PolicyViolation.At("reserved-name", $"identifiers starting with __ are reserved ('{token.ValueText}')", token, lineOffset);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "dynamic")
                    return PolicyViolation.At("dynamic", "dynamic is not allowed", token, lineOffset);
            }
            foreach (var node in member.DescendantNodesAndSelf())
            {
                PolicyViolation? v = node switch
                {
                    AttributeListSyntax => PolicyViolation.At("attribute", "attributes are not allowed", node, lineOffset),
                    DestructorDeclarationSyntax => PolicyViolation.At("finalizer", "finalizers run outside the budget", node, lineOffset),
                    PointerTypeSyntax or FunctionPointerTypeSyntax => PolicyViolation.At("unsafe", "pointer types", node, lineOffset),
                    TypeOfExpressionSyntax => PolicyViolation.At("reflection", "typeof", node, lineOffset),
                    UsingDirectiveSyntax when !allowUsings => PolicyViolation.At("using-directive", "using directives are not allowed (System, Linq, Collections.Generic and Text are imported)", node, lineOffset),
                    UsingDirectiveSyntax u when u.StaticKeyword.RawKind != 0 || u.Alias is not null || u.GlobalKeyword.RawKind != 0 =>
                        PolicyViolation.At("using-directive", "only plain using directives are allowed", node, lineOffset),
                    BaseNamespaceDeclarationSyntax when !allowUsings => PolicyViolation.At("namespace", "namespace declarations are not allowed", node, lineOffset),
                    ExternAliasDirectiveSyntax => PolicyViolation.At("interop", "extern alias", node, lineOffset),
                    GlobalStatementSyntax => PolicyViolation.At("top-level-statement", "top-level statements are not allowed", node, lineOffset),
                    _ => null,
                };
                if (v is not null) return v;
            }
        }
        return null;
    }
}
