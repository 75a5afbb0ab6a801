using System.Numerics;
using System.Text.RegularExpressions;
using MathNet.Numerics.Random;

namespace AbsoluteZero.Evaluation.Math;

/// <summary>The verdict on one (prediction, reference) pair, with both normalised forms.</summary>
public sealed record AnswerCheck(bool Equal, string NormalizedPrediction, string NormalizedReference);

/// <summary>
/// Decides whether a predicted final answer equals the reference: same normalised text; else the same structure
/// (tuples and intervals element by element with matching brackets, sets and multiple answers in any order,
/// unions, <c>\pm</c>); else the same number (relative tolerance 1e-6, percent read as /100 too); else the same
/// function, by evaluation at random points (complex arithmetic, MathNet's Mersenne Twister); equations compare as
/// <c>lhs − rhs</c> up to a constant factor.
/// </summary>
public static partial class AnswerChecker
{
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteTolerance = 1e-9;
    private const int Points = 6;

    /// <summary>Checks one pair.</summary>
    public static AnswerCheck Check(string prediction, string reference)
    {
        var p = LatexNormalizer.Normalize(prediction);
        var r = LatexNormalizer.Normalize(reference);
        bool equal = p.Text.Length > 0 && EqualText(p.Text, r.Text, p.HadPercent || r.HadPercent);
        return new AnswerCheck(equal, p.Text, r.Text);
    }

    /// <summary>True when <paramref name="prediction"/> equals <paramref name="reference"/>.</summary>
    public static bool AreEqual(string prediction, string reference) => Check(prediction, reference).Equal;

    private static bool EqualText(string a, string b, bool percent)
    {
        if (a == b || a.Replace(" ", "", StringComparison.Ordinal) == b.Replace(" ", "", StringComparison.Ordinal)) return true;
        if (a.Contains("\\cup", StringComparison.Ordinal) || b.Contains("\\cup", StringComparison.Ordinal))
        {
            var pa = a.Split("\\cup");
            var pb = b.Split("\\cup");
            return pa.Length == pb.Length && pa.Zip(pb).All(t => EqualText(t.First, t.Second, percent));
        }
        var sa = Structure.Parse(a);
        var sb = Structure.Parse(b);
        if (sa.Items.Count > 1 || sb.Items.Count > 1 || sa.IsSet || sb.IsSet)
        {
            bool ordered = !(sa.IsSet || sb.IsSet || (sa.Open == "" && sb.Open == ""));
            if (sa.Open != sb.Open || sa.Close != sb.Close)
            {
                // A bare list matches a tuple of the same items ("3,5" vs "(3,5)"), and a set matches a bare list.
                bool tupleVsBare = (sa.Open, sa.Close, sb.Open, sb.Close) is ("(", ")", "", "") or ("", "", "(", ")");
                bool setVsBare = (sa.IsSet && sb.Open == "") || (sb.IsSet && sa.Open == "");
                if (!tupleVsBare && !setVsBare) return false;
                ordered = tupleVsBare;
            }
            if (sa.Items.Count != sb.Items.Count) return false;
            return ordered
                ? sa.Items.Zip(sb.Items).All(t => ScalarEqual(t.First, t.Second, percent))
                : UnorderedEqual(sa.Items, sb.Items, percent);
        }
        return ScalarEqual(sa.Items[0], sb.Items[0], percent);
    }

    private static bool UnorderedEqual(IReadOnlyList<string> a, IReadOnlyList<string> b, bool percent)
    {
        var used = new bool[b.Count];
        foreach (var x in a)
        {
            int k = Enumerable.Range(0, b.Count).FirstOrDefault(j => !used[j] && ScalarEqual(x, b[j], percent), -1);
            if (k < 0) return false;
            used[k] = true;
        }
        return true;
    }

    private static bool ScalarEqual(string a, string b, bool percent)
    {
        if (a == b) return true;
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase) && !a.Any(char.IsDigit)) return true;
        int ea = a.Count(ch => ch == '='), eb = b.Count(ch => ch == '=');
        if (ea == 1 && eb == 1) return EquationEqual(a, b);
        if (ea == 1 && eb == 0) return SolvedFor(a) is { } ra && ScalarEqual(ra, b, percent);
        if (ea == 0 && eb == 1) return SolvedFor(b) is { } rb && ScalarEqual(a, rb, percent);
        if (ea != eb || Relations().IsMatch(a) || Relations().IsMatch(b)) return false;
        var x = MathExpression.TryParse(a);
        var y = MathExpression.TryParse(b);
        if (x is null || y is null) return false;
        var empty = new Dictionary<string, Complex>();
        if (x.Variables.Count == 0 && y.Variables.Count == 0)
        {
            var u = x.Evaluate(empty);
            var v = y.Evaluate(empty);
            if (Close(u, v)) return true;
            return percent && (Close(u, v / 100) || Close(u / 100, v));
        }
        return SameFunction(x, y, scaleFree: false);
    }

    // "2x+3=y" read as the value of y: the side opposite a lone variable.
    private static string? SolvedFor(string equation)
    {
        int at = equation.IndexOf('=');
        string left = equation[..at], right = equation[(at + 1)..];
        if (LoneVariable().IsMatch(right)) return left;
        return LoneVariable().IsMatch(left) ? right : null;
    }

    private static bool EquationEqual(string a, string b)
    {
        var x = Difference(a);
        var y = Difference(b);
        return x is not null && y is not null && SameFunction(x, y, scaleFree: true);
    }

    private static MathExpression? Difference(string equation)
    {
        int at = equation.IndexOf('=');
        return MathExpression.TryParse("(" + equation[..at] + ")-(" + equation[(at + 1)..] + ")");
    }

    // Equal at several random points (or proportional, for equations). Points where either side is undefined are
    // skipped; at least half must be usable.
    private static bool SameFunction(MathExpression x, MathExpression y, bool scaleFree)
    {
        var names = x.Variables.Union(y.Variables).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var rng = new MersenneTwister(20240521);
        int usable = 0;
        Complex? ratio = null;
        for (int k = 0; k < Points * 2 && usable < Points; k++)
        {
            var values = names.ToDictionary(n => n, _ => new Complex(0.3 + 2.4 * rng.NextDouble(), 0));
            var u = x.Evaluate(values);
            var v = y.Evaluate(values);
            if (!Finite(u) || !Finite(v)) continue;
            usable++;
            if (!scaleFree)
            {
                if (!Close(u, v)) return false;
                continue;
            }
            if (Complex.Abs(v) < AbsoluteTolerance) { if (Complex.Abs(u) > 1e-6) return false; continue; }
            var q = u / v;
            if (ratio is null) ratio = q;
            else if (!Close(q, ratio.Value)) return false;
        }
        return usable >= Points / 2 && (!scaleFree || ratio is null || Complex.Abs(ratio.Value) > AbsoluteTolerance);
    }

    private static bool Finite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);

    private static bool Close(Complex u, Complex v)
    {
        if (!Finite(u) || !Finite(v))
            return double.IsInfinity(u.Real) && double.IsInfinity(v.Real) && System.Math.Sign(u.Real) == System.Math.Sign(v.Real);
        return Complex.Abs(u - v) <= AbsoluteTolerance + RelativeTolerance * System.Math.Max(Complex.Abs(u), Complex.Abs(v));
    }

    [GeneratedRegex(@"^[a-zA-Z](?:_\{?\w+\}?)?$")]
    private static partial Regex LoneVariable();

    [GeneratedRegex(@"\\(?:leq|geq|neq|lt|gt)|<|>")]
    private static partial Regex Relations();
}
