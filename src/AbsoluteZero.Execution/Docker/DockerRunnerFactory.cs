using global::Docker.DotNet;
using global::Docker.DotNet.Models;
using AbsoluteZero.Execution.Running;

namespace AbsoluteZero.Execution.Docker;

/// <summary>
/// Starts runners in Docker containers through the engine API: no network, read-only root file system, non-root user,
/// no capabilities, no-new-privileges, memory/CPU/pids limits, tmpfs scratch. The image (docker/build-image.sh) is a
/// near-empty root file system; /usr (the .NET runtime) and the runner's directory are bound read-only.
/// </summary>
internal sealed class DockerRunnerFactory : IRunnerFactory
{
    private readonly ExecutorOptions _options;
    private readonly DockerClient _client;
    private readonly string _runnerDll;
    private readonly string _dotnet;

    public DockerRunnerFactory(ExecutorOptions options, Serilog.ILogger? logger)
    {
        _options = options;
        _runnerDll = SandboxEnvironment.RunnerDll(options);
        _dotnet = SandboxEnvironment.DotnetHost();
        if (!_dotnet.StartsWith("/usr/", StringComparison.Ordinal))
            logger?.Warning("Docker backend: the .NET host {Dotnet} is outside /usr; it is bound read-only as well", _dotnet);
        var endpoint = DockerEndpoint.Resolve(options.DockerEndpoint);
        _client = new DockerClientConfiguration(endpoint).CreateClient();
        Probe(endpoint);
    }

    // Fail at creation with a clear reason instead of at the first batch with a transport exception.
    private void Probe(Uri endpoint)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            _client.System.PingAsync(cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _client.Dispose();
            throw new InvalidOperationException($"executor.backend is 'docker' but no Docker engine answers at {endpoint}: {e.GetBaseException().Message} (docker/start-dockerd.sh starts one)");
        }
        try
        {
            _client.Images.InspectImageAsync(_options.DockerImage, cts.Token).GetAwaiter().GetResult();
        }
        catch (DockerImageNotFoundException)
        {
            _client.Dispose();
            throw new InvalidOperationException($"the Docker image '{_options.DockerImage}' does not exist (build it with docker/build-image.sh {_options.DockerImage})");
        }
    }

    public string Name => $"docker ({_options.DockerImage})";

    public async Task<IRunnerConnection> StartAsync(int slot, CancellationToken cancellationToken)
    {
        var runnerDir = Path.GetDirectoryName(_runnerDll)!;
        var dotnetRoot = Path.GetDirectoryName(_dotnet)!;
        var binds = new List<string> { "/usr:/usr:ro", $"{runnerDir}:/sandbox:ro" };
        if (File.Exists("/etc/ld.so.cache")) binds.Add("/etc/ld.so.cache:/etc/ld.so.cache:ro");
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) binds.Add($"{dotnetRoot}:{dotnetRoot}:ro");
        long memory = ((long)_options.MemoryMb << 20) + (512L << 20);
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = _options.DockerImage,
            Cmd = [_dotnet, "/sandbox/" + Path.GetFileName(_runnerDll)],
            User = "65534:65534",
            WorkingDir = "/scratch",
            Env =
            [
                "HOME=/tmp", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "DOTNET_EnableDiagnostics=0", "DOTNET_TieredPGO=0", "DOTNET_EnableWriteXorExecute=0",
                $"DOTNET_GCHeapHardLimit=0x{(long)_options.MemoryMb << 20:X}",
            ],
            AttachStdin = true, AttachStdout = true, AttachStderr = true, OpenStdin = true, StdinOnce = false, Tty = false,
            NetworkDisabled = true,
            Labels = new Dictionary<string, string> { ["azr.sandbox"] = "runner" },
            HostConfig = new HostConfig
            {
                NetworkMode = "none", ReadonlyRootfs = true, AutoRemove = true,
                Memory = memory, MemorySwap = memory, PidsLimit = 128, NanoCPUs = 1_000_000_000,
                CapDrop = ["ALL"], SecurityOpt = ["no-new-privileges"], Binds = binds,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=64m,mode=1777", ["/scratch"] = "rw,size=16m,mode=1777" },
            },
        }, cancellationToken);
        var stream = await _client.Containers.AttachContainerAsync(created.ID, false,
            new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, cancellationToken);
        await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
        var connection = new DockerRunnerConnection(_client, created.ID, stream);
        await connection.PingAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
