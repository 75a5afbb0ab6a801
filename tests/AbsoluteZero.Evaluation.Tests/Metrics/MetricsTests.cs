using AbsoluteZero.Evaluation.Metrics;

namespace AbsoluteZero.Evaluation.Tests.Metrics;

public class MetricsTests
{
    // Hand-computed: pass@k = 1 - C(n-c, k) / C(n, k).
    [Theory]
    [InlineData(1, 0, 1, 0.0)]
    [InlineData(1, 1, 1, 1.0)]
    [InlineData(10, 3, 1, 0.3)]                 // c/n
    [InlineData(10, 0, 5, 0.0)]
    [InlineData(10, 1, 5, 0.5)]                 // 1 - C(9,5)/C(10,5) = 1 - 126/252
    [InlineData(5, 2, 2, 0.7)]                  // 1 - C(3,2)/C(5,2) = 1 - 3/10
    [InlineData(4, 2, 2, 5.0 / 6.0)]            // 1 - C(2,2)/C(4,2) = 1 - 1/6
    [InlineData(20, 4, 10, 0.956656346749226)]  // 1 - C(16,10)/C(20,10) = 1 - 8008/184756
    [InlineData(10, 8, 3, 1.0)]                 // fewer than k wrong samples
    [InlineData(200, 1, 1, 0.005)]
    [InlineData(6, 3, 3, 0.95)]                 // 1 - C(3,3)/C(6,3) = 1 - 1/20
    public void MatchesHandComputedValues(int n, int c, int k, double expected)
    {
        Assert.Equal(expected, PassAtK.Estimate(n, c, k), 12);
    }

    [Fact]
    public void RejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(5, 6, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(5, 1, 6));
    }

    [Fact]
    public void ReportedKsIncludeOneAndN()
    {
        Assert.Equal([1], PassAtK.ReportedKs(1));
        Assert.Equal([1, 5, 10, 16], PassAtK.ReportedKs(16));
    }

    [Fact]
    public void MajorityGroupsEquivalentAnswers()
    {
        Assert.Equal("\\frac{1}{2}", MajorityVote.Winner(["3", "\\frac{1}{2}", "0.5", null, "3", "1/2"]));
        Assert.Equal("3", MajorityVote.Winner(["3", "4"]));
        Assert.Null(MajorityVote.Winner([null, " "]));
    }
}
