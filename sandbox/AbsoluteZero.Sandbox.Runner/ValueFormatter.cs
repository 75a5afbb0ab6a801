using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace AbsoluteZero.Sandbox.Runner;

/// <summary>The value cannot be written in the literal subset, or its text is over the output limit.</summary>
public sealed class OutputRejectedException(string message) : Exception(message);

/// <summary>
/// Renders a .NET value as the canonical C# expression of the literal subset (see docs/literal-values.md): ints,
/// longs, doubles, floats, bools, chars, strings, null, arrays, lists, hash sets and dictionaries (sorted by the
/// canonical text of elements/keys), and value tuples. Other sequences render as lists. Anything else is rejected.
/// </summary>
public static class ValueFormatter
{
    /// <summary>Canonical text of <paramref name="value"/>; throws <see cref="OutputRejectedException"/>.</summary>
    public static string Format(object? value, int limit)
    {
        var budget = new int[] { limit };
        var type = value?.GetType() ?? typeof(string);
        return Render(value, type, budget);
    }

    /// <summary>The C# spelling of <paramref name="type"/> in the literal subset, or null when it has none.</summary>
    public static string? TypeName(Type type)
    {
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(double)) return "double";
        if (type == typeof(float)) return "float";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(char)) return "char";
        if (type == typeof(string)) return "string";
        if (type.IsArray)
            return type.GetArrayRank() == 1 && TypeName(type.GetElementType()!) is { } e ? e + "[]" : null;
        if (!type.IsGenericType) return null;
        var def = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        var names = args.Select(TypeName).ToArray();
        if (names.Any(n => n is null)) return null;
        if (def == typeof(List<>)) return $"List<{names[0]}>";
        if (def == typeof(HashSet<>)) return $"HashSet<{names[0]}>";
        if (def == typeof(Dictionary<,>)) return $"Dictionary<{names[0]}, {names[1]}>";
        if (IsTuple(type) && args.Length >= 2) return "(" + string.Join(", ", names) + ")";
        return null;
    }

    private static bool IsTuple(Type type) =>
        type.IsGenericType && type.IsValueType && type.GetGenericTypeDefinition().FullName is { } n
        && n.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length <= 7;

    private static string Render(object? value, Type declared, int[] budget)
    {
        var text = RenderCore(value, declared, budget);
        budget[0] -= text.Length;
        if (budget[0] < 0) throw new OutputRejectedException("output exceeds the output limit");
        return text;
    }

    private static string RenderCore(object? value, Type declared, int[] budget)
    {
        if (value is null)
        {
            if (declared.IsValueType) throw new OutputRejectedException($"null of value type {declared.Name}");
            return "null";
        }
        switch (value)
        {
            case int i: return CanonicalText.Int(i);
            case long l: return CanonicalText.Long(l);
            case double d: return CanonicalText.Double(d);
            case float f: return CanonicalText.Float(f);
            case bool b: return CanonicalText.Bool(b);
            case char c: return CanonicalText.Char(c);
            case string s:
                if (s.Length > budget[0]) throw new OutputRejectedException("output exceeds the output limit");
                return CanonicalText.String(s);
        }
        var type = value.GetType();
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var name = type.GetArrayRank() == 1 ? TypeName(element) : null;
            if (name is null) throw NotRepresentable(type);
            return $"new {name}[] " + CanonicalText.Braces(Items((IEnumerable)value, element, budget));
        }
        if (IsTuple(type) && type.GetGenericArguments().Length >= 2)
        {
            var tuple = (ITuple)value;
            var args = type.GetGenericArguments();
            var parts = new string[tuple.Length];
            for (int k = 0; k < tuple.Length; k++) parts[k] = Render(tuple[k], args[k], budget);
            return "(" + string.Join(", ", parts) + ")";
        }
        if (FindGeneric(type, typeof(IDictionary<,>)) is { } dict)
        {
            var kv = dict.GetGenericArguments();
            var name = TypeName(typeof(Dictionary<,>).MakeGenericType(kv)) ?? throw NotRepresentable(type);
            var entries = new List<string>();
            foreach (var entry in (IEnumerable)value)
            {
                var t = entry.GetType();
                var k = t.GetProperty("Key")!.GetValue(entry);
                var v = t.GetProperty("Value")!.GetValue(entry);
                entries.Add("[" + Render(k, kv[0], budget) + "] = " + Render(v, kv[1], budget));
            }
            entries.Sort(StringComparer.Ordinal);
            return $"new {name} " + CanonicalText.Braces(entries);
        }
        if (FindGeneric(type, typeof(IEnumerable<>)) is { } seq)
        {
            var element = seq.GetGenericArguments()[0];
            bool set = FindGeneric(type, typeof(ISet<>)) is not null || FindGeneric(type, typeof(IReadOnlySet<>)) is not null;
            var name = TypeName((set ? typeof(HashSet<>) : typeof(List<>)).MakeGenericType(element)) ?? throw NotRepresentable(type);
            var items = Items((IEnumerable)value, element, budget);
            if (set) items.Sort(StringComparer.Ordinal);
            return $"new {name} " + CanonicalText.Braces(items);
        }
        throw NotRepresentable(type);
    }

    private static List<string> Items(IEnumerable values, Type element, int[] budget)
    {
        var items = new List<string>();
        foreach (var item in values)
        {
            __B.T();
            items.Add(Render(item, element, budget));
        }
        return items;
    }

    private static Type? FindGeneric(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition) return type;
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }

    private static OutputRejectedException NotRepresentable(Type type) =>
        new($"the result type {Describe(type)} is not representable in the literal subset");

    private static string Describe(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var sb = new StringBuilder(type.Name[..type.Name.IndexOf('`')]).Append('<');
        sb.Append(string.Join(", ", type.GetGenericArguments().Select(Describe)));
        return sb.Append('>').ToString();
    }
}
