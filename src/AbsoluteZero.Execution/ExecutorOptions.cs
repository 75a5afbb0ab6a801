using System.ComponentModel.DataAnnotations;

namespace AbsoluteZero.Execution;

/// <summary>Where runner processes live.</summary>
public enum ExecutorBackend
{
    /// <summary>A pool of local runner processes (isolated with bubblewrap + prlimit where available).</summary>
    Local,
    /// <summary>Runner processes in Docker containers (Docker.DotNet; needs a reachable engine and the image from docker/).</summary>
    Docker,
}

/// <summary>Whether local runners are wrapped in bubblewrap.</summary>
public enum IsolationMode
{
    /// <summary>Use bubblewrap when <c>bwrap</c> is installed and works; otherwise plain processes (logged once).</summary>
    Auto,
    /// <summary>Always use bubblewrap; creating the executor fails when it does not work.</summary>
    Required,
    /// <summary>Plain processes under prlimit only.</summary>
    Off,
}

/// <summary>
/// Settings of the sandboxed executor (the <c>executor</c> section of the trainer config; snake_case keys). The
/// defaults suit short self-play programs on a small machine.
/// </summary>
public sealed record ExecutorOptions
{
    /// <summary><c>backend</c>: <c>local</c> (default) or <c>docker</c>.</summary>
    public ExecutorBackend Backend { get; init; } = ExecutorBackend.Local;

    /// <summary><c>workers</c>: runner processes in the pool; 0 (default) means one per processor, at least 2 (the determinism check needs two).</summary>
    [Range(0, 256)]
    public int Workers { get; init; }

    /// <summary><c>timeout_ms</c>: wall-clock limit per program (default 2000). The hard kill comes at twice this plus 1 s.</summary>
    [Range(10, 600_000)]
    public int TimeoutMs { get; init; } = 2000;

    /// <summary><c>step_budget</c>: loop iterations + method calls allowed per program before a timeout verdict (default 20,000,000, ≈ 60 ms).</summary>
    [Range(1000, long.MaxValue)]
    public long StepBudget { get; init; } = 20_000_000;

    /// <summary><c>memory_mb</c>: managed heap cap per runner process, MiB (default 1024); allocation past it is memory_limit.</summary>
    [Range(64, 65536)]
    public int MemoryMb { get; init; } = 1024;

    /// <summary><c>alloc_budget_mb</c>: bytes a single program may allocate in total (not just keep alive), MiB (default 128), checked every 1024 steps.</summary>
    [Range(1, 65536)]
    public int AllocBudgetMb { get; init; } = 128;

    /// <summary><c>output_limit</c>: maximum characters of a rendered result or captured stdout (default 65536).</summary>
    [Range(16, 16 << 20)]
    public int OutputLimit { get; init; } = 65536;

    /// <summary><c>max_program_chars</c>: longest program text accepted (default 20000); longer is a policy violation.</summary>
    [Range(100, 1 << 20)]
    public int MaxProgramChars { get; init; } = 20_000;

    /// <summary><c>max_input_chars</c>: longest input or expected expression accepted (default 20000).</summary>
    [Range(10, 1 << 20)]
    public int MaxInputChars { get; init; } = 20_000;

    /// <summary><c>stack_kb</c>: stack of the program thread, KiB (default 1024: several thousand frames, more than Python's default recursion limit of 1000); deeper recursion is a crash verdict.</summary>
    [Range(256, 262144)]
    public int StackKb { get; init; } = 1024;

    /// <summary><c>batch_size</c>: programs compiled into one assembly and sent to a runner together (default 64).</summary>
    [Range(1, 4096)]
    public int BatchSize { get; init; } = 64;

    /// <summary><c>recycle_after</c>: a runner is replaced after running this many programs (default 20,000), bounding what a long-lived process accumulates.</summary>
    [Range(100, int.MaxValue)]
    public int RecycleAfter { get; init; } = 20_000;

    /// <summary><c>isolation</c>: <c>auto</c> (default), <c>required</c> or <c>off</c> — bubblewrap around local runners.</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Auto;

    /// <summary><c>instrument</c>: insert step-budget and stack-depth checks into programs (default true). Off only for tests of the raw crash path.</summary>
    public bool Instrument { get; init; } = true;

    /// <summary><c>cache_entries</c>: results remembered by content hash of (program, input, limits); 0 disables (default 100,000).</summary>
    [Range(0, 10_000_000)]
    public int CacheEntries { get; init; } = 100_000;

    /// <summary><c>docker_image</c>: image of the Docker backend (default <c>azr-sandbox:latest</c>, built by docker/build-image.sh).</summary>
    public string DockerImage { get; init; } = "azr-sandbox:latest";

    /// <summary><c>docker_endpoint</c>: Docker engine address; empty (default) means DOCKER_HOST, else unix:///var/run/docker.sock.</summary>
    public string DockerEndpoint { get; init; } = "";

    /// <summary><c>runner_path</c>: the runner's dll; empty (default) means AbsoluteZero.Sandbox.Runner.dll next to the executor.</summary>
    public string RunnerPath { get; init; } = "";

    /// <summary>The pool size actually used.</summary>
    public int EffectiveWorkers => Math.Max(2, Workers == 0 ? Environment.ProcessorCount : Workers);
}
