using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AbsoluteZero.Execution.Compilation;

/// <summary>
/// Rewrites a program so that runaway code ends in an ordinary, reproducible verdict instead of a killed process:
/// a step tick (<c>__B.T()</c>) in every loop body and before every goto, a stack guard plus tick (<c>__B.E()</c>) at
/// the start of every method, local function, constructor, accessor, operator and block lambda, and a filter on every
/// catch clause so budget, stack and out-of-memory exceptions cannot be swallowed. No line breaks are added, so line
/// numbers of diagnostics still match the program text.
/// </summary>
internal sealed class Instrumenter : CSharpSyntaxRewriter
{
    private int _catchCount;

    private static StatementSyntax Tick() => ParseStatement("__B.T();");
    private static StatementSyntax Enter() => ParseStatement("__B.E();");

    private static BlockSyntax Prepend(StatementSyntax first, StatementSyntax body) =>
        body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, first)) : Block(first, body);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        ((WhileStatementSyntax)base.VisitWhileStatement(node)!) is var n ? n.WithStatement(Prepend(Tick(), n.Statement)) : null;

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        ((DoStatementSyntax)base.VisitDoStatement(node)!) is var n ? n.WithStatement(Prepend(Tick(), n.Statement)) : null;

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        ((ForStatementSyntax)base.VisitForStatement(node)!) is var n ? n.WithStatement(Prepend(Tick(), n.Statement)) : null;

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        ((ForEachStatementSyntax)base.VisitForEachStatement(node)!) is var n ? n.WithStatement(Prepend(Tick(), n.Statement)) : null;

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        ((ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!) is var n ? n.WithStatement(Prepend(Tick(), n.Statement)) : null;

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) =>
        Block(Tick(), (StatementSyntax)base.VisitGotoStatement(node)!);

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var n = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        bool isVoid = n.ReturnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword);
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid));
        return n;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var n = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        bool isVoid = n.ReturnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword);
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid));
        return n;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var n = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid: true));
        return n;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var n = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid: false));
        return n;
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var n = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid: false));
        return n;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var n = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        bool isVoid = !n.Keyword.IsKind(SyntaxKind.GetKeyword);
        if (n.Body is { } body) return n.WithBody(Prepend(Enter(), body));
        if (n.ExpressionBody is { } arrow) return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Arrow(arrow, isVoid));
        return n;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var n = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (n.ExpressionBody is not { } arrow) return n;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Arrow(arrow, isVoid: false));
        return n.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(List([getter])));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var n = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (n.ExpressionBody is not { } arrow) return n;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Arrow(arrow, isVoid: false));
        return n.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(List([getter])));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var n = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return n.Block is { } block ? n.WithBlock(Prepend(Enter(), block)) : n;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var n = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return n.Block is { } block ? n.WithBlock(Prepend(Enter(), block)) : n;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var n = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return n.WithBlock(Prepend(Enter(), n.Block));
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var n = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        string name;
        var declaration = n.Declaration;
        if (declaration is null)
        {
            name = "__e" + ++_catchCount;
            declaration = CatchDeclaration(ParseTypeName("System.Exception"), Identifier(name));
        }
        else if (declaration.Identifier.RawKind == 0 || declaration.Identifier.ValueText.Length == 0)
        {
            name = "__e" + ++_catchCount;
            declaration = declaration.WithIdentifier(Identifier(name).WithLeadingTrivia(Space));
        }
        else name = declaration.Identifier.ValueText;
        var guard = ParseExpression($"__B.F({name})");
        var condition = n.Filter is { } filter
            ? BinaryExpression(SyntaxKind.LogicalAndExpression, guard, ParenthesizedExpression(filter.FilterExpression))
            : guard;
        return n.WithDeclaration(declaration.WithTrailingTrivia(Space)).WithFilter(CatchFilterClause(condition).WithTrailingTrivia(Space));
    }

    private static BlockSyntax Arrow(ArrowExpressionClauseSyntax arrow, bool isVoid)
    {
        var expression = arrow.Expression.WithLeadingTrivia(Space);
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax t => ThrowStatement(t.Expression.WithLeadingTrivia(Space)),
            _ when isVoid => ExpressionStatement(expression),
            _ => ReturnStatement(expression),
        };
        return Block(Enter(), statement).WithLeadingTrivia(Space);
    }
}
