namespace AbsoluteZero.Evaluation.CSharp;

/// <summary>
/// Trusted C# compiled next to every benchmark program (exempt from the executor's policy): an assertion that
/// works without <c>DEBUG</c>, a structural comparison used in place of reference-equality <c>.Equals</c>, and a
/// stand-in for CompareNETObjects' <c>CompareLogic</c> (deep equality) for the MxEval tests.
/// </summary>
public static class CSharpHarnessSource
{
    /// <summary>The source text.</summary>
    public const string Text = """
        public sealed class AzrAssertionFailed : System.Exception
        {
            public AzrAssertionFailed(string message) : base(message) { }
        }

        public static class AzrHarness
        {
            public static void Assert(bool condition) { if (!condition) throw new AzrAssertionFailed("assertion failed"); }
            public static void Assert(bool condition, string message) { if (!condition) throw new AzrAssertionFailed("assertion failed: " + message); }
            public static void Assert(bool condition, string message, string detail) { if (!condition) throw new AzrAssertionFailed("assertion failed: " + message + " " + detail); }

            public static bool Same(object a, object b)
            {
                if (object.ReferenceEquals(a, b)) return true;
                if (a is null || b is null) return false;
                if (a is string sa) return b is string sb && sa == sb;
                if (a is System.Collections.IDictionary da)
                {
                    if (b is not System.Collections.IDictionary db || da.Count != db.Count) return false;
                    foreach (System.Collections.DictionaryEntry e in da)
                        if (!db.Contains(e.Key) || !Same(e.Value, db[e.Key])) return false;
                    return true;
                }
                if (a is System.Collections.IEnumerable ea)
                {
                    if (b is not System.Collections.IEnumerable eb || b is string) return false;
                    var ia = ea.GetEnumerator();
                    var ib = eb.GetEnumerator();
                    while (true)
                    {
                        bool ma = ia.MoveNext(), mb = ib.MoveNext();
                        if (ma != mb) return false;
                        if (!ma) return true;
                        if (!Same(ia.Current, ib.Current)) return false;
                    }
                }
                if (a is System.Runtime.CompilerServices.ITuple ta)
                {
                    if (b is not System.Runtime.CompilerServices.ITuple tb || ta.Length != tb.Length) return false;
                    for (int i = 0; i < ta.Length; i++) if (!Same(ta[i], tb[i])) return false;
                    return true;
                }
                if (a.GetType() != b.GetType() && IsNumber(a) && IsNumber(b))
                    return (double)System.Convert.ChangeType(a, typeof(double), System.Globalization.CultureInfo.InvariantCulture) == (double)System.Convert.ChangeType(b, typeof(double), System.Globalization.CultureInfo.InvariantCulture);
                return a.Equals(b);
            }

            private static bool IsNumber(object o) => o is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
        }

        namespace KellermanSoftware.CompareNetObjects
        {
            public sealed class ComparisonResult
            {
                public ComparisonResult(bool areEqual) { AreEqual = areEqual; }
                public bool AreEqual { get; }
                public string DifferencesString => AreEqual ? "" : "objects differ";
            }

            public sealed class ComparisonConfig
            {
                public int MaxDifferences { get; set; } = 1;
            }

            public class CompareLogic
            {
                public ComparisonConfig Config { get; set; } = new ComparisonConfig();
                public ComparisonResult Compare(object expectedObject, object actualObject) => new ComparisonResult(AzrHarness.Same(expectedObject, actualObject));
            }
        }
        """;
}
