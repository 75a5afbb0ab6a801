using System.CommandLine;
using System.Runtime.InteropServices;
using AbsoluteZero.Core.Logging;
using AbsoluteZero.Execution;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;
using AbsoluteZero.Training.Runs;
using AbsoluteZero.Training.SelfPlay;
using Serilog;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr selfplay`: an Absolute Zero self-play run (propose → validate → learnability → solve → grade → one update per
/// step) writing a run directory (docs/run-directory.md). Ctrl-C (or SIGTERM) stops after saving a checkpoint;
/// `--resume` continues exactly where it stopped.
/// </summary>
public static class SelfPlayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Hugging Face directory of a pretrained base model (config.json, *.safetensors, tokenizer.json). Real runs need one, and a GPU." };
        var preset = new Option<string?>("--preset") { Description = $"Configuration preset: {string.Join(", ", SelfPlayPresets.Names)}. 'tiny' without --model trains a tiny random model with the built-in tokenizer (a CPU smoke run, no downloads)." };
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration file (snake_case keys; see docs/selfplay-config.md), applied over the preset." };
        var set = new Option<string[]>("--set") { Description = "Override one setting, e.g. --set tasks.batch_size=8 (repeatable; applied last).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "The run directory (created; see docs/run-directory.md).", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint (configuration from its config.json, plus --set/--steps)." };
        var steps = new Option<int?>("--steps") { Description = "Run until this step (overrides 'steps')." };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (overrides model.device)." };
        var dtype = new Option<string?>("--dtype") { Description = "fp32 or bf16 compute dtype (overrides model.dtype); optimizer state is fp32 either way." };
        var command = new Command("selfplay", "Run Absolute Zero self-play: the policy proposes and solves deduction, abduction and induction tasks, rewarded by the executor.")
        {
            model, preset, config, set, output, resume, steps, device, dtype,
        };
        // The live flagger: same choices as `azr audit flag` (rules, learned classifier, or both; both by default).
        var flaggers = new FlaggerOptions();
        foreach (var o in flaggers.All) command.Options.Add(o);
        command.SetAction((parse, _) => RunAsync(new SelfPlayArguments(parse.GetValue(model), parse.GetValue(preset), parse.GetValue(config)?.FullName,
            parse.GetValue(set) ?? [], parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(steps), parse.GetValue(device), parse.GetValue(dtype)),
            device => new AuditRolloutFlagger(flaggers.Build(parse, device)), parse.GetValue(AzrApp.Verbose)));
        return command;
    }

    private static async Task<int> RunAsync(SelfPlayArguments args, Func<TorchSharp.torch.Device, AuditRolloutFlagger> createFlagger, bool verbose)
    {
        var config = args.Resolve();
        // The classifier shares the policy's device: on a GPU it scores a step's rollouts in well under a second.
        var flagger = createFlagger(AbsoluteZero.Model.Runtime.TorchRuntime.ResolveDevice(config.Model.Device));
        var run = args.Resume ? RunDirectory.Open(args.Out) : RunDirectory.Create(args.Out, config, config.Model.Path ?? "preset:tiny", Version());
        if (args.Resume) run.WriteConfig(config);
        LogSetup.AddFile(verbose, run.LogPath);
        var log = Log.ForContext("SourceContext", "selfplay");

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (stop.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
            e.Cancel = true;
            log.Warning("Ctrl-C: stopping after saving a checkpoint (press Ctrl-C again to abort without saving)");
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            using var policy = TorchPolicy.Create(config);
            await using var executor = ProgramExecutor.Create(config.Executor, log);
            log.Information("live flagger: {Source}", flagger.Source);
            var trainer = new SelfPlayTrainer(config, policy, executor, run, log, flagger);
            var outcome = await trainer.RunAsync(args.Resume, stop.Token);
            Console.Out.WriteLine($"{outcome.Status}: step {outcome.LastStep} of {config.Steps}; run directory {run.Root}");
            return outcome.Status == RunStatus.Finished ? 0 : 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Version() => typeof(SelfPlayCommand).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}

/// <summary>The parsed options of `azr selfplay`, and how they become a configuration.</summary>
internal sealed record SelfPlayArguments(string? Model, string? Preset, string? ConfigFile, IReadOnlyList<string> Sets, string Out, bool Resume,
    int? Steps, string? Device, string? Dtype)
{
    /// <summary>
    /// New run: preset (default <c>paper</c> with --model), then --config, then --set, then --model/--device/--dtype/--steps.
    /// Resume: the run's own config.json, then --set and the same flags; --model, --preset and --config are refused.
    /// </summary>
    public SelfPlayConfig Resolve()
    {
        var overrides = new List<string>(Sets);
        if (Model is not null) overrides.Add("model.path=" + Path.GetFullPath(Model));
        if (Device is not null) overrides.Add("model.device=" + Device);
        if (Dtype is not null) overrides.Add("model.dtype=" + Dtype);
        if (Steps is not null) overrides.Add($"steps={Steps}");
        if (Resume)
        {
            if (Model is not null || Preset is not null || ConfigFile is not null)
                throw new UsageException($"with --resume the configuration is the run's own ({Path.Combine(Out, "config.json")}); change it with --set or --steps, not --model/--preset/--config");
            string saved = Path.Combine(Path.GetFullPath(Out), "config.json");
            if (!File.Exists(saved)) throw new UsageException($"--resume: '{Out}' holds no run (no config.json)");
            return SelfPlayConfigLoader.Load(null, saved, overrides);
        }
        if (Model is null && Preset is null)
            throw new UsageException("give --model <HF model dir> (a pretrained base model; real runs need a GPU) or --preset tiny (a tiny random model, CPU smoke run)");
        var config = SelfPlayConfigLoader.Load(Preset ?? "paper", ConfigFile, overrides);
        if (config.Model.Path is null && Preset != "tiny")
            throw new UsageException($"preset '{Preset}' needs a model: give --model <HF model dir> (only --preset tiny runs without one, on a tiny random model)");
        if (config.Model.Path is not null && !Directory.Exists(config.Model.Path))
            throw new DirectoryNotFoundException($"--model: '{config.Model.Path}' is not a directory");
        return config;
    }
}
