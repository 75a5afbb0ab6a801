using System.CommandLine;

namespace AbsoluteZero.Cli.Commands;

/// <summary>Every `azr` sub-command, one file each. Add a line here when a layer brings a new command.</summary>
public static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return DoctorCommand.Create();
        yield return TokenizeCommand.Create();
        yield return GenerateCommand.Create();
        yield return LogitsCommand.Create();
        yield return ExecCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return CheckpointCommand.Create();
        yield return AuditCommand.Create();
        yield return SelfPlayCommand.Create();
        yield return Eval.EvalCommand.Create();
    }
}
