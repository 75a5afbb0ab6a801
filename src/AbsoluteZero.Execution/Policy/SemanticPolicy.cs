using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Policy;

/// <summary>
/// The allow-list walk over the semantic model: every symbol and type that any name, expression or declaration of
/// the program refers to must come from <see cref="PolicyRules.AllowedNamespaces"/> (less the denied types and
/// members), or be declared by the program itself.
/// </summary>
internal sealed class SemanticPolicy(SemanticModel model, int lineOffset, bool sameTreeOnly)
{
    private readonly Dictionary<ITypeSymbol, string?> _checkedTypes = new(SymbolEqualityComparer.Default);

    /// <summary>The first violation in <paramref name="members"/>, or null.</summary>
    public PolicyViolation? Check(IEnumerable<SyntaxNode> members)
    {
        foreach (var member in members)
            foreach (var node in member.DescendantNodesAndSelf(n => !IsInstrumentation(n)))
            {
                if (IsInstrumentation(node)) continue;
                var reason = CheckNode(node);
                if (reason is not null) return PolicyViolation.At(reason.Value.Rule, reason.Value.Detail, node, lineOffset);
            }
        return null;
    }

    // Calls the instrumentation inserted (__B.T(), __B.E(), __B.F(e)); user code cannot name __B (syntax policy).
    private static bool IsInstrumentation(SyntaxNode node) =>
        node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "__B" } }
        or InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "__B" } } };

    private (string Rule, string Detail)? CheckNode(SyntaxNode node)
    {
        switch (node)
        {
            case LiteralExpressionSyntax:
                return null;
            case ExpressionSyntax expression:
                var info = model.GetSymbolInfo(expression);
                if (info.Symbol is { } symbol && CheckSymbol(symbol) is { } s) return s;
                foreach (var candidate in info.CandidateSymbols)
                    if (CheckSymbol(candidate) is { } c) return c;
                var typeInfo = model.GetTypeInfo(expression);
                if (typeInfo.Type is { } t && CheckType(t) is { } r1) return ("type", r1);
                if (typeInfo.ConvertedType is { } ct && !SymbolEqualityComparer.Default.Equals(ct, typeInfo.Type) && CheckType(ct) is { } r2)
                    return ("type", r2);
                return null;
            case VariableDeclaratorSyntax or ParameterSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax
                or CatchDeclarationSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax or PropertyDeclarationSyntax:
                var declared = node is ForEachStatementSyntax fe ? model.GetDeclaredSymbol(fe) : model.GetDeclaredSymbol(node);
                return declared is null ? null : CheckDeclared(declared);
        }
        return null;
    }

    private (string, string)? CheckDeclared(ISymbol symbol)
    {
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol l => l.Type,
            IParameterSymbol p => p.Type,
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            IMethodSymbol m => m.ReturnType,
            _ => null,
        };
        return type is not null && CheckType(type) is { } r ? ("type", r) : null;
    }

    private (string Rule, string Detail)? CheckSymbol(ISymbol symbol)
    {
        switch (symbol)
        {
            case ITypeSymbol type:
                return CheckType(type) is { } r ? ("type", r) : null;
            case INamespaceSymbol:
            case ILocalSymbol:
            case ILabelSymbol:
            case IRangeVariableSymbol:
            case IDiscardSymbol:
                return null;
            case IParameterSymbol p:
                return CheckType(p.Type) is { } pr ? ("type", pr) : null;
            case IAliasSymbol a:
                return CheckSymbol(a.Target);
        }
        if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension } reduced) symbol = reduced.ReducedFrom ?? reduced;
        if (IsSource(symbol))
        {
            if (sameTreeOnly && !symbol.Locations.Any(l => l.SourceTree == model.SyntaxTree))
                return ("cross-program", $"{symbol.Name} is declared by another program");
            return null;
        }
        if (symbol.ContainingType is { } owner)
        {
            if (CheckType(owner) is { } r) return ("type", r);
            var key = (owner.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "") + owner.Name + "." + symbol.Name;
            if (PolicyRules.DeniedMembers.TryGetValue(key, out var why)) return ("member", $"{key}: {why}");
            if (symbol.Name is "GetHashCode") return ("member", $"{owner.Name}.GetHashCode: string hash codes are randomised per process");
            if (symbol.Name is "GetType" && symbol is IMethodSymbol { Parameters.Length: 0 }) return ("reflection", "GetType()");
            if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0 } && owner.ToDisplayString() == "System.Random")
                return ("member", "new Random() without a seed: unseeded randomness");
            ITypeSymbol? result = symbol switch
            {
                IMethodSymbol m => m.ReturnType,
                IPropertySymbol p => p.Type,
                IFieldSymbol f => f.Type,
                IEventSymbol e => e.Type,
                _ => null,
            };
            if (result is not null && CheckType(result) is { } rr) return ("type", rr);
            if (symbol is IMethodSymbol method)
                foreach (var arg in method.TypeArguments)
                    if (CheckType(arg) is { } ra) return ("type", ra);
        }
        return null;
    }

    private static bool IsSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);

    /// <summary>Null when the type is allowed, else the reason.</summary>
    private string? CheckType(ITypeSymbol type)
    {
        if (_checkedTypes.TryGetValue(type, out var cached)) return cached;
        var reason = CheckTypeCore(type);
        _checkedTypes[type] = reason;
        return reason;
    }

    private string? CheckTypeCore(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array: return CheckType(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol: return "pointer types are not allowed";
            case IDynamicTypeSymbol: return "dynamic is not allowed";
            case ITypeParameterSymbol or IErrorTypeSymbol: return null;
            case INamedTypeSymbol named:
                foreach (var arg in named.TypeArguments)
                    if (CheckType(arg) is { } r) return r;
                if (IsSource(named))
                {
                    if (sameTreeOnly && !named.Locations.Any(l => l.SourceTree == model.SyntaxTree))
                        return $"{named.Name} is declared by another program";
                    return null;
                }
                if (named.ContainingType is { } outer) return CheckType(outer);
                var ns = named.ContainingNamespace?.ToDisplayString() ?? "";
                var name = ns.Length == 0 ? named.MetadataName : ns + "." + named.MetadataName;
                if (PolicyRules.DeniedTypes.TryGetValue(name, out var why)) return $"{name}: {why}";
                if (!PolicyRules.AllowedNamespaces.Contains(ns)) return $"{name}: namespace {ns} is not allowed";
                return null;
        }
        return null;
    }
}
