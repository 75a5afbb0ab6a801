using System.CommandLine;
using System.Text;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Execution;
using AbsoluteZero.Execution.Jsonl;
using Serilog;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr exec`: runs JSONL requests through the sandboxed executor (the stable contract of docs/exec-jsonl.md).
/// stdin/stdout by default; logs go to stderr.
/// </summary>
public static class ExecCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "Requests, one JSON object per line (default: stdin)." };
        var output = new Option<FileInfo?>("--output") { Description = "Results, one JSON object per line, same order (default: stdout)." };
        var timeout = new Option<int?>("--timeout-ms") { Description = "Wall-clock limit per program in milliseconds (default: executor.timeout_ms, 2000)." };
        var noCheck = new Option<bool>("--no-determinism-check") { Description = "Run each program once instead of twice in two different runner processes." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file of executor options (snake_case keys, see ExecutorOptions)." };
        var set = new Option<string[]>("--set") { Description = "Override an executor option, e.g. --set workers=4 --set isolation=required.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("exec", "Validate, run and grade C# programs from JSONL requests in the sandbox (one result line per request line).")
        {
            input, output, timeout, noCheck, config, set,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = ConfigLoader.Load<ExecutorOptions>(parse.GetValue(config)?.FullName, parse.GetValue(set) ?? []);
            if (parse.GetValue(timeout) is { } ms)
            {
                if (ms < 10) throw new UsageException("--timeout-ms must be at least 10");
                options = options with { TimeoutMs = ms };
            }
            var inFile = parse.GetValue(input);
            if (inFile is not null && !inFile.Exists) throw new FileNotFoundException($"--input file not found: {inFile.FullName}", inFile.FullName);
            await using var executor = CreateExecutor(options);
            using var reader = inFile is null ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false)) : new StreamReader(inFile.FullName, new UTF8Encoding(false));
            var outFile = parse.GetValue(output);
            await using var writer = outFile is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(outFile.FullName, append: false, new UTF8Encoding(false));
            writer.NewLine = "\n";
            var count = await ExecJsonLines.RunAsync(reader, writer, executor, !parse.GetValue(noCheck), cancellationToken);
            Log.Debug("azr exec: answered {Count} requests ({Backend})", count, executor.BackendDescription);
            return 0;
        });
        return command;
    }

    /// <summary>Creates the executor; a configuration that cannot work here is the user's error, reported in one line.</summary>
    internal static ProgramExecutorHandle CreateExecutor(ExecutorOptions options)
    {
        try
        {
            return ProgramExecutor.Create(options, Log.Logger);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
