using AbsoluteZero.Sandbox.Runner;

namespace AbsoluteZero.Execution.Literals;

/// <summary>
/// A value of the literal subset (see docs/literal-values.md): a scalar, a collection or a tuple, with its C# type.
/// Immutable; build one with <see cref="CSharpLiteral.TryParse"/>.
/// </summary>
public sealed class LiteralValue
{
    internal LiteralValue(LiteralType type, object? scalar, IReadOnlyList<LiteralValue>? items = null,
        IReadOnlyList<KeyValuePair<LiteralValue, LiteralValue>>? entries = null)
    {
        Type = type;
        Scalar = scalar;
        Items = items ?? [];
        Entries = entries ?? [];
    }

    /// <summary>The value's type (for <c>null</c>, the type it was converted to, or <see cref="LiteralKind.Null"/>).</summary>
    public LiteralType Type { get; }

    /// <summary>True for <c>null</c>.</summary>
    public bool IsNull { get; private init; }

    /// <summary>The scalar (bool, int, long, double, float, char or string); null for collections and null.</summary>
    public object? Scalar { get; }

    /// <summary>Elements of an array, list, set (in canonical order) or tuple.</summary>
    public IReadOnlyList<LiteralValue> Items { get; }

    /// <summary>Entries of a dictionary, in canonical order.</summary>
    public IReadOnlyList<KeyValuePair<LiteralValue, LiteralValue>> Entries { get; }

    internal static LiteralValue Null(LiteralType type) => new(type, null) { IsNull = true };

    /// <summary>The canonical C# expression for this value; parsing it gives a structurally equal value.</summary>
    public string ToCanonicalString()
    {
        if (IsNull) return "null";
        return Type.Kind switch
        {
            LiteralKind.Bool => CanonicalText.Bool((bool)Scalar!),
            LiteralKind.Int => CanonicalText.Int((int)Scalar!),
            LiteralKind.Long => CanonicalText.Long((long)Scalar!),
            LiteralKind.Double => CanonicalText.Double((double)Scalar!),
            LiteralKind.Float => CanonicalText.Float((float)Scalar!),
            LiteralKind.Char => CanonicalText.Char((char)Scalar!),
            LiteralKind.String => CanonicalText.String((string)Scalar!),
            LiteralKind.Array => $"new {Type.Arguments[0]}[] " + CanonicalText.Braces(Items.Select(i => i.ToCanonicalString())),
            LiteralKind.List => $"new {Type} " + CanonicalText.Braces(Items.Select(i => i.ToCanonicalString())),
            LiteralKind.HashSet => $"new {Type} " + CanonicalText.Braces(Sorted(Items.Select(i => i.ToCanonicalString()))),
            LiteralKind.Dictionary => $"new {Type} " + CanonicalText.Braces(Sorted(Entries.Select(e =>
                "[" + e.Key.ToCanonicalString() + "] = " + e.Value.ToCanonicalString()))),
            LiteralKind.Tuple => "(" + string.Join(", ", Items.Select(i => i.ToCanonicalString())) + ")",
            _ => "null",
        };
    }

    private static List<string> Sorted(IEnumerable<string> items)
    {
        var list = items.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The canonical expression (same as <see cref="ToCanonicalString"/>).</summary>
    public override string ToString() => ToCanonicalString();

    /// <summary>
    /// Structural equality: numbers by exact numeric value whatever their kind; arrays and lists element-wise (an
    /// array equals a list with the same elements); sets and dictionaries by content; tuples item-wise; chars,
    /// strings and bools by value; null only equals null. See docs/literal-values.md.
    /// </summary>
    public bool StructurallyEquals(LiteralValue other) => LiteralEquality.Equal(this, other);
}
