using System.CommandLine;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;
using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Training.Safety;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr audit finetune-classifier`: fine-tunes the transformer flagger (all-MiniLM-L6-v2 + category head) on labelled
/// snippet files, sets each category's threshold on held-out files written by other authors, and saves a classifier
/// directory (tasks/audit-classifier/ is the built-in one).
/// </summary>
internal static class FineTuneClassifierCommand
{
    public static Command Create()
    {
        var inputs = new Option<FileInfo[]>("--input") { Description = "Labelled snippet files (JSON Lines {\"id\", \"text\", \"categories\", \"also\"}); a file is one author's set.", Required = true, AllowMultipleArgumentsPerToken = true };
        var validate = new Option<string[]>("--validate") { Description = "Names (file names without .jsonl) of input files held out of training: thresholds are set on them and their precision/recall reported.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Classifier directory to write (classifier.json + weights.safetensors).", Required = true };
        var final = new Option<bool>("--final") { Description = "After validating, train again on every file (held-out ones included) and save that model with the validated thresholds." };
        var precision = new Option<double>("--precision") { Description = "Precision each category's threshold must reach on the held-out files.", DefaultValueFactory = _ => 0.92 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows.", DefaultValueFactory = _ => new FineTuneOptions().Epochs };
        var trainFrom = new Option<int>("--train-from") { Description = "First trained encoder layer (0-6); lower layers and embeddings stay frozen.", DefaultValueFactory = _ => new FineTuneOptions().TrainFrom };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate of the encoder layers.", DefaultValueFactory = _ => new FineTuneOptions().LearningRate };
        var command = new Command("finetune-classifier", "Fine-tune the transformer unsafe-reasoning classifier on labelled snippets; thresholds and the reported precision/recall come from held-out files.")
        {
            inputs, validate, output, final, precision, epochs, trainFrom, lr,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            TorchRuntime.Initialize();
            var files = parse.GetValue(inputs)!;
            var all = files.SelectMany(f => LabelledSnippets.Load(f.FullName)).ToArray();
            var held = parse.GetValue(validate)!.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            var unknown = held.Where(h => all.All(s => s.Set != h)).ToArray();
            if (unknown.Length > 0) throw new UsageException($"--validate names no input file: {string.Join(", ", unknown)}");
            var train = all.Where(s => !held.Contains(s.Set)).ToArray();
            var val = all.Where(s => held.Contains(s.Set)).ToArray();
            if (train.Length == 0) throw new UsageException("every input file is held out by --validate; nothing is left to train on");
            var options = new FineTuneOptions(TrainFrom: parse.GetValue(trainFrom), Epochs: parse.GetValue(epochs), LearningRate: parse.GetValue(lr));
            var categories = FlagCategories.All;
            void Log(string m) => Console.Error.WriteLine(m);

            var rows = SafetyFineTuner.Rows(train, categories);
            Log($"training on {train.Length} snippets ({rows.Count} rows), validating on {val.Length} from {string.Join(", ", held)}");
            var net = new SafetyNet(categories, options.TrainFrom);
            SafetyFineTuner.Train(net, rows, options, Log, cancellationToken);

            var scores = SnippetScores(net, val);
            double target = parse.GetValue(precision);
            var heads = categories.Select((c, k) => new HeadThreshold(c, "medium", WindowFlags.ChooseThreshold(val, scores, c, k, target, 0.5f))).ToArray();
            var report = Report(val, scores, heads, held);
            foreach (var line in report) Console.Out.WriteLine(line);

            var trainedOn = files.Select(f => Path.GetFileNameWithoutExtension(f.Name)).Where(n => parse.GetValue(final) || !held.Contains(n)).ToArray();
            if (parse.GetValue(final))
            {
                net.Dispose();
                var allRows = SafetyFineTuner.Rows(all, categories);
                Log($"final training on all {all.Length} snippets ({allRows.Count} rows)");
                net = new SafetyNet(categories, options.TrainFrom);
                SafetyFineTuner.Train(net, allRows, options, Log, cancellationToken);
            }
            var info = new FineTunedClassifierInfo(FineTunedClassifierInfo.CurrentFormat, FineTunedClassifierInfo.BaseModel, options.TrainFrom, heads, options, trainedOn, report);
            var dir = parse.GetValue(output)!.FullName;
            FineTunedClassifier.Save(dir, net, info);
            net.Dispose();
            Console.Out.WriteLine($"wrote {dir}");
            return Task.FromResult(0);
        });
        return command;
    }

    // The flagger's view of a snippet: the highest probability of any of its windows, per category.
    private static float[][] SnippetScores(SafetyNet net, IReadOnlyList<LabelledSnippet> snippets)
    {
        var windows = snippets.Select(s => (IReadOnlyList<string>)[.. TextWindows.Split(s.Text).Select(w => w.Text).DefaultIfEmpty(TextWindows.Collapse(s.Text))]).ToArray();
        return [.. SafetyFineTuner.ScoreGrouped(net, windows).Select(w => Enumerable.Range(0, net.Categories.Count).Select(k => w.Max(m => m[k])).ToArray())];
    }

    private static List<string> Report(IReadOnlyList<LabelledSnippet> val, float[][] scores, HeadThreshold[] heads, IReadOnlySet<string> held)
    {
        var rules = ReasoningFlagger.LoadDefault();
        var predicted = scores.Select(p => (IReadOnlySet<string>)heads.Where((h, k) => p[k] >= h.Threshold).Select(h => h.Name).ToHashSet()).ToArray();
        var ruleSets = val.Select(s => (IReadOnlySet<string>)rules.Scan(s.Text).Select(m => m.Category).ToHashSet()).ToArray();
        var lines = new List<string> { "held-out validation (thresholds set on these files):" };
        foreach (var set in held.Order().Append("all"))
        {
            var idx = Enumerable.Range(0, val.Count).Where(i => set == "all" || val[i].Set == set).ToArray();
            var sub = idx.Select(i => val[i]).ToArray();
            var c = FlagScore.Compute(sub, [.. idx.Select(i => predicted[i])]).Micro;
            var r = FlagScore.Compute(sub, [.. idx.Select(i => ruleSets[i])]).Micro;
            var u = FlagScore.Compute(sub, [.. idx.Select(i => (IReadOnlySet<string>)predicted[i].Union(ruleSets[i]).ToHashSet())]).Micro;
            lines.Add($"  {set,-20} {idx.Length,5} snippets  classifier {c.Precision:F2}/{c.Recall:F2}  rules {r.Precision:F2}/{r.Recall:F2}  both {u.Precision:F2}/{u.Recall:F2}  (P/R)");
        }
        var overall = FlagScore.Compute(val, predicted);
        foreach (var h in heads)
            lines.Add($"  {h.Name,-18} threshold {h.Threshold:F3}  {overall.PerCategory.GetValueOrDefault(h.Name, new FlagCounts(0, 0, 0))}");
        return lines;
    }
}
