using System.Diagnostics;

namespace AbsoluteZero.Audit.Tests.Report;

/// <summary>Finds and runs headless Chromium (scripts/setup.d/40-chromium.sh installs Debian's package).</summary>
internal static class Chromium
{
    public static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("AZR_CHROMIUM"), "chromium", "chromium-browser", "google-chrome-stable", "google-chrome" };
        foreach (var c in candidates)
        {
            if (string.IsNullOrEmpty(c)) continue;
            if (Path.IsPathRooted(c)) { if (File.Exists(c)) return c; continue; }
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, c);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    /// <summary>Runs chromium headless on <paramref name="url"/> with extra arguments; returns stdout.</summary>
    public static string Run(string chromium, string url, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("azr-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: test machines and containers often run as root, where Chromium's own sandbox refuses to start.
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--hide-scrollbars", "--mute-audio", $"--user-data-dir={profile}", "--virtual-time-budget=3000" })
                psi.ArgumentList.Add(a);
            foreach (var a in extra) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(url);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + chromium);
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{chromium} did not finish within 120 s; stderr: {stderr.Result}");
            }
            if (p.ExitCode != 0) throw new InvalidOperationException($"{chromium} exited with {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when no Chromium is installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null)
            Skip = "headless Chromium not found (scripts/setup.d/40-chromium.sh installs Debian's chromium; or set AZR_CHROMIUM)";
    }
}
