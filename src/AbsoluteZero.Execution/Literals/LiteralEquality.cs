namespace AbsoluteZero.Execution.Literals;

/// <summary>The structural equality rule of docs/literal-values.md.</summary>
internal static class LiteralEquality
{
    public static bool Equal(LiteralValue a, LiteralValue b)
    {
        if (a.IsNull || b.IsNull) return a.IsNull && b.IsNull;
        var ka = a.Type.Kind;
        var kb = b.Type.Kind;
        if (a.Type.IsNumeric && b.Type.IsNumeric) return NumbersEqual(a.Scalar!, b.Scalar!);
        if (IsSequence(ka) && IsSequence(kb)) return ItemsEqual(a.Items, b.Items);
        if (ka != kb) return false;
        return ka switch
        {
            LiteralKind.Bool or LiteralKind.Char or LiteralKind.String => Equals(a.Scalar, b.Scalar),
            LiteralKind.Tuple => ItemsEqual(a.Items, b.Items),
            LiteralKind.HashSet => SetsEqual(a, b),
            LiteralKind.Dictionary => DictionariesEqual(a, b),
            _ => false,
        };
    }

    private static bool IsSequence(LiteralKind kind) => kind is LiteralKind.Array or LiteralKind.List;

    private static bool NumbersEqual(object x, object y)
    {
        if (x is int or long && y is int or long) return Integral(x) == Integral(y);
        if (x is double or float && y is double or float) return Floating(x).Equals(Floating(y));
        // One integral, one floating: equal only when the double is exactly that integer.
        long i = x is int or long ? Integral(x) : Integral(y);
        double d = x is int or long ? Floating(y) : Floating(x);
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d || d < -9.2233720368547758E18 || d >= 9.2233720368547758E18)
            return false;
        return (long)d == i;
    }

    private static long Integral(object v) => v is int i ? i : (long)v;

    private static double Floating(object v) => v is float f ? f : (double)v;

    private static bool ItemsEqual(IReadOnlyList<LiteralValue> a, IReadOnlyList<LiteralValue> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!Equal(a[i], b[i])) return false;
        return true;
    }

    private static bool SetsEqual(LiteralValue a, LiteralValue b)
    {
        if (a.Items.Count != b.Items.Count) return false;
        if (a.ToCanonicalString() == b.ToCanonicalString()) return true;
        return a.Items.All(x => b.Items.Any(y => Equal(x, y))) && b.Items.All(y => a.Items.Any(x => Equal(x, y)));
    }

    private static bool DictionariesEqual(LiteralValue a, LiteralValue b)
    {
        if (a.Entries.Count != b.Entries.Count) return false;
        if (a.ToCanonicalString() == b.ToCanonicalString()) return true;
        foreach (var entry in a.Entries)
        {
            var match = b.Entries.FirstOrDefault(e => Equal(e.Key, entry.Key));
            if (match.Key is null || !Equal(match.Value, entry.Value)) return false;
        }
        return true;
    }
}
