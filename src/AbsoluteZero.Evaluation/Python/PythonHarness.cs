using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Python;

/// <summary>
/// Builds the Python programs that score EvalPlus and CRUXEval problems. Expected outputs of EvalPlus problems come
/// from running the reference solution (<see cref="ReferenceOutputs"/>, pickled), then a candidate is run on the
/// same inputs and compared as EvalPlus does: <c>==</c>, and floats within <c>atol</c> (1e-6 when atol is 0).
/// </summary>
public static class PythonHarness
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A Python string literal holding <paramref name="text"/>.</summary>
    public static string Literal(string text) => JsonSerializer.Serialize(text, Relaxed);

    /// <summary>The argument lists as one JSON array text.</summary>
    public static string InputsJson(IEnumerable<string> inputs) => "[" + string.Join(",", inputs) + "]";

    /// <summary>
    /// Runs the reference on every input; the result is <c>{"expected": base64 pickle, "count"}</c>, or
    /// <c>{"error", "index"}</c> when the reference itself fails on an input.
    /// </summary>
    public static string ReferenceOutputs(PythonCodeProblem p, IReadOnlyList<string> inputs) => $$"""
        import base64 as __b, copy as __c, json as __j, pickle as __p
        __src = {{Literal(p.ReferenceProgram)}}
        __inputs = __j.loads({{Literal(InputsJson(inputs))}})
        def __azr_reference():
            ns = {"__name__": "__azr_reference__"}
            exec(compile(__src, "<reference>", "exec"), ns)
            f = ns[{{Literal(p.EntryPoint)}}]
            out = []
            for i, args in enumerate(__inputs):
                try:
                    out.append(f(*__c.deepcopy(args)))
                except BaseException as e:
                    return {"error": "%s: %s" % (type(e).__name__, e), "index": i}
            return {"expected": __b.b64encode(__p.dumps(out)).decode("ascii"), "count": len(out)}
        __azr_result__ = __azr_reference()
        """;

    /// <summary>
    /// Runs <paramref name="candidateProgram"/> on the inputs and compares with the pickled expected outputs; the
    /// result is <c>{"passed", "failed" (input index or -1 for load errors), "error"}</c>.
    /// </summary>
    public static string CandidateCheck(PythonCodeProblem p, string candidateProgram, IReadOnlyList<string> inputs, string expectedPickle) => $$"""
        import base64 as __b, copy as __c, json as __j, math as __m, pickle as __p
        __src = {{Literal(candidateProgram)}}
        __inputs = __j.loads({{Literal(InputsJson(inputs))}})
        __expected = __p.loads(__b.b64decode({{Literal(expectedPickle)}}))
        __atol = {{p.Atol.ToString("R", CultureInfo.InvariantCulture)}}
        def __azr_short(v):
            r = repr(v)
            return r if len(r) <= 200 else r[:200] + "..."
        def __azr_close(a, b):
            if isinstance(b, bool) or isinstance(a, bool):
                return type(a) == type(b) and a == b
            if isinstance(b, float) or isinstance(a, float):
                if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
                    return False
                if __m.isnan(b) or __m.isnan(a):
                    return __m.isnan(a) and __m.isnan(b)
                if __m.isinf(b) or __m.isinf(a):
                    return a == b
                return abs(a - b) <= (__atol if __atol > 0 else 1e-6) + 1e-7 * abs(b)
            if isinstance(b, (list, tuple)):
                return type(a) == type(b) and len(a) == len(b) and all(__azr_close(x, y) for x, y in zip(a, b))
            if isinstance(b, dict):
                return isinstance(a, dict) and a.keys() == b.keys() and all(__azr_close(a[k], b[k]) for k in b)
            try:
                return bool(a == b)
            except BaseException:
                return False
        def __azr_check():
            ns = {"__name__": "__azr_candidate__"}
            try:
                exec(compile(__src, "<candidate>", "exec"), ns)
            except BaseException as e:
                return {"passed": False, "failed": -1, "error": "%s: %s" % (type(e).__name__, e)}
            f = ns.get({{Literal(p.EntryPoint)}})
            if not callable(f):
                return {"passed": False, "failed": -1, "error": "no function " + {{Literal(p.EntryPoint)}}}
            for i, args in enumerate(__inputs):
                shown = __azr_short(tuple(args))
                try:
                    out = f(*__c.deepcopy(args))
                except BaseException as e:
                    return {"passed": False, "failed": i, "error": "%s: %s on input %s" % (type(e).__name__, e, shown)}
                if not __azr_close(out, __expected[i]):
                    return {"passed": False, "failed": i, "error": "input %s: got %s, expected %s" % (shown, __azr_short(out), __azr_short(__expected[i]))}
            return {"passed": True, "failed": None, "error": None}
        __azr_result__ = __azr_check()
        """;

    /// <summary>
    /// CRUXEval: checks a prediction. Output mode: <c>f(input) == eval(prediction)</c>; input mode:
    /// <c>eval("f(" + prediction + ")") == output</c>. A null prediction checks the record itself
    /// (<c>f(input) == output</c>). Result: <c>{"passed", "error"}</c>.
    /// </summary>
    public static string CruxCheck(CruxProblem p, string? prediction)
    {
        string call = prediction is null || p.Mode == CruxMode.Output ? $"f({p.Input})" : "f(" + prediction + ")";
        string expected = prediction is null || p.Mode == CruxMode.Input ? p.Output : prediction;
        return $$"""
            def __azr_crux():
                ns = {"__name__": "__azr_crux__"}
                try:
                    exec(compile({{Literal(p.Code)}}, "<program>", "exec"), ns)
                    got = eval(compile({{Literal(call)}}, "<call>", "eval"), ns)
                    want = eval(compile({{Literal(expected)}}, "<value>", "eval"), {})
                except BaseException as e:
                    return {"passed": False, "error": "%s: %s" % (type(e).__name__, e)}
                try:
                    ok = bool(got == want)
                except BaseException as e:
                    return {"passed": False, "error": "comparison raised %s" % type(e).__name__}
                return {"passed": ok, "error": None if ok else "got %r" % (got,)}
            __azr_result__ = __azr_crux()
            """;
    }
}
