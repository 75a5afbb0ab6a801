using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Evaluation.Running;

/// <summary>Reads a results JSONL file for resuming.</summary>
public static class ResultsFile
{
    /// <summary>
    /// The finished problems by id (later lines win). A torn last line (a crash mid-append) is dropped from the file
    /// first, so that appending continues on a clean line boundary.
    /// </summary>
    public static Dictionary<string, ProblemResult> ReadCompleted(string path)
    {
        var done = new Dictionary<string, ProblemResult>(StringComparer.Ordinal);
        if (!File.Exists(path)) return done;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
        {
            int lastNewline = Array.LastIndexOf(bytes, (byte)'\n');
            AtomicFile.WriteAllBytes(path, bytes.AsSpan(0, lastNewline + 1));
        }
        foreach (var r in JsonLines.Read<ProblemResult>(path)) done[r.Id] = r;
        return done;
    }
}
