using Microsoft.CodeAnalysis;

namespace AbsoluteZero.Execution.Compilation;

/// <summary>
/// The metadata references programs compile against: the runtime's own implementation assemblies (so what compiles
/// is exactly what the runner loads), the runner (for the budget class), and the assemblies of APIs the policy forbids
/// by name, so that using them is reported as a policy violation rather than an unresolved name.
/// </summary>
internal static class References
{
    private static readonly string[] Names =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Linq", "System.Collections", "System.Runtime.Numerics",
        "System.Text.RegularExpressions", "System.Memory",
        // Bound only so the policy can name them: every use is rejected.
        "System.Console", "System.Diagnostics.Process", "System.Net.Primitives", "System.Net.Sockets", "System.Net.Http",
        "System.Linq.Expressions", "System.Threading", "System.Threading.Thread", "System.Runtime.InteropServices",
        "System.Collections.Concurrent", "System.Diagnostics.StackTrace",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Load);

    /// <summary>The shared reference list (metadata is cached inside the reference objects, so reuse them).</summary>
    public static IReadOnlyList<MetadataReference> Get() => All.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var byName = tpa.Where(p => p.Length > 0).GroupBy(p => Path.GetFileNameWithoutExtension(p))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var list = new List<MetadataReference>();
        foreach (var name in Names)
        {
            if (!byName.TryGetValue(name, out var path))
                path = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name + ".dll");
            if (File.Exists(path)) list.Add(MetadataReference.CreateFromFile(path));
        }
        list.Add(MetadataReference.CreateFromFile(typeof(Sandbox.Runner.__B).Assembly.Location));
        return list;
    }
}
