using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AbsoluteZero.Execution;

/// <summary>
/// Results by content hash of (program, input). Only results that cannot change on a rerun are kept: static verdicts,
/// and run verdicts that passed the determinism check. Cleared wholesale when full (cheap, and rare in practice).
/// </summary>
internal sealed class ResultCache(int capacity)
{
    private readonly ConcurrentDictionary<string, (Verdict Status, string? Output, string? Error)> _entries = new();

    public static string Key(string program, string input)
    {
        var bytes = Encoding.UTF8.GetBytes(program + "\u0000" + input);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    public bool TryGet(string key, out (Verdict Status, string? Output, string? Error) entry) =>
        _entries.TryGetValue(key, out entry);

    public void Add(string key, (Verdict Status, string? Output, string? Error) entry)
    {
        if (capacity == 0) return;
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = entry;
    }
}
