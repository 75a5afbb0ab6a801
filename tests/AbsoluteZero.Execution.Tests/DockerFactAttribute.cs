using AbsoluteZero.Execution.Docker;
using global::Docker.DotNet;

namespace AbsoluteZero.Execution.Tests;

/// <summary>A fact that runs only when a Docker engine answers and the sandbox image exists; otherwise it is skipped with the reason.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public const string Image = "azr-sandbox:latest";
    private static readonly Lazy<string?> Problem = new(Probe);

    public DockerFactAttribute()
    {
        if (Problem.Value is { } why) Skip = why;
    }

    private static string? Probe()
    {
        var endpoint = DockerEndpoint.Resolve();
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
            return $"no Docker engine: no socket at {endpoint.LocalPath} (scripts/test.d/50-docker.sh starts one)";
        try
        {
            using var config = new DockerClientConfiguration(endpoint);
            using var client = config.CreateClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            client.System.PingAsync(cts.Token).GetAwaiter().GetResult();
            client.Images.InspectImageAsync(Image, cts.Token).GetAwaiter().GetResult();
            return null;
        }
        catch (DockerImageNotFoundException)
        {
            return $"Docker engine answers but image {Image} is missing (run docker/build-image.sh)";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"no Docker engine answers at {endpoint}: {e.GetBaseException().Message}";
        }
    }
}
