using System.Text.Json;
using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Audit.Runs;

/// <summary>
/// Everything `azr audit` reads from a run directory. JSONL files tolerate a torn last line (a crash mid-append);
/// any other malformed line is an <see cref="InvalidDataException"/> naming the file and line. Missing optional
/// files read as empty.
/// </summary>
public sealed class RunData
{
    /// <summary>The run directory.</summary>
    public required string Directory { get; init; }
    /// <summary>run.json, or null when absent.</summary>
    public RunInfo? Info { get; init; }
    /// <summary>metrics.jsonl, in file order.</summary>
    public required IReadOnlyList<MetricsRecord> Metrics { get; init; }
    /// <summary>proposals.jsonl.</summary>
    public required IReadOnlyList<ProposalRecord> Proposals { get; init; }
    /// <summary>rollouts.jsonl.</summary>
    public required IReadOnlyList<RolloutRecord> Rollouts { get; init; }
    /// <summary>flags.jsonl.</summary>
    public required IReadOnlyList<FlagRecord> Flags { get; init; }
    /// <summary>Lines per buffers/&lt;task_type&gt;.jsonl.</summary>
    public required IReadOnlyDictionary<string, int> BufferFileSizes { get; init; }

    /// <summary>Reads a run directory.</summary>
    public static RunData Load(string runDir)
    {
        if (!System.IO.Directory.Exists(runDir)) throw new DirectoryNotFoundException($"run directory not found: {runDir}");
        bool anyKnown = new[] { "run.json", "metrics.jsonl", "proposals.jsonl", "rollouts.jsonl", "flags.jsonl" }
            .Any(f => File.Exists(Path.Combine(runDir, f)));
        if (!anyKnown)
            throw new InvalidDataException($"{runDir}: not a run directory (none of run.json, metrics.jsonl, proposals.jsonl, rollouts.jsonl, flags.jsonl; see docs/run-directory.md)");

        RunInfo? info = null;
        string runJson = Path.Combine(runDir, "run.json");
        if (File.Exists(runJson))
        {
            try
            {
                info = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(runJson), Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{runJson}: not valid run.json (line {e.LineNumber + 1}): {e.Message}", e);
            }
        }

        var buffers = new Dictionary<string, int>();
        string bufferDir = Path.Combine(runDir, "buffers");
        if (System.IO.Directory.Exists(bufferDir))
            foreach (var file in System.IO.Directory.GetFiles(bufferDir, "*.jsonl").Order(StringComparer.Ordinal))
                buffers[Path.GetFileNameWithoutExtension(file)] = File.ReadLines(file).Count(l => !string.IsNullOrWhiteSpace(l));

        return new RunData
        {
            Directory = runDir,
            Info = info,
            Metrics = ReadLines<MetricsRecord>(runDir, "metrics.jsonl"),
            Proposals = ReadLines<ProposalRecord>(runDir, "proposals.jsonl"),
            Rollouts = ReadLines<RolloutRecord>(runDir, "rollouts.jsonl"),
            Flags = ReadLines<FlagRecord>(runDir, "flags.jsonl"),
            BufferFileSizes = buffers,
        };
    }

    // Strict about missing required fields and nulls in non-nullable ones, so a bad line is named instead of crashing later;
    // keys it does not know are skipped, because writers may add fields (docs/run-directory.md).
    private static readonly JsonSerializerOptions Options = new(JsonLines.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    private static List<T> ReadLines<T>(string runDir, string name) where T : class
    {
        string path = Path.Combine(runDir, name);
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path);
        var list = new List<T>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                list.Add(JsonSerializer.Deserialize<T>(lines[i], Options)
                    ?? throw new InvalidDataException($"{path}: line {i + 1}: JSON null instead of an object"));
            }
            catch (JsonException e)
            {
                if (i == lines.Length - 1 && !lines[i].TrimEnd().EndsWith('}')) break; // torn final append of a crashed run
                throw new InvalidDataException($"{path}: line {i + 1}: {e.Message}", e);
            }
        }
        return list;
    }
}
