using System.Globalization;
using System.Text.RegularExpressions;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>A checkpoint of a self-play run (see docs/run-directory.md).</summary>
public sealed record RunCheckpoint(int Step, string Directory);

/// <summary>Finds the checkpoints of a run directory.</summary>
public static partial class RunCheckpoints
{
    /// <summary>Every <c>&lt;run&gt;/checkpoints/step-N/</c> directory holding a config.json, by step.</summary>
    public static IReadOnlyList<RunCheckpoint> Find(string runDir)
    {
        var root = Path.Combine(runDir, "checkpoints");
        if (!System.IO.Directory.Exists(root)) throw new DirectoryNotFoundException($"{runDir}: not a run directory (no checkpoints/ folder)");
        var found = new List<RunCheckpoint>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root))
        {
            var m = StepName().Match(Path.GetFileName(dir));
            if (m.Success && File.Exists(Path.Combine(dir, "config.json")))
                found.Add(new RunCheckpoint(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), dir));
        }
        if (found.Count == 0) throw new InvalidDataException($"{root}: no complete checkpoints (step-N folders with config.json)");
        return [.. found.OrderBy(c => c.Step)];
    }

    [GeneratedRegex(@"^step-(\d+)$")]
    private static partial Regex StepName();
}
