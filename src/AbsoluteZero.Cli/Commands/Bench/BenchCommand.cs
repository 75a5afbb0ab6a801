using System.CommandLine;

namespace AbsoluteZero.Cli.Commands.Bench;

/// <summary>
/// `azr bench ...`: benchmarks that print throughput and ratios against a baseline measured in the same run (never
/// timed unit tests). One file per benchmark; add a line to <see cref="Subcommands"/> when a layer brings one.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks that print throughput and ratios against a baseline measured in the same run.");
        foreach (var sub in Subcommands()) command.Subcommands.Add(sub);
        return command;
    }

    private static IEnumerable<Command> Subcommands()
    {
        yield return GenerateBench.Create();
        yield return TrainStepBench.Create();
        yield return ExecBenchCommand.Create();
    }
}
