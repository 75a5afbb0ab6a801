using Docker.DotNet;

namespace AbsoluteZero.Cli.Diagnostics;

/// <summary>Whether a Docker engine answers, at DOCKER_HOST or the default unix socket.</summary>
public sealed record DockerStatus(string Endpoint, bool Reachable, string? ServerVersion, string? Error)
{
}

public static class DockerProbe
{
    /// <summary>The endpoint Docker clients would use: DOCKER_HOST, else the default unix socket.</summary>
    public static Uri Endpoint() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? new Uri(host) : new Uri("unix:///var/run/docker.sock");

    public static async Task<DockerStatus> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint();
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
            return new DockerStatus(endpoint.ToString(), false, null, $"no socket at {endpoint.LocalPath} (no Docker engine running)");
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            using var config = new DockerClientConfiguration(endpoint);
            using var client = config.CreateClient();
            var version = await client.System.GetVersionAsync(cts.Token);
            return new DockerStatus(endpoint.ToString(), true, version.Version, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new DockerStatus(endpoint.ToString(), false, null, e.GetBaseException().Message);
        }
    }
}
