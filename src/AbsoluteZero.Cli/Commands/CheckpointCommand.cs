using System.CommandLine;
using System.Text.Json;
using AbsoluteZero.Model.Checkpoints;
using AbsoluteZero.Model.Runtime;
using TorchSharp;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr checkpoint inspect|resave`: Hugging Face model directories without running the model. <c>inspect</c> prints
/// what the loader sees (config, parameter count, stored dtypes, files) after checking names and shapes; <c>resave</c>
/// reads a directory and writes it back through our writer (optionally converting the dtype or resharding), which is
/// how the GPU parity script checks that transformers reloads what we write.
/// </summary>
public static class CheckpointCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var command = new Command("checkpoint", "Inspect or rewrite a Hugging Face model directory (config.json + safetensors).");
        command.Subcommands.Add(Inspect());
        command.Subcommands.Add(Resave());
        return command;
    }

    private static Option<string> ModelOption() => new("--model") { Description = "The Hugging Face model directory.", Required = true };

    private static Command Inspect()
    {
        var model = ModelOption();
        var command = new Command("inspect", "Check a model directory's weights against its config.json and print a JSON summary.") { model };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            using var files = HfCheckpoint.Open(parse.GetValue(model)!);
            var dtypes = files.Weights.Names.GroupBy(n => files.Weights.Entry(n).Dtype).ToDictionary(g => g.Key, g => g.Count());
            var summary = new
            {
                directory = files.Directory,
                architecture = files.Config.HfArchitectureName,
                layers = files.Config.NumLayers,
                hidden_size = files.Config.HiddenSize,
                vocab_size = files.Config.VocabSize,
                tied_embeddings = files.Config.TieWordEmbeddings,
                parameters = HfParameterShapes.Count(files.Config),
                tensors = files.Weights.Names.Count,
                dtypes,
                files = Directory.EnumerateFiles(files.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray(),
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }

    private static Command Resave()
    {
        var model = ModelOption();
        var output = new Option<string>("--out") { Description = "The directory to write (replaced atomically when it exists).", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "Stored dtype: keep, float32, bfloat16 or float16.", DefaultValueFactory = _ => "keep" };
        var shard = new Option<long>("--max-shard-bytes") { Description = "Shard above this many bytes.", DefaultValueFactory = _ => new HfSaveOptions().MaxShardBytes };
        var command = new Command("resave", "Read a model directory and write it back with our safetensors writer (tokenizer files copied).")
        {
            model, output, dtype, shard,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var type = ParseDtype(parse.GetValue(dtype)!);
            string source = parse.GetValue(model)!;
            using var files = HfCheckpoint.Open(source);
            using var scope = torch.NewDisposeScope();
            var weights = files.Parameters.Select(p => (p.Name, files.Weights.Load(p.Name))).ToList();
            HfCheckpoint.Save(parse.GetValue(output)!, files.Config, weights, new HfSaveOptions
            {
                Dtype = type,
                MaxShardBytes = parse.GetValue(shard),
                ExtraFiles = HfCheckpoint.TokenizerFiles(source),
            });
            Console.Error.WriteLine($"azr: wrote {Path.GetFullPath(parse.GetValue(output)!)} ({weights.Count} tensors)");
            return 0;
        });
        return command;
    }

    private static torch.ScalarType? ParseDtype(string name) => name switch
    {
        "keep" => null,
        "float32" or "fp32" => torch.ScalarType.Float32,
        "bfloat16" or "bf16" => torch.ScalarType.BFloat16,
        "float16" or "fp16" => torch.ScalarType.Float16,
        _ => throw new UsageException($"--dtype '{name}' is not one of keep, float32, bfloat16, float16"),
    };
}
