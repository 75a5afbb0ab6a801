using System.Globalization;
using System.Text.Json;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Core.IO;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Training.Config;

namespace AbsoluteZero.Training.Runs;

/// <summary>
/// The files of one run (docs/run-directory.md): creation, status, the append-only JSONL logs and the checkpoints.
/// Every non-JSONL file is written atomically; checkpoints are filled in a temporary directory, renamed into place,
/// and only then named in <c>checkpoints/latest</c>.
/// </summary>
public sealed class RunDirectory
{
    private RunDirectory(string root, RunInfo info)
    {
        Root = root;
        Info = info;
    }

    /// <summary>The run directory.</summary>
    public string Root { get; }

    /// <summary>The current <c>run.json</c> contents.</summary>
    public RunInfo Info { get; private set; }

    /// <summary><c>config.json</c>.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");
    /// <summary><c>run.json</c>.</summary>
    public string RunPath => Path.Combine(Root, "run.json");
    /// <summary><c>log.txt</c>.</summary>
    public string LogPath => Path.Combine(Root, "log.txt");
    /// <summary><c>metrics.jsonl</c>.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");
    /// <summary><c>proposals.jsonl</c>.</summary>
    public string ProposalsPath => Path.Combine(Root, "proposals.jsonl");
    /// <summary><c>rollouts.jsonl</c>.</summary>
    public string RolloutsPath => Path.Combine(Root, "rollouts.jsonl");
    /// <summary><c>flags.jsonl</c>.</summary>
    public string FlagsPath => Path.Combine(Root, "flags.jsonl");
    /// <summary><c>buffers/</c>.</summary>
    public string BuffersDir => Path.Combine(Root, "buffers");
    /// <summary><c>checkpoints/</c>.</summary>
    public string CheckpointsDir => Path.Combine(Root, "checkpoints");
    /// <summary><c>checkpoints/latest</c>.</summary>
    public string LatestPath => Path.Combine(CheckpointsDir, "latest");

    /// <summary>The directory name of the checkpoint of <paramref name="step"/>: <c>step-NNNNNN</c>.</summary>
    public static string CheckpointName(int step) => "step-" + step.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts a new run in <paramref name="root"/> (created if needed): writes <c>config.json</c> and <c>run.json</c> and
    /// creates the empty JSONL files. Refuses a directory that already holds a run (resume it with <c>--resume</c>).
    /// </summary>
    public static RunDirectory Create(string root, SelfPlayConfig config, string model, string version)
    {
        root = Path.GetFullPath(root);
        if (File.Exists(Path.Combine(root, "run.json")))
            throw new InvalidDataException($"'{root}' already holds a run; continue it with --resume or choose another --out");
        Directory.CreateDirectory(root);
        string now = Now();
        var info = new RunInfo
        {
            RunId = Guid.NewGuid().ToString("N")[..12], CreatedUtc = now, UpdatedUtc = now, AzrVersion = version, Model = model,
            Seed = config.Seed, Status = RunStatus.Running, LastStep = 0, TargetSteps = config.Steps,
        };
        var run = new RunDirectory(root, info);
        AtomicFile.WriteAllText(run.ConfigPath, ConfigLoader.ToJson(config) + "\n");
        foreach (var path in new[] { run.MetricsPath, run.ProposalsPath, run.RolloutsPath, run.FlagsPath })
            if (!File.Exists(path)) File.WriteAllText(path, "");
        run.WriteInfo(info);
        return run;
    }

    /// <summary>Opens an existing run for <c>--resume</c>; a missing or unreadable <c>run.json</c> is an error naming it.</summary>
    public static RunDirectory Open(string root)
    {
        root = Path.GetFullPath(root);
        string path = Path.Combine(root, "run.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{root}' holds no run (no run.json); start one without --resume", path);
        return new RunDirectory(root, ReadJson<RunInfo>(path));
    }

    /// <summary>Rewrites <c>run.json</c> with a new status, last step and target.</summary>
    public void SetStatus(string status, int lastStep, int? targetSteps = null) =>
        WriteInfo(Info with { Status = status, LastStep = lastStep, TargetSteps = targetSteps ?? Info.TargetSteps, UpdatedUtc = Now() });

    /// <summary>Saves the resolved configuration (on resume, when <c>--set</c> or <c>--steps</c> changed it).</summary>
    public void WriteConfig(SelfPlayConfig config) => AtomicFile.WriteAllText(ConfigPath, ConfigLoader.ToJson(config) + "\n");

    /// <summary>Appends lines to a JSONL file of the run.</summary>
    public static void Append<T>(string path, IEnumerable<T> records) => JsonLines.Append(path, records);

    /// <summary>
    /// Removes the lines of steps after <paramref name="step"/> from the step-keyed JSONL files (metrics, proposals,
    /// rollouts, flags): on resume from a checkpoint older than the last logged step, those steps are run again. This
    /// is the one exception to append-only; each file is rewritten atomically.
    /// </summary>
    public void TruncateLogsAfter(int step)
    {
        foreach (var path in new[] { MetricsPath, ProposalsPath, RolloutsPath, FlagsPath })
        {
            if (!File.Exists(path)) continue;
            var kept = new List<string>();
            bool dropped = false;
            foreach (var line in File.ReadAllLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                int? lineStep = StepOf(line);
                if (lineStep is null || lineStep > step) { dropped = true; continue; }
                kept.Add(line);
            }
            if (dropped) AtomicFile.WriteAllText(path, kept.Count == 0 ? "" : string.Join("\n", kept) + "\n");
        }
    }

    /// <summary>
    /// Writes the checkpoint of <paramref name="step"/>: <paramref name="fillModel"/> puts the HF model files and
    /// <c>optimizer.safetensors</c> into the temporary directory, then <c>trainer_state.json</c> and the buffers are
    /// added, the directory is renamed into place, <c>buffers/</c> and <c>latest</c> are updated, and checkpoints
    /// beyond the newest <paramref name="keepLast"/> are deleted.
    /// </summary>
    public string SaveCheckpoint(int step, Action<string> fillModel, TrainerState state, BufferSet buffers, int keepLast)
    {
        string name = CheckpointName(step);
        string dir = Path.Combine(CheckpointsDir, name);
        AtomicFile.WriteDirectory(dir, temp =>
        {
            fillModel(temp);
            AtomicFile.WriteAllText(Path.Combine(temp, "trainer_state.json"), JsonSerializer.Serialize(state, ConfigLoader.JsonOptions) + "\n");
            buffers.Save(Path.Combine(temp, "buffers"));
        });
        buffers.Save(BuffersDir);
        AtomicFile.WriteAllText(LatestPath, name + "\n");
        foreach (var old in ListCheckpoints().SkipLast(keepLast)) Directory.Delete(Path.Combine(CheckpointsDir, old), recursive: true);
        return dir;
    }

    /// <summary>The checkpoint <c>latest</c> names, or null when the run has none.</summary>
    public string? LatestCheckpoint()
    {
        if (!File.Exists(LatestPath)) return null;
        string name = File.ReadAllText(LatestPath).Trim();
        string dir = Path.Combine(CheckpointsDir, name);
        if (!Directory.Exists(dir)) throw new InvalidDataException($"{LatestPath} names '{name}', which does not exist");
        return dir;
    }

    /// <summary>Reads <c>trainer_state.json</c> of a checkpoint.</summary>
    public static TrainerState ReadTrainerState(string checkpointDir) => ReadJson<TrainerState>(Path.Combine(checkpointDir, "trainer_state.json"));

    /// <summary>Complete checkpoint directory names, oldest first.</summary>
    public IReadOnlyList<string> ListCheckpoints() => !Directory.Exists(CheckpointsDir) ? [] :
        [.. Directory.GetDirectories(CheckpointsDir, "step-*").Select(Path.GetFileName).OfType<string>()
            .Where(n => n.Length == 11 && n[5..].All(char.IsAsciiDigit)).Order(StringComparer.Ordinal)];

    private void WriteInfo(RunInfo info)
    {
        Info = info;
        AtomicFile.WriteAllText(RunPath, JsonSerializer.Serialize(info, ConfigLoader.JsonOptions) + "\n");
    }

    private static T ReadJson<T>(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), ConfigLoader.JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static int? StepOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("step", out var s) && s.TryGetInt32(out int v) ? v : null;
        }
        catch (JsonException)
        {
            return null; // the torn last line of a crash
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
