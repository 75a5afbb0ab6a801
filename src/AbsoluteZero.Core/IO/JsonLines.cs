using System.Text;
using System.Text.Json;
using AbsoluteZero.Core.Configuration;

namespace AbsoluteZero.Core.IO;

/// <summary>Reading and appending JSON Lines files (one JSON object per line) with the project's JSON conventions.</summary>
public static class JsonLines
{
    /// <summary>Compact (single-line) variant of <see cref="ConfigLoader.JsonOptions"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new(ConfigLoader.JsonOptions) { WriteIndented = false };

    /// <summary>Serialises one record as a single line.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Appends records to a JSONL file, one line each, and flushes to disk. Each call writes whole lines in one
    /// write, so a crash can at worst leave an incomplete final line, which <see cref="Read{T}"/> reports by line number.
    /// </summary>
    public static void Append<T>(string path, IEnumerable<T> records)
    {
        var sb = new StringBuilder();
        foreach (var r in records) sb.Append(Serialize(r)).Append('\n');
        if (sb.Length == 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads every record; a malformed line raises <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IEnumerable<T> Read<T>(string path, bool skipIncompleteLastLine = true)
    {
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(lines[i], Options);
            }
            catch (JsonException e)
            {
                if (skipIncompleteLastLine && i == lines.Length - 1) yield break; // torn final write of a crashed run
                throw new InvalidDataException($"{path}: line {i + 1}: {e.Message}", e);
            }
            if (value is null) throw new InvalidDataException($"{path}: line {i + 1}: null record");
            yield return value;
        }
    }
}
