using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Literals;

/// <summary>Reads type syntax of the literal subset and converts values between its types.</summary>
internal static class LiteralTypes
{
    /// <summary>The literal-subset type named by <paramref name="syntax"/>, or an error.</summary>
    public static LiteralType? FromSyntax(TypeSyntax syntax, out string error)
    {
        error = "";
        switch (syntax)
        {
            case PredefinedTypeSyntax p:
                LiteralKind? kind = p.Keyword.Kind() switch
                {
                    SyntaxKind.IntKeyword => LiteralKind.Int,
                    SyntaxKind.LongKeyword => LiteralKind.Long,
                    SyntaxKind.DoubleKeyword => LiteralKind.Double,
                    SyntaxKind.FloatKeyword => LiteralKind.Float,
                    SyntaxKind.BoolKeyword => LiteralKind.Bool,
                    SyntaxKind.CharKeyword => LiteralKind.Char,
                    SyntaxKind.StringKeyword => LiteralKind.String,
                    _ => null,
                };
                if (kind is { } k) return LiteralType.Of(k);
                break;
            case ArrayTypeSyntax a:
                var element = FromSyntax(a.ElementType, out error);
                if (element is null) return null;
                foreach (var rank in a.RankSpecifiers)
                {
                    if (rank.Rank != 1) { error = "multi-dimensional arrays are not part of the literal subset"; return null; }
                    element = new LiteralType(LiteralKind.Array, [element]);
                }
                return element;
            case GenericNameSyntax g:
                var args = new List<LiteralType>();
                foreach (var arg in g.TypeArgumentList.Arguments)
                {
                    var t = FromSyntax(arg, out error);
                    if (t is null) return null;
                    args.Add(t);
                }
                LiteralKind? generic = (g.Identifier.ValueText, args.Count) switch
                {
                    ("List", 1) => LiteralKind.List,
                    ("HashSet", 1) => LiteralKind.HashSet,
                    ("Dictionary", 2) => LiteralKind.Dictionary,
                    _ => null,
                };
                if (generic is { } gk) return new LiteralType(gk, args);
                break;
            case TupleTypeSyntax tt:
                var items = new List<LiteralType>();
                foreach (var item in tt.Elements)
                {
                    if (item.Identifier.RawKind != 0) { error = "named tuple elements are not part of the literal subset"; return null; }
                    var t = FromSyntax(item.Type, out error);
                    if (t is null) return null;
                    items.Add(t);
                }
                if (items.Count is >= 2 and <= 7) return new LiteralType(LiteralKind.Tuple, items);
                break;
        }
        error = $"type '{Clip(syntax.ToString())}' is not part of the literal subset (int, long, double, float, bool, char, string, T[], List<T>, HashSet<T>, Dictionary<K, V>, tuples)";
        return null;
    }

    /// <summary>Implicitly converts <paramref name="value"/> to <paramref name="target"/> as C# would, or fails.</summary>
    public static LiteralValue? Convert(LiteralValue value, LiteralType target, out string error)
    {
        error = "";
        if (value.IsNull)
        {
            if (target.IsReference) return LiteralValue.Null(target);
            error = $"null cannot be converted to {target}";
            return null;
        }
        if (value.Type.SameAs(target)) return value;
        var s = value.Scalar;
        switch (target.Kind)
        {
            case LiteralKind.Long when s is int i: return new LiteralValue(target, (long)i);
            case LiteralKind.Float when s is int or long: return new LiteralValue(target, s is int fi ? (float)fi : (float)(long)s);
            case LiteralKind.Double when s is int or long or float:
                return new LiteralValue(target, s switch { int di => (double)di, long dl => (double)dl, _ => (double)(float)s });
            case LiteralKind.Tuple when value.Type.Kind == LiteralKind.Tuple && value.Items.Count == target.Arguments.Count:
                var items = new List<LiteralValue>();
                for (int k = 0; k < value.Items.Count; k++)
                {
                    var item = Convert(value.Items[k], target.Arguments[k], out error);
                    if (item is null) return null;
                    items.Add(item);
                }
                return new LiteralValue(target, null, items);
        }
        error = $"a value of type {value.Type} cannot be converted to {target}";
        return null;
    }

    /// <summary>C#'s best common type for the elements of <c>new[] { ... }</c>, restricted to the literal subset.</summary>
    public static LiteralType? BestType(IReadOnlyList<LiteralValue> items, out string error)
    {
        error = "";
        var typed = items.Where(i => !i.IsNull).Select(i => i.Type).ToList();
        if (typed.Count == 0) { error = "no best type for the elements of new[] { ... } (write the element type)"; return null; }
        LiteralType best;
        if (typed.All(t => t.IsNumeric))
            best = typed.MaxBy(t => t.Kind switch { LiteralKind.Int => 0, LiteralKind.Long => 1, LiteralKind.Float => 2, _ => 3 })!;
        else if (typed.All(t => t.SameAs(typed[0]))) best = typed[0];
        else { error = "the elements of new[] { ... } have no common type"; return null; }
        if (typed.Count < items.Count && !best.IsReference) { error = $"null is not a valid {best} element"; return null; }
        return best;
    }

    public static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
