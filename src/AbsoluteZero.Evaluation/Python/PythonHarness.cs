using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AbsoluteZero.Evaluation.Benchmarks;

namespace AbsoluteZero.Evaluation.Python;

/// <summary>
/// Builds the Python programs that score EvalPlus and CRUXEval problems. Expected outputs of EvalPlus problems come
/// from running the reference solution in the same sandboxed child, before the candidate's code is loaded; the
/// candidate then runs on the same inputs and is compared as EvalPlus does: <c>==</c>, and floats within
/// <c>atol</c> (1e-6 when atol is 0).
/// </summary>
public static class PythonHarness
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A Python string literal holding <paramref name="text"/>.</summary>
    public static string Literal(string text) => JsonSerializer.Serialize(text, Relaxed);

    /// <summary>The argument lists as one JSON array text.</summary>
    public static string InputsJson(IEnumerable<string> inputs) => "[" + string.Join(",", inputs) + "]";

    /// <summary>
    /// Runs the reference on every input and reports how long it took: <c>{"seconds"}</c>, or <c>{"error", "index"}</c>
    /// when the reference itself fails on an input. Outputs stay in the child (some are hundreds of MB).
    /// </summary>
    public static string ReferenceTiming(PythonCodeProblem p, IReadOnlyList<string> inputs) => $$"""
        import copy as __c, json as __j, time as __t
        {{EvalPlusConventions.Python}}
        __src = {{Literal(p.ReferenceProgram)}}
        __inputs = [__azr_restore({{Literal(p.Id)}}, x) for x in __j.loads({{Literal(InputsJson(inputs))}})]
        def __azr_reference():
            ns = {"__name__": "__azr_reference__"}
            exec(compile(__src, "<reference>", "exec"), ns)
            f = ns[{{Literal(p.EntryPoint)}}]
            start = __t.perf_counter()
            for i, args in enumerate(__inputs):
                try:
                    f(*__c.deepcopy(args))
                except BaseException as e:
                    return {"error": "%s: %s" % (type(e).__name__, e), "index": i}
            return {"seconds": __t.perf_counter() - start}
        __azr_result__ = __azr_reference()
        """;

    /// <summary>
    /// Computes the expected outputs with the reference (first, before any candidate code runs), then runs
    /// <paramref name="candidateProgram"/> on the same inputs and compares; the result is
    /// <c>{"passed", "failed" (input index, -1 for load errors, -2 for a reference failure), "error"}</c>.
    /// </summary>
    public static string CandidateCheck(PythonCodeProblem p, string candidateProgram, IReadOnlyList<string> inputs) => $$"""
        import copy as __c, json as __j, math as __m
        {{EvalPlusConventions.Python}}
        __ref = {{Literal(p.ReferenceProgram)}}
        __src = {{Literal(candidateProgram)}}
        __entry = {{Literal(p.EntryPoint)}}
        __mbpp = {{(p.SolutionContinuesPrompt ? "False" : "True")}}
        __inputs = [__azr_restore({{Literal(p.Id)}}, x) for x in __j.loads({{Literal(InputsJson(inputs))}})]
        __atol = {{p.Atol.ToString("R", CultureInfo.InvariantCulture)}}
        __refns = {"__name__": "__azr_reference__"}
        def __azr_expected():
            exec(compile(__ref, "<reference>", "exec"), __refns)
            f = __refns[__entry]
            return [f(*__c.deepcopy(args)) for args in __inputs]
        def __azr_oracle(args, out, exp):
            if __mbpp and __entry in __AZR_NOT_NONE:
                return (out is not None) == (exp is not None)
            if __mbpp and __entry in __AZR_SET_EQ:
                try:
                    return set(out) == set(exp)
                except BaseException:
                    return False
            if not __mbpp and __entry == "find_zero":
                if __azr_close(out, exp):
                    return True
                try:
                    return abs(__refns["poly"](*__c.deepcopy(args), out)) <= (__atol if __atol > 0 else 1e-6)
                except BaseException:
                    return False
            return __azr_close(out, exp)
        def __azr_short(v):
            r = repr(v) if not isinstance(v, int) or abs(v) < 10 ** 200 else "<int of %d bits>" % v.bit_length()
            return r if len(r) <= 200 else r[:200] + "..."
        def __azr_close(a, b):
            # Exact equality first: element-wise recursion over millions of items is far slower than ==.
            try:
                if type(a) == type(b) and a == b:
                    return True
            except BaseException:
                pass
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
            try:
                expected = __azr_expected()
            except BaseException as e:
                return {"passed": False, "failed": -2, "error": "harness: reference failed: %s: %s" % (type(e).__name__, e)}
            ns = {"__name__": "__azr_candidate__"}
            try:
                exec(compile(__src, "<candidate>", "exec"), ns)
            except BaseException as e:
                return {"passed": False, "failed": -1, "error": "%s: %s" % (type(e).__name__, e)}
            f = ns.get({{Literal(p.EntryPoint)}})
            if not callable(f):
                return {"passed": False, "failed": -1, "error": "no function " + {{Literal(p.EntryPoint)}}}
            for i, args in enumerate(__inputs):
                try:
                    out = f(*__c.deepcopy(args))
                except BaseException as e:
                    return {"passed": False, "failed": i, "error": "%s: %s on input #%d %s" % (type(e).__name__, e, i, __azr_short(tuple(args)))}
                if not __azr_oracle(args, out, expected[i]):
                    return {"passed": False, "failed": i, "error": "input #%d %s: got %s, expected %s" % (i, __azr_short(tuple(args)), __azr_short(out), __azr_short(expected[i]))}
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
