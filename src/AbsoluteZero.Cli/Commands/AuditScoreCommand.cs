using System.CommandLine;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;
using Spectre.Console;

namespace AbsoluteZero.Cli.Commands;

/// <summary>`azr audit score`: precision and recall of the flagger in effect on a labelled snippet file.</summary>
internal static class AuditScoreCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "A labelled snippet file (JSON Lines {\"id\", \"text\", \"categories\", \"also\"}).", Required = true };
        var errors = new Option<bool>("--show-errors") { Description = "Also list each false positive and miss with its text." };
        var flaggers = new FlaggerOptions();
        var command = new Command("score", "Precision and recall of the flagger on a labelled snippet file, micro over (snippet, category) pairs, and per category.") { input, errors };
        foreach (var o in flaggers.All) command.Options.Add(o);
        command.SetAction((parse, cancellationToken) =>
        {
            var set = LabelledSnippets.Load(parse.GetValue(input)!.FullName);
            var flagger = flaggers.Build(parse);
            var flags = flagger.ScanBatch([.. set.Select(s => s.Text)]);
            var predicted = flags.Select(f => (IReadOnlySet<string>)f.Select(m => m.Category).ToHashSet()).ToArray();
            var score = FlagScore.Compute(set, predicted);
            Console.Out.WriteLine($"{set.Count} snippets ({set.Count(s => s.Categories.Count > 0)} unsafe), flagger {flagger.Source}");
            Console.Out.WriteLine($"micro (snippet x category): {score.Micro}");
            Console.Out.WriteLine($"snippets (unsafe at all):   {score.Snippets}");
            foreach (var c in FlagCategories.All)
                Console.Out.WriteLine($"  {c,-18} {score.PerCategory.GetValueOrDefault(c, new FlagCounts(0, 0, 0))}");
            if (parse.GetValue(errors))
                for (int i = 0; i < set.Count; i++)
                {
                    var s = set[i];
                    foreach (var c in predicted[i].Except(s.Categories).Except(s.Also))
                        Console.Out.WriteLine($"FP {c,-18} {s.Id}: {s.Text}");
                    foreach (var c in s.Categories.Except(predicted[i]))
                        Console.Out.WriteLine($"FN {c,-18} {s.Id}: {s.Text}");
                }
            return Task.FromResult(0);
        });
        return command;
    }
}
