namespace AbsoluteZero.Execution.Docker;

/// <summary>The Docker engine address: executor.docker_endpoint, else DOCKER_HOST, else the default unix socket.</summary>
public static class DockerEndpoint
{
    /// <summary>Resolves the endpoint for <paramref name="configured"/> (may be empty).</summary>
    public static Uri Resolve(string? configured = null)
    {
        if (!string.IsNullOrEmpty(configured)) return new Uri(configured);
        return Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? new Uri(host) : new Uri("unix:///var/run/docker.sock");
    }
}
