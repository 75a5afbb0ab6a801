using AbsoluteZero.Evaluation.Math;

namespace AbsoluteZero.Evaluation.Tests.Math;

public class ExtractionTests
{
    [Theory]
    [InlineData("So the total is \\boxed{18}.", "18", ExtractionMethod.Boxed)]
    [InlineData("first \\boxed{1} then corrected: \\boxed{\\frac{1}{2}}", "\\frac{1}{2}", ExtractionMethod.Boxed)]
    [InlineData("We get $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$ as required", "\\left( 3, \\frac{\\pi}{2} \\right)", ExtractionMethod.Boxed)]
    [InlineData("\\boxed{\\frac{\\sqrt{3}}{\\{2\\}}}", "\\frac{\\sqrt{3}}{\\{2\\}}", ExtractionMethod.Boxed)]
    [InlineData("the answer is \\boxed 5 apples", "5", ExtractionMethod.Boxed)]
    [InlineData("\\fbox{42}", "42", ExtractionMethod.Boxed)]
    [InlineData("Adding up: 3 + 4 = 7. The answer is 7.", "7", ExtractionMethod.AnswerPhrase)]
    [InlineData("The answer is: $3.5$.\nDone", "3.5", ExtractionMethod.AnswerPhrase)]
    [InlineData("Final Answer: 1,000 dollars", "1,000 dollars", ExtractionMethod.AnswerPhrase)]
    [InlineData("Janet has 16 eggs, eats 3, bakes 4, so sells 9 for $18", "18", ExtractionMethod.LastNumber)]
    [InlineData("it is -2.5 or maybe -3", "-3", ExtractionMethod.LastNumber)]
    [InlineData("roughly 1,234,567 people", "1,234,567", ExtractionMethod.LastNumber)]
    [InlineData("a fraction 3/4 at the end", "3/4", ExtractionMethod.LastNumber)]
    [InlineData("unclosed \\boxed{12 and then 13", "13", ExtractionMethod.LastNumber)]
    public void FindsTheFinalAnswerInMessyCompletions(string completion, string expected, ExtractionMethod method)
    {
        var got = AnswerExtractor.Extract(completion);
        Assert.Equal(expected, got.Text);
        Assert.Equal(method, got.Method);
    }

    [Fact]
    public void NothingToExtractGivesNull()
    {
        Assert.Equal(new ExtractedAnswer(null, ExtractionMethod.None), AnswerExtractor.Extract("no digits here at all"));
        Assert.Equal(new ExtractedAnswer(null, ExtractionMethod.None), AnswerExtractor.Extract(""));
    }

    [Fact]
    public void ExtractedAnswersGradeAgainstRealReferences()
    {
        Assert.True(AnswerChecker.AreEqual(AnswerExtractor.Extract("... so she makes $18 every day.\n#### 18").Text!, "18"));
        Assert.True(AnswerChecker.AreEqual(AnswerExtractor.Extract("Thus \\boxed{\\dfrac{17}{50}}.").Text!, "\\frac{17}{50}"));
        Assert.False(AnswerChecker.AreEqual(AnswerExtractor.Extract("The answer is 19.").Text!, "18"));
    }
}
