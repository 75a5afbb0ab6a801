using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Audit.Analysis;

/// <summary>Static measures of one proposed program (C# member declarations, entry method <c>f</c>).</summary>
/// <param name="Lines">Non-blank source lines.</param>
/// <param name="Cyclomatic">McCabe complexity summed over methods, lambdas and local functions: 1 + decision points.</param>
/// <param name="NestingDepth">Deepest nesting of control statements and lambdas.</param>
/// <param name="Apis">Distinct APIs called or constructed (<c>Math.Max</c>, <c>.Select</c>, <c>new List&lt;&gt;</c>).</param>
/// <param name="Shape">Hash of the syntax tree with identifiers and literals abstracted: programs that differ only in
/// names and constants share a shape (near duplicates).</param>
/// <param name="Exact">Hash of the token sequence (whitespace and comments ignored): exact duplicates share it.</param>
/// <param name="ParseErrors">Whether Roslyn reported syntax errors (measures are then approximate).</param>
public sealed record ProgramMetrics(int Lines, int Cyclomatic, int NestingDepth, IReadOnlyList<string> Apis, string Shape, string Exact, bool ParseErrors);

/// <summary>Computes <see cref="ProgramMetrics"/> with Roslyn's syntax API (no compilation, no execution).</summary>
public static class ProgramAnalysis
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    /// <summary>Measures a program; the program is wrapped in a class so that bare members parse.</summary>
    public static ProgramMetrics Analyze(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var tree = CSharpSyntaxTree.ParseText("class __AuditWrapper {\n" + program + "\n}", ParseOptions);
        var root = tree.GetRoot();
        var wrapper = root.DescendantNodes().OfType<ClassDeclarationSyntax>().First();
        int lines = program.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
        bool errors = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new ProgramMetrics(lines, Cyclomatic(wrapper), Nesting(wrapper, 0), Apis(wrapper), Hash(ShapeTokens(wrapper)), Hash(ExactTokens(wrapper)), errors);
    }

    private static int Cyclomatic(SyntaxNode root)
    {
        int bodies = root.DescendantNodes().Count(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
        int decisions = 0;
        foreach (var n in root.DescendantNodesAndSelf())
        {
            decisions += n switch
            {
                IfStatementSyntax or WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or DoStatementSyntax
                    or CatchClauseSyntax or ConditionalExpressionSyntax => 1,
                CaseSwitchLabelSyntax or CasePatternSwitchLabelSyntax => 1,
                SwitchExpressionArmSyntax arm when arm.Pattern is not DiscardPatternSyntax => 1,
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression)
                    || b.IsKind(SyntaxKind.CoalesceExpression) => 1,
                ConditionalAccessExpressionSyntax => 1,
                _ => 0,
            };
        }
        return Math.Max(1, bodies) + decisions;
    }

    private static bool Nests(SyntaxNode n) => n is IfStatementSyntax or WhileStatementSyntax or ForStatementSyntax
        or ForEachStatementSyntax or DoStatementSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or TryStatementSyntax
        or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or ConditionalExpressionSyntax;

    private static int Nesting(SyntaxNode node, int depth)
    {
        int max = depth;
        foreach (var child in node.ChildNodes())
        {
            // An else-if chain reads as one level, not a staircase.
            bool elseIf = child is IfStatementSyntax && child.Parent is ElseClauseSyntax;
            int d = Nests(child) && !elseIf ? depth + 1 : depth;
            max = Math.Max(max, Nesting(child, d));
        }
        return max;
    }

    private static List<string> Apis(SyntaxNode root)
    {
        var declared = root.DescendantNodes().Select(n => n switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax l => l.Identifier.Text,
            _ => null,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var apis = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var n in root.DescendantNodes())
        {
            switch (n)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax ma }:
                    apis.Add(IsTypeLike(ma.Expression) ? $"{ma.Expression}.{ma.Name.Identifier.Text}" : $".{ma.Name.Identifier.Text}");
                    break;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax id } when !declared.Contains(id.Identifier.Text):
                    apis.Add(id.Identifier.Text);
                    break;
                case BaseObjectCreationExpressionSyntax oc:
                    apis.Add(oc is ObjectCreationExpressionSyntax o ? $"new {TypeName(o.Type)}" : "new (target-typed)");
                    break;
                case MemberAccessExpressionSyntax ma when ma.Parent is not InvocationExpressionSyntax && IsTypeLike(ma.Expression):
                    apis.Add($"{ma.Expression}.{ma.Name.Identifier.Text}");
                    break;
            }
        }
        return [.. apis];
    }

    // Type-like receivers: predefined types (int.Parse) and capitalised simple names (Math, string.Join, Enumerable).
    private static bool IsTypeLike(ExpressionSyntax e) => e switch
    {
        PredefinedTypeSyntax => true,
        IdentifierNameSyntax id => id.Identifier.Text.Length > 0 && char.IsUpper(id.Identifier.Text[0]),
        MemberAccessExpressionSyntax ma => IsTypeLike(ma.Expression),
        _ => false,
    };

    private static string TypeName(TypeSyntax t) => t switch
    {
        GenericNameSyntax g => g.Identifier.Text + "<" + new string(',', g.TypeArgumentList.Arguments.Count - 1) + ">",
        ArrayTypeSyntax a => TypeName(a.ElementType) + "[]",
        _ => t.ToString(),
    };

    private static IEnumerable<string> ShapeTokens(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            yield return token.Kind() switch
            {
                SyntaxKind.IdentifierToken => "ID",
                SyntaxKind.NumericLiteralToken => "NUM",
                SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.SingleLineRawStringLiteralToken
                    or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken => "STR",
                SyntaxKind.CharacterLiteralToken => "CHR",
                SyntaxKind.TrueKeyword or SyntaxKind.FalseKeyword => "BOOL",
                _ => token.Text,
            };
        }
    }

    private static IEnumerable<string> ExactTokens(SyntaxNode root) => root.DescendantTokens().Select(t => t.Text);

    private static string Hash(IEnumerable<string> tokens)
    {
        var text = string.Join('\u0001', tokens);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
