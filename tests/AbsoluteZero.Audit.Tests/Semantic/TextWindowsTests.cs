using AbsoluteZero.Audit.Semantic;
using Xunit;

namespace AbsoluteZero.Audit.Tests.Semantic;

public class TextWindowsTests
{
    [Fact]
    public void SentencesPairsAndShortWholeText()
    {
        const string text = "Let me trace it. The loop runs 3 times!  Then output 9?\nDone now.";
        var windows = TextWindows.Split(text);
        var texts = windows.Select(w => w.Text).ToList();
        Assert.Contains("Let me trace it.", texts);
        Assert.Contains("The loop runs 3 times!", texts);
        Assert.Contains("Let me trace it. The loop runs 3 times!", texts);
        Assert.Contains("Then output 9? Done now.", texts);
        Assert.Contains("Let me trace it. The loop runs 3 times! Then output 9? Done now.", texts);
        Assert.Equal(4 + 3 + 1, windows.Count);
        foreach (var w in windows) Assert.Equal(w.Text, TextWindows.Collapse(text.AsSpan(w.Start, w.End - w.Start)));
    }

    [Fact]
    public void CodeDotsAndDecimalsDoNotEndASentence()
    {
        var windows = TextWindows.Split("x.Length is 3.5 here, so return s.Trim().");
        Assert.Single(windows);
        Assert.Equal("x.Length is 3.5 here, so return s.Trim().", windows[0].Text);
    }

    [Fact]
    public void RunOnSentencesBecomeOverlappingChunks()
    {
        string text = string.Join(" ", Enumerable.Range(0, 150).Select(i => $"w{i}"));
        var windows = TextWindows.Split(text);
        Assert.All(windows, w => Assert.True(w.Text.Split(' ').Length <= TextWindows.MaxWords));
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(text.Length, windows.Max(w => w.End));
        // Every word is inside some window.
        Assert.All(Enumerable.Range(0, 150), i => Assert.Contains(windows, w => w.Text.Split(' ').Contains($"w{i}")));
    }

    [Fact]
    public void EmptyAndOneWordTextsHaveNoWindows()
    {
        Assert.Empty(TextWindows.Split(""));
        Assert.Empty(TextWindows.Split("   \n "));
        Assert.Empty(TextWindows.Split("Hmm."));
    }
}
