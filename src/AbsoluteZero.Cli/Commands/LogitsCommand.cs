using System.CommandLine;
using System.Text.Json;
using AbsoluteZero.Cli.Commands.Policy;
using AbsoluteZero.Model;
using AbsoluteZero.Model.Safetensors;
using AbsoluteZero.Rollout;
using static TorchSharp.torch;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr logits`: the logits of given token ids (and optionally greedy continuations) written to a safetensors file,
/// for parity checks against <c>transformers</c> (scripts/gpu/parity.py).
/// </summary>
public static class LogitsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A Hugging Face model directory.", Required = true };
        var ids = new Option<FileInfo>("--ids") { Description = "JSON file {\"input_ids\": [[...], ...]} (rows of equal length).", Required = true };
        var output = new Option<string>("--out") { Description = "Output safetensors: \"logits\" F32 [B, T, V], and \"greedy_ids\" I64 [B, N] with --greedy.", Required = true };
        var greedy = new Option<int>("--greedy") { Description = "Also generate N greedy tokens after the ids (EOS not special).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "fp32/float32, bf16/bfloat16 or auto.", DefaultValueFactory = _ => "auto" };
        var command = new Command("logits", "Write a model's logits (and greedy continuations) for given ids to a safetensors file.")
            { model, ids, output, greedy, device, dtype };
        command.SetAction((parse, ct) =>
        {
            var dev = PolicyModels.ParseDevice(parse.GetValue(device)!);
            var type = PolicyModels.ParseDtype(parse.GetValue(dtype)!, dev);
            int n = parse.GetValue(greedy);
            if (n < 0) throw new UsageException($"--greedy must be ≥ 0, got {n}");
            var rows = ReadIds(parse.GetValue(ids)!);
            using var lm = CausalLM.Load(parse.GetValue(model)!, type, dev);
            Run(lm, rows, n, parse.GetValue(output)!, ct);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Run(CausalLM lm, int[][] rows, int greedy, string outPath, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var flat = rows.SelectMany(r => r.Select(x => (long)x)).ToArray();
        var input = tensor(flat, [rows.Length, rows[0].Length], device: lm.Device);
        var logits = lm.Forward(input).to_type(ScalarType.Float32).cpu();
        var tensors = new List<(string, Tensor)> { ("logits", logits) };
        if (greedy > 0)
        {
            var result = new RolloutEngine(lm).Generate(new GenerationRequest(rows, new GenerationOptions { MaxNewTokens = greedy, Temperature = 0 }), ct);
            var greedyIds = result.Completions.SelectMany(c => c.TokenIds.Select(x => (long)x)).ToArray();
            tensors.Add(("greedy_ids", tensor(greedyIds, [rows.Length, greedy])));
        }
        SafetensorsFile.Write(outPath, tensors);
        Console.Error.WriteLine($"wrote logits [{string.Join(", ", logits.shape)}]{(greedy > 0 ? $" and greedy_ids [{rows.Length}, {greedy}]" : "")} to {outPath}");
    }

    private static int[][] ReadIds(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"--ids file not found: {file.FullName}", file.FullName);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
            if (!doc.RootElement.TryGetProperty("input_ids", out var array) || array.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{file.FullName}: expected an object with an \"input_ids\" array of id arrays");
            var rows = array.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
            if (rows.Length == 0 || rows[0].Length == 0 || rows.Any(r => r.Length != rows[0].Length))
                throw new InvalidDataException($"{file.FullName}: \"input_ids\" must hold non-empty rows of equal length");
            return rows;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{file.FullName}: not a valid ids file: {e.Message}");
        }
    }
}
