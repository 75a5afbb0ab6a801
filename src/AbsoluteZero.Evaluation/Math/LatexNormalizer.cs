using System.Text;
using System.Text.RegularExpressions;

namespace AbsoluteZero.Evaluation.Math;

/// <summary>An answer after normalisation.</summary>
/// <param name="Text">The canonical text: no spacing commands, <c>\left</c>/<c>\right</c>, <c>\text{}</c>, units, degree signs, percent signs, dollar signs or whitespace.</param>
/// <param name="HadPercent">The answer carried a percent sign (so 50% may also equal 0.5).</param>
public sealed record NormalizedAnswer(string Text, bool HadPercent);

/// <summary>
/// Rewrites a LaTeX / plain answer into a canonical text, in the spirit of the MATH and Qwen math-eval graders'
/// <c>strip_string</c>: the forms a correct answer comes in (<c>\dfrac</c>, <c>\frac12</c>, <c>1{,}000</c>,
/// <c>10\text{ cm}</c>, <c>30^\circ</c>, <c>x = 5</c>) map to the same text.
/// </summary>
public static partial class LatexNormalizer
{
    private static readonly string[] WrapperCommands = ["text", "textbf", "textit", "textrm", "mathrm", "mathbf", "mathit", "mbox", "operatorname", "boldsymbol", "mathsf", "texttt"];

    /// <summary>Normalises one answer.</summary>
    public static NormalizedAnswer Normalize(string raw)
    {
        var s = raw.Replace('\n', ' ').Replace('\r', ' ').Trim();
        if (s.Contains("\\boxed", StringComparison.Ordinal) || s.Contains("\\fbox", StringComparison.Ordinal))
            s = AnswerExtractor.LastBoxed(s) ?? s;
        s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        s = SpacingCommands().Replace(s, " ");
        s = Sizing().Replace(s, "");
        s = s.Replace("\\dfrac", "\\frac", StringComparison.Ordinal).Replace("\\tfrac", "\\frac", StringComparison.Ordinal)
             .Replace("\\cfrac", "\\frac", StringComparison.Ordinal);
        s = Degrees().Replace(s, "");
        bool percent = s.Contains('%');
        s = s.Replace("\\%", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal);
        s = UnwrapCommands(s);
        s = Conjunctions().Replace(s, ",");
        s = StripUnits(s.Trim());
        s = s.Replace("\\le ", "\\leq ", StringComparison.Ordinal).Replace("\\ge ", "\\geq ", StringComparison.Ordinal);
        // "\sin x" must not become "\sinx": one space survives after a command that a letter or digit follows.
        s = CommandSpace().Replace(s, "$1\u0001");
        s = Whitespace().Replace(s, "").Replace('\u0001', ' ');
        s = s.Replace("{,}", "", StringComparison.Ordinal);
        s = ThousandsOnly().IsMatch(s) ? s.Replace(",", "", StringComparison.Ordinal) : s;
        s = FracDigitDigit().Replace(s, "\\frac{$1}{$2}");
        s = FracDigitBrace().Replace(s, "\\frac{$1}{");
        s = FracBraceDigit().Replace(s, "\\frac{$1}{$2}");
        s = SqrtDigits().Replace(s, "\\sqrt{$1}");
        s = s.Replace("\\le", "\\leq", StringComparison.Ordinal).Replace("\\leqq", "\\leq", StringComparison.Ordinal)
             .Replace("\\ge", "\\geq", StringComparison.Ordinal).Replace("\\geqq", "\\geq", StringComparison.Ordinal);
        s = s.TrimEnd('.');
        s = LeadingVariable().Replace(s, "");
        s = MixedNumber().Replace(s, "$1($2+\\frac{$3}{$4})");
        s = ChoiceLetter().Replace(s, "$1");
        s = TrailingZeros().Replace(s, "$1");
        return new NormalizedAnswer(s, percent);
    }

    // \text{cm} after a number is a unit; elsewhere (\text{Monday}, \text{(A)}) its content is the answer.
    private static string UnwrapCommands(string s)
    {
        foreach (var name in WrapperCommands)
        {
            var tag = "\\" + name + "{";
            for (int at = s.IndexOf(tag, StringComparison.Ordinal); at >= 0; at = s.IndexOf(tag, StringComparison.Ordinal))
            {
                var inner = AnswerExtractor.BalancedGroup(s, at + tag.Length - 1);
                if (inner is null) { s = s.Remove(at, tag.Length); continue; }
                int end = at + tag.Length + inner.Length + 1;
                s = new StringBuilder().Append(s, 0, at).Append(' ').Append(inner).Append(' ').Append(s, end, s.Length - end).ToString();
            }
        }
        return s;
    }

    private static string StripUnits(string s)
    {
        var m = TrailingUnit().Match(s);
        if (!m.Success) return s;
        var number = m.Groups["num"].Value.Trim();
        if (!number.Any(char.IsDigit)) return s;
        var unit = m.Groups["unit"].Value.Trim();
        return UnitWords().IsMatch(unit) || unit.Length >= 2 ? number : s;
    }

    [GeneratedRegex(@"(?<!\\)\\[!,;: ]|\\q?quad(?![a-zA-Z])|~|\\displaystyle|\\textstyle")]
    private static partial Regex SpacingCommands();

    [GeneratedRegex(@"\\(?:left|right|[bB]igg?[lr]?)(?![a-zA-Z])|\\middle(?![a-zA-Z])")]
    private static partial Regex Sizing();

    [GeneratedRegex(@"\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree|\^\s*\{\s*\\text\{\s*o\s*\}\s*\}")]
    private static partial Regex Degrees();

    [GeneratedRegex(@"\s+(?:or|and)\s+|\s*\\(?:text)?(?:or|and)(?![a-zA-Z])\s*")]
    private static partial Regex Conjunctions();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(\\[a-zA-Z]+)\s+(?=[a-zA-Z0-9])")]
    private static partial Regex CommandSpace();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsOnly();

    [GeneratedRegex(@"\\frac ?(\d)(\d)")]
    private static partial Regex FracDigitDigit();

    [GeneratedRegex(@"\\frac ?(\d)\{")]
    private static partial Regex FracDigitBrace();

    [GeneratedRegex(@"\\frac\{([^{}]*)\}(\d)")]
    private static partial Regex FracBraceDigit();

    [GeneratedRegex(@"\\sqrt ?(\d+)")]
    private static partial Regex SqrtDigits();

    // "x=5", "k = -3", "x \in [1,2)": a single named variable on the left is dropped.
    [GeneratedRegex(@"^(?:[a-zA-Z](?:_\{?\w+\}?)?|\\[a-zA-Z]+)(?:=|\\in)(?!.*=)")]
    private static partial Regex LeadingVariable();

    /// <summary>Drops a leading "x=" / "x\in" from one item of a list ("x=2,x=-3").</summary>
    internal static string StripAssignment(string item) => LeadingVariable().Replace(item, "");

    // "3\frac{1}{5}" is the mixed number 3 1/5, not 3 times 1/5.
    [GeneratedRegex(@"^(-?)(\d+)\\frac\{(\d+)\}\{(\d+)\}$")]
    private static partial Regex MixedNumber();

    [GeneratedRegex(@"^\(([A-Ea-e])\)$")]
    private static partial Regex ChoiceLetter();

    [GeneratedRegex(@"^(-?\d+)\.0*$")]
    private static partial Regex TrailingZeros();

    [GeneratedRegex(@"^(?<num>(?:[^a-zA-Z\\]|\\(?:frac|sqrt|pi|cdot|times)(?![a-zA-Z]))+?)\s*(?<unit>(?:[a-zA-Z]+\.?)(?:\s+[a-zA-Z]+\.?)*)\s*(?:\^\{?\d\}?)?$")]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"^(?:cm|m|km|mm|in|ft|yd|mi|g|kg|mg|s|h|l|ml|mph|lb|lbs|oz)$")]
    private static partial Regex UnitWords();
}
