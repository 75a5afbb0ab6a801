using System.CommandLine;
using System.Text;
using AbsoluteZero.Audit.Analysis;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Report;
using Spectre.Console;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr audit &lt;run dir&gt;`: task analytics and unsafe-reasoning flags of a self-play run, as a console summary, an HTML
/// report and a JSON summary; `azr audit flag` scans arbitrary texts; `azr audit rules` prints the rules in effect.
/// </summary>
public static class AuditCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var runDir = new Argument<string?>("run-dir") { Description = "A run directory written by `azr selfplay --out` (docs/run-directory.md).", Arity = ArgumentArity.ZeroOrOne };
        var html = new Option<FileInfo?>("--html") { Description = "Write a self-contained HTML report (no network needed to view it)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the full analysis as JSON (snake_case keys)." };
        var flaggers = new FlaggerOptions();
        var rescan = new Option<bool>("--rescan") { Description = "Also scan every sampled rollout in rollouts.jsonl with the flagger (--flagger; not only the live flags)." };
        var command = new Command("audit", "Audit a self-play run: what tasks the model invented (validity, difficulty, complexity, diversity) and which reasoning was flagged as unsafe.")
        {
            runDir, html, json, rescan,
        };
        foreach (var o in flaggers.All) command.Options.Add(o);
        command.Subcommands.Add(FlagCommand());
        command.Subcommands.Add(RulesCommand());
        command.Subcommands.Add(AuditScoreCommand.Create());
        command.Subcommands.Add(FineTuneClassifierCommand.Create());
        command.SetAction((parse, cancellationToken) =>
        {
            var dir = parse.GetValue(runDir) ?? throw new UsageException("azr audit needs a run directory (or a sub-command: flag, rules); see azr audit --help");
            bool doRescan = parse.GetValue(rescan);
            if (flaggers.AnyGiven(parse) && !doRescan)
                throw new UsageException("--flagger, --rules and --classifier only affect --rescan (live flags were raised during the run); add --rescan");
            var flagger = doRescan ? flaggers.Build(parse) : null;
            var summary = RunAuditor.Analyze(dir, new AuditOptions(doRescan, flagger));
            AuditConsole.Render(summary);
            if (parse.GetValue(html) is { } h)
            {
                ReportWriter.WriteHtml(summary, h.FullName);
                AnsiConsole.MarkupLine($"HTML report: [link]{Markup.Escape(h.FullName)}[/]");
            }
            if (parse.GetValue(json) is { } j)
            {
                AuditJson.Write(summary, j.FullName);
                AnsiConsole.MarkupLine($"JSON summary: {Markup.Escape(j.FullName)}");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static Option<FileInfo?> RulesOption() =>
        new("--rules") { Description = "A rules file (format: tasks/audit-rules.md) instead of the built-in tasks/audit-rules.json." };

    private static Command FlagCommand()
    {
        var input = new Option<string>("--input")
        {
            Description = "JSON Lines of {\"id\", \"text\"}; '-' reads standard input.",
            Required = true,
        };
        var flaggers = new FlaggerOptions();
        var command = new Command("flag", "Scan texts for unsafe reasoning: one JSON line per input line, {\"id\", \"flagged\", \"categories\", \"spans\"}; a malformed line gives {\"id\", \"line\", \"error\"} and the stream continues.")
        {
            input,
        };
        foreach (var o in flaggers.All) command.Options.Add(o);
        command.SetAction((parse, cancellationToken) =>
        {
            var flagger = flaggers.Build(parse);
            string path = parse.GetValue(input)!;
            var stdout = Console.Out;
            (int Flagged, int Clean, int Errors) counts;
            if (path == "-")
            {
                counts = FlagStream.Process(flagger, Console.In, stdout);
            }
            else
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"--input file not found: {path}", path);
                using var reader = new StreamReader(path, Encoding.UTF8);
                counts = FlagStream.Process(flagger, reader, stdout);
            }
            Console.Error.WriteLine($"azr audit flag: {counts.Flagged} flagged, {counts.Clean} clean, {counts.Errors} malformed line(s)");
            return Task.FromResult(counts.Errors > 0 ? 1 : 0);
        });
        return command;
    }

    private static Command RulesCommand()
    {
        var rules = RulesOption();
        var raw = new Option<bool>("--json") { Description = "Print the rules file itself (JSON) instead of a table." };
        var command = new Command("rules", "Print the unsafe-reasoning rules in effect (the built-in tasks/audit-rules.json, or --rules).") { rules, raw };
        command.SetAction((parse, cancellationToken) =>
        {
            var file = parse.GetValue(rules);
            var flagger = Flagger(file);
            if (parse.GetValue(raw))
            {
                Console.Out.Write(file is null ? ReasoningFlagger.DefaultRulesJson() : File.ReadAllText(file.FullName));
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"rules: [bold]{Markup.Escape(flagger.Source)}[/] ({flagger.Rules.Count} rules)");
            var categories = new Table().Border(TableBorder.Rounded).AddColumn("category").AddColumn("description");
            foreach (var (name, description) in flagger.Categories) categories.AddRow(Markup.Escape(name), Markup.Escape(description));
            AnsiConsole.Write(categories);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("rule").AddColumn("category").AddColumn("severity")
                .AddColumn(new TableColumn("patterns").RightAligned()).AddColumn(new TableColumn("unless").RightAligned()).AddColumn("description");
            foreach (var r in flagger.Rules)
                table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Category), Markup.Escape(r.Severity), r.Patterns.Count.ToString(),
                    r.Unless.Count.ToString(), Markup.Escape(r.Description));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]Behavioural rule: " + Markup.Escape(SandboxSignals.PolicyViolationRule) + " (sandbox_escape) is raised for every executor policy_violation verdict.[/]");
            return Task.FromResult(0);
        });
        return command;
    }

    private static ReasoningFlagger Flagger(FileInfo? file) => file is null ? ReasoningFlagger.LoadDefault() : ReasoningFlagger.Load(file.FullName);
}
