using AbsoluteZero.Evaluation.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Evaluation.CSharp;

/// <summary>
/// Rewrites a benchmark's C# test code (the part after the solution) to neutralise its known defects:
/// <c>Debug.Assert</c> (a no-op without <c>DEBUG</c>) becomes <c>AzrHarness.Assert</c>, and <c>x.Equals(y)</c>
/// (reference equality for <c>List</c>/<c>Dictionary</c>) becomes <c>AzrHarness.Same(x, y)</c>. With
/// <c>visibleOnly</c>, <c>Main</c> keeps only its first test case.
/// </summary>
public static class CSharpTestRewriter
{
    private const string Prefix = "class __AzrWrap { void __AzrM() {\n";

    /// <summary>The rewritten test text (same layout, so it still closes the solution's method and class).</summary>
    public static string Rewrite(string tests, CSharpHarnessKind kind, bool visibleOnly)
    {
        var tree = CSharpSyntaxTree.ParseText(Prefix + tests, new CSharpParseOptions(LanguageVersion.Latest));
        var root = new Rewriter(kind, visibleOnly).Visit(tree.GetRoot());
        var text = root.ToFullString();
        return text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : text;
    }

    /// <summary>The prompt with the usings the harness makes unnecessary (System.Diagnostics) removed.</summary>
    public static string RewritePrompt(string prompt) =>
        prompt.Replace("using System.Diagnostics;\n", "", StringComparison.Ordinal);

    private sealed class Rewriter(CSharpHarnessKind kind, bool visibleOnly) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (visited.Expression is not MemberAccessExpressionSyntax member) return visited;
            var name = member.Name.Identifier.ValueText;
            var receiver = member.Expression.ToString();
            if (name == "Assert" && receiver is "Debug" or "System.Diagnostics.Debug")
                return visited.WithExpression(SyntaxFactory.ParseExpression("AzrHarness.Assert").WithTriviaFrom(visited.Expression));
            if (name == "Equals" && visited.ArgumentList.Arguments.Count == 1 && receiver is not "object" and not "Object")
            {
                var args = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                    [SyntaxFactory.Argument(member.Expression.WithoutTrivia()), visited.ArgumentList.Arguments[0]]));
                return SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression("AzrHarness.Same"), args).WithTriviaFrom(visited);
            }
            return visited;
        }

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
            if (!visibleOnly || visited.Identifier.ValueText != "Main" || visited.Body is null) return visited;
            var kept = new List<StatementSyntax>();
            foreach (var s in visited.Body.Statements)
            {
                kept.Add(s);
                bool endsCase = kind == CSharpHarnessKind.MxEval ? s is IfStatementSyntax : s.ToString().Contains("AzrHarness.Assert", StringComparison.Ordinal);
                if (endsCase) break;
            }
            return visited.WithBody(visited.Body.WithStatements(SyntaxFactory.List(kept)));
        }
    }
}
