namespace AbsoluteZero.Evaluation.Python;

/// <summary>
/// What the EvalPlus evaluator does beyond "run and compare with ==", reproduced so our verdicts match it:
/// MBPP+ stores tuples, sets and complex numbers as JSON lists and strings (restored per task before the call), a
/// few MBPP tasks are graded on "returned something" or as sets, and HumanEval/32 (<c>find_zero</c>) accepts any
/// root. The task numbers are facts about the MBPP+ data.
/// </summary>
public static class EvalPlusConventions
{
    /// <summary>Python source defining <c>__azr_restore(task_id, args)</c> and the oracle sets; prepended to the harness.</summary>
    public const string Python = """
        __AZR_EACH_ARG_TUPLE = {2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809}
        __AZR_ITEMS_TUPLE = {63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780}
        __AZR_FIRST_ITEMS_TUPLE = {75, 413, 444, 753}
        __AZR_SECOND_TUPLE = {106, 750}
        __AZR_FIRST_TUPLE = {250, 405, 446, 617, 720, 763, 808}
        __AZR_ITEMS_THEN_ARGS_TUPLE = {259, 401, 445}
        __AZR_DEEP_TUPLE = {580, 615, 791}
        __AZR_NOT_NONE = {"check_str", "text_match_three", "text_starta_endb"}
        __AZR_SET_EQ = {"similar_elements", "find_char_long", "common_in_nested_lists", "extract_singly", "larg_nnum",
                        "intersection_array", "find_dissimilar", "Diff"}

        def __azr_deep_tuple(v):
            return tuple(__azr_deep_tuple(x) for x in v) if isinstance(v, list) else v

        def __azr_restore(task_id, args):
            if not task_id.startswith("Mbpp/"):
                return args
            n = int(task_id.split("/")[-1])
            a = list(args)
            if n in __AZR_EACH_ARG_TUPLE:
                return [tuple(x) for x in a]
            if n in __AZR_ITEMS_TUPLE:
                return [[tuple(y) for y in x] for x in a]
            if n in __AZR_FIRST_ITEMS_TUPLE:
                return [[tuple(y) for y in a[0]]] + a[1:]
            if n in __AZR_SECOND_TUPLE:
                return [a[0], tuple(a[1])] + a[2:]
            if n in __AZR_FIRST_TUPLE or n == 307:
                return [tuple(a[0])] + a[1:]
            if n in __AZR_ITEMS_THEN_ARGS_TUPLE:
                return [tuple(tuple(y) for y in x) for x in a]
            if n in __AZR_DEEP_TUPLE:
                return list(__azr_deep_tuple(a))
            if n == 115:
                return [[set(y) if isinstance(y, list) and len(y) else {} for y in a[0]]]
            if n == 124:
                return [float(a[0]), complex(a[1])]
            if n == 252:
                return [complex(a[0])]
            if n == 278:
                return [tuple(tuple(y) if isinstance(y, list) else y for y in a[0])] + a[1:]
            if n == 722:
                return [{k: tuple(v) for k, v in a[0].items()}] + a[1:]
            return a
        """;
}
