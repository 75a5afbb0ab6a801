namespace AbsoluteZero.Execution.Policy;

/// <summary>
/// The allow-list and deny-lists of the static policy (documented with reasons in sandbox/README.md). Programs may use
/// types from <see cref="AllowedNamespaces"/> only, minus <see cref="DeniedTypes"/> and <see cref="DeniedMembers"/>.
/// </summary>
internal static class PolicyRules
{
    /// <summary>Namespaces whose types small pure programs need. Nested namespaces are NOT included implicitly.</summary>
    public static readonly HashSet<string> AllowedNamespaces =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text",
        "System.Numerics", "System.Text.RegularExpressions",
    ];

    /// <summary>Types in allowed namespaces that reach the process, the runtime, clocks or per-process randomness.</summary>
    public static readonly Dictionary<string, string> DeniedTypes = new()
    {
        ["System.Environment"] = "environment access",
        ["System.AppContext"] = "runtime configuration access",
        ["System.AppDomain"] = "application domain access",
        ["System.Activator"] = "reflection (Activator)",
        ["System.Console"] = "console I/O",
        ["System.GC"] = "garbage collector control",
        ["System.GCMemoryInfo"] = "garbage collector state",
        ["System.Type"] = "reflection (Type)",
        ["System.RuntimeTypeHandle"] = "reflection (runtime handles)",
        ["System.RuntimeMethodHandle"] = "reflection (runtime handles)",
        ["System.RuntimeFieldHandle"] = "reflection (runtime handles)",
        ["System.ModuleHandle"] = "reflection (runtime handles)",
        ["System.TypedReference"] = "unsafe references",
        ["System.ArgIterator"] = "unsafe references",
        ["System.RuntimeArgumentHandle"] = "unsafe references",
        ["System.TimeZoneInfo"] = "clock/time zone of the host",
        ["System.TimeProvider"] = "clock",
        ["System.HashCode"] = "per-process random hash seed",
        ["System.WeakReference"] = "garbage-collector dependent behaviour",
        ["System.WeakReference`1"] = "garbage-collector dependent behaviour",
        ["System.Buffer"] = "raw memory copies",
        ["System.MarshalByRefObject"] = "remoting",
        ["System.LocalDataStoreSlot"] = "thread-local storage",
        ["System.Lazy`1"] = "thread synchronisation",
        ["System.Threading.Thread"] = "threads",
    };

    /// <summary>Members denied for determinism or because they reveal the runtime (key: Type.Member).</summary>
    public static readonly Dictionary<string, string> DeniedMembers = new()
    {
        ["System.DateTime.Now"] = "clock",
        ["System.DateTime.UtcNow"] = "clock",
        ["System.DateTime.Today"] = "clock",
        ["System.DateTimeOffset.Now"] = "clock",
        ["System.DateTimeOffset.UtcNow"] = "clock",
        ["System.Guid.NewGuid"] = "randomness (Guid)",
        ["System.Guid.CreateVersion7"] = "randomness (Guid)",
        ["System.Random.Shared"] = "unseeded randomness",
        ["System.Delegate.Method"] = "reflection (Delegate.Method)",
        ["System.Delegate.Target"] = "reflection (Delegate.Target)",
        ["System.Delegate.DynamicInvoke"] = "reflection (DynamicInvoke)",
        ["System.Exception.StackTrace"] = "stack traces",
        ["System.Exception.TargetSite"] = "reflection (TargetSite)",
        ["System.String.Intern"] = "process-wide intern pool",
        ["System.String.IsInterned"] = "process-wide intern pool",
        ["System.Enum.GetValuesAsUnderlyingType"] = "reflection",
    };
}
