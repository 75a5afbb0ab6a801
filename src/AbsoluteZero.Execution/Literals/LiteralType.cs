namespace AbsoluteZero.Execution.Literals;

/// <summary>The kinds of values in the literal subset.</summary>
public enum LiteralKind
{
    /// <summary><c>null</c> (a string or collection that is absent).</summary>
    Null,
    /// <summary><c>bool</c>.</summary>
    Bool,
    /// <summary><c>int</c>.</summary>
    Int,
    /// <summary><c>long</c>.</summary>
    Long,
    /// <summary><c>double</c>.</summary>
    Double,
    /// <summary><c>float</c>.</summary>
    Float,
    /// <summary><c>char</c>.</summary>
    Char,
    /// <summary><c>string</c>.</summary>
    String,
    /// <summary><c>T[]</c>.</summary>
    Array,
    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,
    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,
    /// <summary><c>Dictionary&lt;K, V&gt;</c>.</summary>
    Dictionary,
    /// <summary>A value tuple <c>(T1, T2, ...)</c> of 2 to 7 items.</summary>
    Tuple,
}

/// <summary>A type of the literal subset: a scalar kind, or a collection/tuple kind with its type arguments.</summary>
public sealed record LiteralType(LiteralKind Kind, IReadOnlyList<LiteralType> Arguments)
{
    /// <summary>A scalar type.</summary>
    public static LiteralType Of(LiteralKind kind) => new(kind, []);

    /// <summary>Whether values of this type are integral or floating-point numbers.</summary>
    public bool IsNumeric => Kind is LiteralKind.Int or LiteralKind.Long or LiteralKind.Double or LiteralKind.Float;

    /// <summary>Whether <c>null</c> converts to this type.</summary>
    public bool IsReference => Kind is LiteralKind.String or LiteralKind.Array or LiteralKind.List or LiteralKind.HashSet
        or LiteralKind.Dictionary or LiteralKind.Null;

    /// <summary>The C# spelling: <c>int</c>, <c>List&lt;string&gt;</c>, <c>(int, char)</c>, <c>int[][]</c>.</summary>
    public override string ToString() => Kind switch
    {
        LiteralKind.Null => "null",
        LiteralKind.Bool => "bool",
        LiteralKind.Int => "int",
        LiteralKind.Long => "long",
        LiteralKind.Double => "double",
        LiteralKind.Float => "float",
        LiteralKind.Char => "char",
        LiteralKind.String => "string",
        LiteralKind.Array => Arguments[0] + "[]",
        LiteralKind.List => $"List<{Arguments[0]}>",
        LiteralKind.HashSet => $"HashSet<{Arguments[0]}>",
        LiteralKind.Dictionary => $"Dictionary<{Arguments[0]}, {Arguments[1]}>",
        LiteralKind.Tuple => "(" + string.Join(", ", Arguments) + ")",
        _ => Kind.ToString(),
    };

    /// <summary>Type equality by kind and arguments (records compare lists by reference, so this is explicit).</summary>
    public bool SameAs(LiteralType other) =>
        Kind == other.Kind && Arguments.Count == other.Arguments.Count
        && Arguments.Zip(other.Arguments).All(p => p.First.SameAs(p.Second));
}
