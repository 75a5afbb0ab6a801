namespace AbsoluteZero.Tokenization.Tests.Maintenance;

/// <summary>Locates the checkout (the folder holding AbsoluteZero.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Source(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>True when the maintainer asked the regeneration tests to rewrite committed generated files.</summary>
    public static bool RegenerateRequested => Environment.GetEnvironmentVariable("AZR_REGENERATE") == "1";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AbsoluteZero.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no AbsoluteZero.sln above {AppContext.BaseDirectory}");
    }
}
