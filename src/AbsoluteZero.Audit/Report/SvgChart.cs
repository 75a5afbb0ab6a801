using System.Globalization;
using System.Text;

namespace AbsoluteZero.Audit.Report;

/// <summary>One line of a chart: a name and (x, y) points; gaps are simply missing x values.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>Draws small line charts as inline SVG (no scripts, no external resources).</summary>
public static class SvgChart
{
    private const int Width = 520, Height = 240, Left = 48, Right = 12, Bottom = 34;
    private static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777", "#4b5563"];

    /// <summary>An SVG line chart; <paramref name="yMax"/> fixes the top of the y axis (e.g. 1 for rates).</summary>
    public static string Line(string id, string title, string xLabel, IReadOnlyList<ChartSeries> series, double? yMax = null)
    {
        var sb = new StringBuilder();
        var all = series.SelectMany(s => s.Points).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{Html.Attr(id)}\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Attr(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" class=\"ct\">{Html.Text(title)}</text>");
        if (all.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"cn\">no data</text></svg></figure>");
            return sb.ToString();
        }
        double x0 = all.Min(p => p.X), x1 = all.Max(p => p.X);
        if (x1 <= x0) x1 = x0 + 1;
        double y0 = Math.Min(0, all.Min(p => p.Y)), y1 = yMax ?? NiceMax(all.Max(p => p.Y));
        if (y1 <= y0) y1 = y0 + 1;
        // The legend sits above the plot, one row per three series.
        int legendRows = (series.Count + 2) / 3, top = 26 + legendRows * 14;
        double plotW = Width - Left - Right, plotH = Height - top - Bottom;
        string X(double x) => F(Left + (x - x0) / (x1 - x0) * plotW);
        string Y(double y) => F(top + plotH - (y - y0) / (y1 - y0) * plotH);

        for (int i = 0; i <= 4; i++)
        {
            double v = y0 + (y1 - y0) * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v)}\" y2=\"{Y(v)}\" class=\"cg\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(v)}\" dy=\"4\" text-anchor=\"end\" class=\"cl\">{Tick(v)}</text>");
        }
        foreach (double t in XTicks(x0, x1))
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(t)}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\" class=\"cl\">{Tick(t)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 4}\" text-anchor=\"middle\" class=\"cl\">{Html.Text(xLabel)}</text>");

        for (int s = 0; s < series.Count; s++)
        {
            string color = Palette[s % Palette.Length];
            var pts = series[s].Points.OrderBy(p => p.X).ToList();
            if (pts.Count == 0) continue;
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', pts.Select(p => X(p.X) + "," + Y(p.Y)))}\"><title>{Html.Text(series[s].Name)}</title></polyline>");
            foreach (var p in pts)
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"2.5\" fill=\"{color}\"><title>{Html.Text(series[s].Name)} step {Tick(p.X)}: {Tick(p.Y)}</title></circle>");
            int lx = Left + (s % 3) * 150, ly = 34 + (s / 3) * 14;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 8}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{lx + 14}\" y=\"{ly + 1}\" class=\"cl\">{Html.Text(series[s].Name)}</text>");
        }
        sb.Append("</svg></figure>");
        return sb.ToString();
    }

    private static IEnumerable<double> XTicks(double x0, double x1)
    {
        double step = Math.Max(1, Math.Ceiling((x1 - x0) / 8));
        for (double t = x0; t <= x1 + 1e-9; t += step) yield return t;
    }

    private static double NiceMax(double max)
    {
        if (max <= 0) return 1;
        double mag = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * mag >= max) return m * mag;
        return 10 * mag;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Tick(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? Math.Round(v).ToString(CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}
