using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AbsoluteZero.Tokenization;
using AbsoluteZero.Tokenization.Embedded;
using AbsoluteZero.Tokenization.Loading;
using AbsoluteZero.Tokenization.Training;

namespace AbsoluteZero.Cli.Commands;

/// <summary>
/// `azr tokenize`: encodes a JSON array of strings with a model's tokenizer and prints a JSON array of id arrays (no
/// special tokens added; special-token text inside the strings becomes those tokens). With --bench, measures encode
/// throughput instead.
/// </summary>
public static class TokenizeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = $"A Hugging Face model or tokenizer directory (tokenizer.json, tokenizer_config.json), or '{EmbeddedTokenizer.Origin}' for the built-in tiny tokenizer.",
            Required = true,
        };
        var json = new Option<FileInfo?>("--json") { Description = "A file holding a JSON array of strings to encode." };
        var bench = new Option<bool>("--bench") { Description = "Measure encode throughput (MB/s) on the --json strings, or on the built-in tiny corpus, instead of printing ids." };
        var seconds = new Option<double>("--seconds") { Description = "With --bench: how long to time each mode.", DefaultValueFactory = _ => 3.0 };
        var command = new Command("tokenize", "Encode strings with a model's tokenizer: prints a JSON array of id arrays.") { tokenizer, json, bench, seconds };
        command.SetAction((parse, cancellationToken) =>
        {
            var source = parse.GetValue(tokenizer)!;
            var file = parse.GetValue(json);
            if (parse.GetValue(bench))
            {
                Benchmark(source, file is null ? null : ReadStrings(file), parse.GetValue(seconds), cancellationToken);
                return Task.FromResult(0);
            }
            if (file is null) throw new UsageException("--json <file> is required (or use --bench)");
            var texts = ReadStrings(file);
            var tok = Load(source, cacheCapacity: null);
            var ids = tok.EncodeBatch(texts);
            Console.Out.WriteLine(JsonSerializer.Serialize(ids));
            return Task.FromResult(0);
        });
        return command;
    }

    private static HfTokenizer Load(string source, int? cacheCapacity)
    {
        var files = source == EmbeddedTokenizer.Origin ? EmbeddedTokenizer.Files() : TokenizerFiles.ReadDirectory(source);
        return cacheCapacity is { } c ? HfTokenizer.FromFiles(files, c) : HfTokenizer.FromFiles(files);
    }

    private static List<string> ReadStrings(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"--json file not found: {file.FullName}", file.FullName);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file.FullName}: not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{file.FullName}: expected a JSON array of strings, found {doc.RootElement.ValueKind}");
            var texts = new List<string>();
            int i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{file.FullName}: element [{i}] is {e.ValueKind}, expected a string");
                texts.Add(e.GetString()!);
                i++;
            }
            return texts;
        }
    }

    // Three modes on the same text in one process: the piece cache off (baseline), a cold cache (first pass of a
    // fresh tokenizer), a warm cache (steady state, as in RL where prompts repeat), plus parallel batch encoding.
    private static void Benchmark(string source, List<string>? texts, double seconds, CancellationToken ct)
    {
        var loadWatch = Stopwatch.StartNew();
        var warm = Load(source, cacheCapacity: null);
        var loadSeconds = loadWatch.Elapsed.TotalSeconds;
        texts ??= [.. TinyCorpus.Texts()];
        long bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        long tokens = texts.Sum(t => (long)warm.Encode(t).Length);
        Console.Out.WriteLine($"tokenizer {warm.Origin}: loaded in {loadSeconds:F2} s; corpus {texts.Count} strings, {bytes / 1e6:F2} MB UTF-8, {tokens} tokens ({(double)bytes / tokens:F2} bytes/token)");

        var fresh = Load(source, cacheCapacity: null);
        var coldWatch = Stopwatch.StartNew();
        foreach (var t in texts) fresh.Encode(t);
        double cold = bytes / coldWatch.Elapsed.TotalSeconds / 1e6;

        var uncached = Load(source, cacheCapacity: 0);
        double baseline = Rate(() => { foreach (var t in texts) uncached.Encode(t); }, bytes, seconds, ct);
        double warmRate = Rate(() => { foreach (var t in texts) warm.Encode(t); }, bytes, seconds, ct);
        double batch = Rate(() => warm.EncodeBatch(texts), bytes, seconds, ct);

        Console.Out.WriteLine($"  no piece cache (baseline): {baseline,8:F2} MB/s");
        Console.Out.WriteLine($"  cold cache, first pass:    {cold,8:F2} MB/s");
        Console.Out.WriteLine($"  warm cache, one thread:    {warmRate,8:F2} MB/s   ({warmRate / baseline:F2}x baseline)");
        Console.Out.WriteLine($"  warm cache, EncodeBatch:   {batch,8:F2} MB/s   ({batch / baseline:F2}x baseline, {Environment.ProcessorCount} cores)");
    }

    private static double Rate(Action pass, long bytes, double seconds, CancellationToken ct)
    {
        pass(); // warm-up
        int passes = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            ct.ThrowIfCancellationRequested();
            pass();
            passes++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);
        return bytes * (double)passes / watch.Elapsed.TotalSeconds / 1e6;
    }
}
