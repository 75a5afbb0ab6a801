using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Compilation;

/// <summary>
/// Puts a program into its own static class with an entry <c>__Run() =&gt; f(input)</c>. The program starts on line 2
/// of the wrapper, so a wrapper line minus one is a program line. Top-level members get <c>static</c> when they lack it.
/// </summary>
internal static class ProgramWrapper
{
    public const int LineOffset = 1;
    public const string EntryMethod = "__Run";
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    /// <summary>The wrapper's class name for program number <paramref name="slot"/>.</summary>
    public static string ClassName(int slot) => "__P" + slot;

    /// <summary>Parses the wrapped program. The class is the only member of the compilation unit.</summary>
    public static SyntaxTree Wrap(int slot, string program, string input)
    {
        var text = $"public static class {ClassName(slot)} {{\n{program}\npublic static object {EntryMethod}() => f({input});\n}}\n";
        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.FirstOrDefault() is not ClassDeclarationSyntax wrapper) return tree;
        var members = wrapper.Members.Where(NeedsStatic).ToList();
        if (members.Count == 0) return tree;
        var fixedRoot = root.ReplaceNodes(members, (_, m) => AddStatic(m));
        return tree.WithRootAndOptions(fixedRoot, ParseOptions);
    }

    /// <summary>The members the program itself wrote (everything in the wrapper but the entry), or null when the wrapper broke.</summary>
    public static IReadOnlyList<MemberDeclarationSyntax>? ProgramMembers(SyntaxTree tree)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.Count != 1 || root.Members[0] is not ClassDeclarationSyntax wrapper
            || wrapper.Members.LastOrDefault() is not MethodDeclarationSyntax { Identifier.ValueText: EntryMethod })
            return null;
        return wrapper.Members.Take(wrapper.Members.Count - 1).ToList();
    }

    private static bool NeedsStatic(MemberDeclarationSyntax member) =>
        member is MethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax
            or EventDeclarationSyntax
        && !member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword));

    private static MemberDeclarationSyntax AddStatic(MemberDeclarationSyntax member)
    {
        var token = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (member.Modifiers.Count > 0) return member.WithModifiers(member.Modifiers.Add(token.WithLeadingTrivia(SyntaxFactory.Space)));
        var leading = member.GetLeadingTrivia();
        return member.WithoutLeadingTrivia().WithModifiers(SyntaxFactory.TokenList(token.WithLeadingTrivia(leading)));
    }
}
