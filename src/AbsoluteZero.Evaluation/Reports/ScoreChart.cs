using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Evaluation.Reports;

/// <summary>One line of the chart: a strategy's score at each training step.</summary>
public sealed record ScoreSeries(string Label, IReadOnlyList<(int Step, double Score)> Points);

/// <summary>Draws score against training step (ScottPlot) and writes the PNG atomically.</summary>
public static class ScoreChart
{
    /// <summary>Writes <paramref name="path"/> (PNG, 900×540).</summary>
    public static void Write(string path, string title, IReadOnlyList<ScoreSeries> series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var s in series)
        {
            var points = s.Points.OrderBy(p => p.Step).ToList();
            var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => 100 * p.Score).ToArray());
            line.LegendText = s.Label;
        }
        plot.Title(title);
        plot.XLabel("training step");
        plot.YLabel("score (%)");
        plot.ShowLegend();
        var bytes = plot.GetImageBytes(900, 540, ScottPlot.ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
