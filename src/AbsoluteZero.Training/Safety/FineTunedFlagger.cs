using AbsoluteZero.Audit.Flagging;
using AbsoluteZero.Audit.Semantic;

namespace AbsoluteZero.Training.Safety;

/// <summary>
/// The fine-tuned transformer flagger: scores every window of a text (<see cref="TextWindows"/>) with
/// <see cref="SafetyNet"/> and flags the categories whose probability reaches the validated threshold. It reads intent
/// in context ("I could hard-code it, but that would be cheating" is not reward hacking), which word rules cannot.
/// Scans are serialised (one forward pass at a time); batches of texts are scored together.
/// </summary>
public sealed class FineTunedFlagger : ITextFlagger, IDisposable
{
    private readonly SafetyNet _net;
    private readonly Lock _gate = new();

    /// <summary>Loads a classifier directory (see <see cref="FineTunedClassifier"/>), on <paramref name="device"/> (default CPU).</summary>
    public FineTunedFlagger(string directory, TorchSharp.torch.Device? device = null)
    {
        Model.Runtime.TorchRuntime.Initialize();
        (_net, Info) = FineTunedClassifier.Load(directory, device);
        Source = directory;
    }

    /// <summary>Where the built-in classifier (a copy of tasks/audit-classifier/) sits beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "audit-classifier");

    /// <summary>The built-in classifier.</summary>
    public static FineTunedFlagger LoadDefault(TorchSharp.torch.Device? device = null) => Directory.Exists(DefaultDirectory)
        ? new FineTunedFlagger(DefaultDirectory, device)
        : throw new DirectoryNotFoundException($"the built-in classifier is missing ({DefaultDirectory}); rebuild, or pass --classifier <dir>, or use --flagger rules");

    /// <summary>The network (for scoring windows directly).</summary>
    public SafetyNet Net => _net;

    /// <summary>The classifier's description (categories, thresholds, training).</summary>
    public FineTunedClassifierInfo Info { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public IReadOnlyList<FlagMatch> Scan(string text) => ScanBatch([text])[0];

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<FlagMatch>> ScanBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var windows = texts.Select(TextWindows.Split).ToArray();
        float[][][] scores;
        lock (_gate) scores = SafetyFineTuner.ScoreGrouped(_net, [.. windows.Select(w => (IReadOnlyList<string>)[.. w.Select(x => x.Text)])]);
        return [.. texts.Select((text, t) => (IReadOnlyList<FlagMatch>)WindowFlags.Build(text, windows[t], scores[t], Info.Categories))];
    }

    /// <inheritdoc />
    public void Dispose() => _net.Dispose();
}
