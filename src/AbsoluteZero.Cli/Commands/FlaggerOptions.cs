using System.CommandLine;
using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Training.Safety;

namespace AbsoluteZero.Cli.Commands;

/// <summary>The options that pick the unsafe-reasoning flagger: rules, learned classifier, or both (the default).</summary>
internal sealed class FlaggerOptions
{
    public Option<string> Mode { get; } = new("--flagger")
    {
        Description = "Which flagger: 'rules' (tasks/audit-rules.json), 'classifier' (tasks/audit-classifier/: fine-tuned MiniLM transformer), or 'both' (a category is flagged when either flags it).",
        DefaultValueFactory = _ => "both",
    };

    public Option<FileInfo?> Rules { get; } = new("--rules") { Description = "A rules file (format: tasks/audit-rules.md) instead of the built-in tasks/audit-rules.json." };

    public Option<FileInfo?> Classifier { get; } = new("--classifier") { Description = "A classifier directory written by `azr audit finetune-classifier` instead of the built-in tasks/audit-classifier/." };

    public IEnumerable<Option> All => [Mode, Rules, Classifier];

    /// <summary>True when the user named any flagger option (so a command that only rescans on request can insist on it).</summary>
    public bool AnyGiven(ParseResult parse) => parse.GetResult(Mode) is { Implicit: false } || parse.GetValue<FileInfo?>(Rules) is not null || parse.GetValue<FileInfo?>(Classifier) is not null;

    /// <summary>The chosen flagger; the classifier runs on <paramref name="device"/> (CPU when null).</summary>
    public ITextFlagger Build(ParseResult parse, TorchSharp.torch.Device? device = null)
    {
        string mode = parse.GetValue<string>(Mode) ?? "both";
        var rulesFile = parse.GetValue<FileInfo?>(Rules);
        var classifierFile = parse.GetValue<FileInfo?>(Classifier);
        if (mode is not ("rules" or "classifier" or "both"))
            throw new UsageException($"--flagger must be rules, classifier or both (got '{mode}')");
        if (mode == "rules" && classifierFile is not null) throw new UsageException("--classifier has no effect with --flagger rules");
        if (mode == "classifier" && rulesFile is not null) throw new UsageException("--rules has no effect with --flagger classifier");
        ITextFlagger LoadRules() => rulesFile is null ? ReasoningFlagger.LoadDefault() : ReasoningFlagger.Load(rulesFile.FullName);
        ITextFlagger LoadClassifier() => classifierFile is null ? FineTunedFlagger.LoadDefault(device) : new FineTunedFlagger(classifierFile.FullName, device);
        return mode switch
        {
            "rules" => LoadRules(),
            "classifier" => LoadClassifier(),
            _ => new CombinedFlagger(LoadRules(), LoadClassifier()),
        };
    }
}
