using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AbsoluteZero.Execution.Literals;

/// <summary>Turns expression syntax of the literal subset into <see cref="LiteralValue"/>s.</summary>
internal sealed class LiteralReader
{
    private const int MaxDepth = 64;
    private const int MaxArraySize = 100_000;
    private int _depth;

    public LiteralValue? Read(ExpressionSyntax syntax, out string error)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            error = $"nesting deeper than {MaxDepth} levels";
            return null;
        }
        try
        {
            return ReadCore(syntax, out error);
        }
        finally
        {
            _depth--;
        }
    }

    private LiteralValue? ReadCore(ExpressionSyntax syntax, out string error)
    {
        error = "";
        switch (syntax)
        {
            case LiteralExpressionSyntax literal:
                return Literal(literal, negate: false, out error);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax operand }
                when operand.IsKind(SyntaxKind.NumericLiteralExpression):
                return Literal(operand, negate: true, out error);
            case MemberAccessExpressionSyntax member when member.Expression is PredefinedTypeSyntax:
                return Constant(member, out error);
            case ParenthesizedExpressionSyntax paren:
                return Read(paren.Expression, out error);
            case TupleExpressionSyntax tuple:
                return Tuple(tuple, out error);
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return ImplicitArray(implicitArray, out error);
            case ArrayCreationExpressionSyntax array:
                return Array(array, out error);
            case ObjectCreationExpressionSyntax creation:
                return Collection(creation, out error);
        }
        error = $"'{LiteralTypes.Clip(syntax.ToString())}' is not part of the literal subset (numbers, strings, chars, bools, null, arrays, List, HashSet, Dictionary, tuples)";
        return null;
    }

    private static LiteralValue? Literal(LiteralExpressionSyntax literal, bool negate, out string error)
    {
        error = "";
        var value = literal.Token.Value;
        switch (literal.Kind())
        {
            case SyntaxKind.NullLiteralExpression: return LiteralValue.Null(LiteralType.Of(LiteralKind.Null));
            case SyntaxKind.TrueLiteralExpression: return Scalar(LiteralKind.Bool, true);
            case SyntaxKind.FalseLiteralExpression: return Scalar(LiteralKind.Bool, false);
            case SyntaxKind.CharacterLiteralExpression: return Scalar(LiteralKind.Char, (char)value!);
            case SyntaxKind.StringLiteralExpression: return Scalar(LiteralKind.String, literal.Token.ValueText);
            case SyntaxKind.NumericLiteralExpression:
                switch (value)
                {
                    case int i: return Scalar(LiteralKind.Int, negate ? -i : i);
                    case long l: return Scalar(LiteralKind.Long, negate ? -l : l);
                    case double d: return Scalar(LiteralKind.Double, negate ? -d : d);
                    case float f: return Scalar(LiteralKind.Float, negate ? -f : f);
                    case uint u when negate && u == 2147483648u && !HasSuffix(literal): return Scalar(LiteralKind.Int, int.MinValue);
                    case ulong u when negate && u == 9223372036854775808ul && !HasSuffix(literal, 'u'): return Scalar(LiteralKind.Long, long.MinValue);
                }
                error = $"'{literal}' is a {value?.GetType().Name} literal; the literal subset has int, long (L), double (d) and float (f) numbers";
                return null;
        }
        error = $"'{LiteralTypes.Clip(literal.ToString())}' is not part of the literal subset";
        return null;
    }

    private static bool HasSuffix(LiteralExpressionSyntax literal, char suffix = '\0')
    {
        var text = literal.Token.Text.ToLowerInvariant();
        return suffix == '\0' ? char.IsLetter(text[^1]) : text.Contains(suffix);
    }

    private static LiteralValue Scalar(LiteralKind kind, object value) => new(LiteralType.Of(kind), value);

    private static LiteralValue? Constant(MemberAccessExpressionSyntax member, out string error)
    {
        error = "";
        var type = ((PredefinedTypeSyntax)member.Expression).Keyword.ValueText;
        LiteralValue? value = (type, member.Name.Identifier.ValueText) switch
        {
            ("double", "NaN") => Scalar(LiteralKind.Double, double.NaN),
            ("double", "PositiveInfinity") => Scalar(LiteralKind.Double, double.PositiveInfinity),
            ("double", "NegativeInfinity") => Scalar(LiteralKind.Double, double.NegativeInfinity),
            ("float", "NaN") => Scalar(LiteralKind.Float, float.NaN),
            ("float", "PositiveInfinity") => Scalar(LiteralKind.Float, float.PositiveInfinity),
            ("float", "NegativeInfinity") => Scalar(LiteralKind.Float, float.NegativeInfinity),
            ("int", "MaxValue") => Scalar(LiteralKind.Int, int.MaxValue),
            ("int", "MinValue") => Scalar(LiteralKind.Int, int.MinValue),
            ("long", "MaxValue") => Scalar(LiteralKind.Long, long.MaxValue),
            ("long", "MinValue") => Scalar(LiteralKind.Long, long.MinValue),
            _ => null,
        };
        if (value is null)
            error = $"'{member}' is not part of the literal subset (double/float NaN and infinities, int/long MinValue and MaxValue are)";
        return value;
    }

    private LiteralValue? Tuple(TupleExpressionSyntax tuple, out string error)
    {
        error = "";
        if (tuple.Arguments.Count > 7) { error = "tuples have at most 7 items in the literal subset"; return null; }
        var items = new List<LiteralValue>();
        foreach (var argument in tuple.Arguments)
        {
            if (argument.NameColon is not null) { error = "named tuple elements are not part of the literal subset"; return null; }
            var item = Read(argument.Expression, out error);
            if (item is null) return null;
            if (item.IsNull && item.Type.Kind == LiteralKind.Null) { error = "a tuple item cannot be an untyped null"; return null; }
            items.Add(item);
        }
        return new LiteralValue(new LiteralType(LiteralKind.Tuple, items.Select(i => i.Type).ToList()), null, items);
    }

    private List<LiteralValue>? Elements(InitializerExpressionSyntax? initializer, out string error)
    {
        error = "";
        var items = new List<LiteralValue>();
        if (initializer is null) return items;
        foreach (var expression in initializer.Expressions)
        {
            var item = Read(expression, out error);
            if (item is null) return null;
            items.Add(item);
        }
        return items;
    }

    private LiteralValue? ImplicitArray(ImplicitArrayCreationExpressionSyntax array, out string error)
    {
        if (array.Commas.Count > 0) { error = "multi-dimensional arrays are not part of the literal subset"; return null; }
        var items = Elements(array.Initializer, out error);
        if (items is null) return null;
        var element = LiteralTypes.BestType(items, out error);
        return element is null ? null : Sequence(LiteralKind.Array, element, items, out error);
    }

    private LiteralValue? Array(ArrayCreationExpressionSyntax array, out string error)
    {
        var type = LiteralTypes.FromSyntax(array.Type, out error);
        if (type is null) return null;
        var element = type.Arguments[0];
        var sizes = array.Type.RankSpecifiers.SelectMany(r => r.Sizes).Where(s => s is not OmittedArraySizeExpressionSyntax).ToList();
        if (sizes.Count == 0) return Elements(array.Initializer, out error) is { } items ? Sequence(LiteralKind.Array, element, items, out error) : null;
        if (array.Initializer is not null || sizes.Count != 1 || array.Type.RankSpecifiers[0].Sizes[0] != sizes[0]
            || Read(sizes[0], out error) is not { Scalar: int size } || size < 0 || size > MaxArraySize)
        {
            error = $"'{LiteralTypes.Clip(array.ToString())}': an array is written new T[] {{ ... }}, new[] {{ ... }} or new T[n] with 0 <= n <= {MaxArraySize}";
            return null;
        }
        var fill = Default(element);
        if (fill is null) { error = $"arrays of {element} need their elements written out"; return null; }
        return new LiteralValue(type, null, Enumerable.Repeat(fill, size).ToList());
    }

    private static LiteralValue? Default(LiteralType type) => type.Kind switch
    {
        LiteralKind.Int => Scalar(LiteralKind.Int, 0),
        LiteralKind.Long => Scalar(LiteralKind.Long, 0L),
        LiteralKind.Double => Scalar(LiteralKind.Double, 0d),
        LiteralKind.Float => Scalar(LiteralKind.Float, 0f),
        LiteralKind.Bool => Scalar(LiteralKind.Bool, false),
        LiteralKind.Char => Scalar(LiteralKind.Char, '\0'),
        _ when type.IsReference => LiteralValue.Null(type),
        _ => null,
    };

    private static LiteralValue? Sequence(LiteralKind kind, LiteralType element, List<LiteralValue> items, out string error)
    {
        error = "";
        var converted = new List<LiteralValue>(items.Count);
        foreach (var item in items)
        {
            var c = LiteralTypes.Convert(item, element, out error);
            if (c is null) return null;
            if (kind == LiteralKind.HashSet && converted.Any(x => x.StructurallyEquals(c))) continue;
            converted.Add(c);
        }
        return new LiteralValue(new LiteralType(kind, [element]), null, converted);
    }

    private LiteralValue? Collection(ObjectCreationExpressionSyntax creation, out string error)
    {
        var type = LiteralTypes.FromSyntax(creation.Type, out error);
        if (type is null) return null;
        if (type.Kind is not (LiteralKind.List or LiteralKind.HashSet or LiteralKind.Dictionary))
        {
            error = $"'new {type}(...)' is not part of the literal subset";
            return null;
        }
        if (creation.ArgumentList is { Arguments.Count: > 0 })
        {
            error = $"'{LiteralTypes.Clip(creation.ToString())}': constructor arguments are not allowed (use an initializer)";
            return null;
        }
        if (type.Kind != LiteralKind.Dictionary)
            return Elements(creation.Initializer, out error) is { } items ? Sequence(type.Kind, type.Arguments[0], items, out error) : null;
        return Dictionary(type, creation.Initializer, out error);
    }

    private LiteralValue? Dictionary(LiteralType type, InitializerExpressionSyntax? initializer, out string error)
    {
        error = "";
        var entries = new List<KeyValuePair<LiteralValue, LiteralValue>>();
        foreach (var expression in initializer?.Expressions ?? [])
        {
            ExpressionSyntax keySyntax, valueSyntax;
            if (expression is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } access } assignment
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                keySyntax = access.ArgumentList.Arguments[0].Expression;
                valueSyntax = assignment.Right;
            }
            else if (expression is InitializerExpressionSyntax { Expressions.Count: 2 } pair && pair.IsKind(SyntaxKind.ComplexElementInitializerExpression))
            {
                keySyntax = pair.Expressions[0];
                valueSyntax = pair.Expressions[1];
            }
            else
            {
                error = $"'{LiteralTypes.Clip(expression.ToString())}': dictionary entries are written [key] = value or {{ key, value }}";
                return null;
            }
            var key = Read(keySyntax, out error) is { } k ? LiteralTypes.Convert(k, type.Arguments[0], out error) : null;
            if (key is null) return null;
            var value = Read(valueSyntax, out error) is { } v ? LiteralTypes.Convert(v, type.Arguments[1], out error) : null;
            if (value is null) return null;
            if (key.IsNull) { error = "a dictionary key cannot be null"; return null; }
            if (entries.Any(e => e.Key.StructurallyEquals(key))) { error = $"duplicate dictionary key {key}"; return null; }
            entries.Add(new(key, value));
        }
        return new LiteralValue(type, null, entries: entries);
    }
}
