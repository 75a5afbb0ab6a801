using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Literals;

/// <summary>
/// Parses C# expressions of the literal subset (docs/literal-values.md): numbers, strings, chars, bools, null, arrays,
/// lists, hash sets, dictionaries and tuples, nested. Anything else (calls, lambdas, operators, other types) is an error.
/// </summary>
public static class CSharpLiteral
{
    /// <summary>Longest accepted expression text.</summary>
    public const int MaxLength = 1 << 20;

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    /// <summary>Parses one expression. On failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string text, out LiteralValue value, out string error)
    {
        value = LiteralValue.Null(LiteralType.Of(LiteralKind.Null));
        if (!CheckLength(text, out error)) return false;
        var syntax = SyntaxFactory.ParseExpression(text, options: Options);
        if (!CheckParsed(syntax, text, out error)) return false;
        var parsed = new LiteralReader().Read(syntax, out error);
        if (parsed is null) return false;
        value = parsed;
        return true;
    }

    /// <summary>Parses an argument list such as <c>1, "a", new[] { 2 }</c> (without parentheses; empty is allowed).</summary>
    public static bool TryParseArguments(string text, out IReadOnlyList<LiteralValue> values, out string error)
    {
        values = [];
        if (!CheckLength(text, out error)) return false;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var list = SyntaxFactory.ParseArgumentList("(" + text + ")", options: Options);
        if (!CheckParsed(list, "(" + text + ")", out error)) return false;
        var result = new List<LiteralValue>();
        var reader = new LiteralReader();
        foreach (var argument in list.Arguments)
        {
            if (argument.NameColon is not null || argument.RefKindKeyword.RawKind != 0)
            {
                error = $"argument '{LiteralTypes.Clip(argument.ToString())}': named, ref and out arguments are not allowed";
                return false;
            }
            var value = reader.Read(argument.Expression, out error);
            if (value is null) return false;
            result.Add(value);
        }
        values = result;
        return true;
    }

    private static bool CheckLength(string text, out string error)
    {
        error = "";
        if (text.Length <= MaxLength) return true;
        error = $"expression is {text.Length} characters long; the limit is {MaxLength}";
        return false;
    }

    private static bool CheckParsed(Microsoft.CodeAnalysis.SyntaxNode syntax, string text, out string error)
    {
        error = "";
        var diagnostic = syntax.GetDiagnostics().FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (diagnostic is not null)
        {
            error = $"not a C# expression: {diagnostic.GetMessage()} (at character {diagnostic.Location.SourceSpan.Start + 1})";
            return false;
        }
        if (syntax.FullSpan.Length != text.Length || syntax.ContainsDirectives)
        {
            error = $"unexpected text after the expression at character {syntax.FullSpan.Length + 1}";
            return false;
        }
        return true;
    }
}
