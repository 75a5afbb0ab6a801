using System.Runtime.InteropServices;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.NativeSupport;

namespace AbsoluteZero.Cli.Diagnostics;

/// <summary>Everything `azr doctor` reports. Serialised as-is for --json.</summary>
public sealed record DoctorReport(
    string AzrVersion,
    string DotnetRuntime,
    string Os,
    string Architecture,
    LibStdCxxStatus LibStdCxx,
    LibTorchStatus LibTorch,
    DockerStatus Docker,
    string RoslynVersion,
    string Sandbox)
{
    /// <summary>True when everything needed for a CPU run works.</summary>
    public bool Healthy => LibTorch.Loaded;

    public static async Task<DoctorReport> CollectAsync(CancellationToken cancellationToken)
    {
        var docker = await DockerProbe.ProbeAsync(TimeSpan.FromSeconds(3), cancellationToken);
        return new DoctorReport(
            AzrVersion: typeof(DoctorReport).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            DotnetRuntime: RuntimeInformation.FrameworkDescription,
            Os: OsName(),
            Architecture: RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            LibStdCxx: LibStdCxxStatus.Collect(),
            LibTorch: LibTorchStatus.Collect(),
            Docker: docker,
            RoslynVersion: typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly.GetName().Version?.ToString() ?? "unknown",
            Sandbox: AbsoluteZero.Execution.Running.SandboxStatus.Describe());
    }

    private static string OsName()
    {
        const string osRelease = "/etc/os-release";
        if (File.Exists(osRelease))
        {
            var pretty = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null) return pretty["PRETTY_NAME=".Length..].Trim('"') + $" (kernel {Environment.OSVersion.Version})";
        }
        return RuntimeInformation.OSDescription;
    }
}

/// <summary>The system C++ runtime and whether TorchSharp's shim needed the compatibility patch.</summary>
public sealed record LibStdCxxStatus(string? Path, string? HighestGlibcxx, bool HasGlibcxx3432)
{
    public static LibStdCxxStatus Collect()
    {
        if (!OperatingSystem.IsLinux()) return new LibStdCxxStatus(null, null, true);
        var path = ElfVersionPatcher.FindSystemLibStdCxx();
        if (path is null) return new LibStdCxxStatus(null, null, false);
        var versions = ElfVersionPatcher.ReadDefinedVersions(path)
            .Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .Select(v => (Name: v, Parsed: Version.TryParse(v["GLIBCXX_".Length..], out var p) ? p : null))
            .Where(v => v.Parsed is not null)
            .OrderBy(v => v.Parsed)
            .ToList();
        return new LibStdCxxStatus(path, versions.LastOrDefault().Name, versions.Any(v => v.Name == "GLIBCXX_3.4.32"));
    }
}

/// <summary>Which libtorch was loaded, or why none could be.</summary>
public sealed record LibTorchStatus(bool Loaded, LibTorchInfo? Info, string? Error)
{
    public static LibTorchStatus Collect()
    {
        try
        {
            return new LibTorchStatus(true, TorchRuntime.Initialize(), null);
        }
        catch (TorchLoadException e)
        {
            return new LibTorchStatus(false, null, e.Message);
        }
    }
}
