using System.CommandLine;
using System.Text.Json;
using AbsoluteZero.Cli.Diagnostics;
using AbsoluteZero.Core.Configuration;
using Spectre.Console;

namespace AbsoluteZero.Cli.Commands;

/// <summary>`azr doctor`: what this machine offers (runtime, libtorch, GPU, Docker, Roslyn) and what is wrong.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var command = new Command("doctor", "Report the .NET runtime, OS and libstdc++, the loaded libtorch (path, version, CUDA, GPUs, bf16), Docker and Roslyn.")
        {
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await DoctorReport.CollectAsync(cancellationToken);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(report, ConfigLoader.JsonOptions));
            else
                Render(report);
            return report.Healthy ? 0 : 1;
        });
        return command;
    }

    private static void Render(DoctorReport r)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("result");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("azr", r.AzrVersion);
        Row(".NET runtime", r.DotnetRuntime);
        Row("OS", $"{r.Os} [{r.Architecture}]");
        Row("libstdc++", r.LibStdCxx.Path is null ? "not found" :
            $"{r.LibStdCxx.Path} (up to {r.LibStdCxx.HighestGlibcxx}; {(r.LibStdCxx.HasGlibcxx3432 ? "no TorchSharp patch needed" : "TorchSharp shim patched: GLIBCXX_3.4.32 marked weak")})");
        if (r.LibTorch.Info is { } t)
        {
            Row("libtorch", $"{t.Version} ({t.Source}, build flavour {t.Flavor})");
            Row("libtorch path", t.LibTorchCpuPath ?? "?");
            Row("TorchSharp shim", t.LibTorchSharpPath ?? "?");
            Row("CUDA", t.CudaAvailable ? $"available, {t.CudaDeviceCount} device(s)" : "not available (CPU only)");
            foreach (var g in t.Gpus)
                Row($"GPU {g.Index}", $"{g.Name}, {g.TotalBytes / (1L << 30)} GiB total, {g.FreeBytes / (1L << 30)} GiB free");
            Row("bf16", $"CPU {(t.Bf16Cpu ? "yes" : "no")}" + (t.CudaAvailable ? $", CUDA {(t.Bf16Cuda ? "yes" : "no")}" : ""));
            foreach (var note in t.Notes) Row("note", note);
        }
        else
        {
            Row("libtorch", "NOT LOADED: " + r.LibTorch.Error);
        }
        Row("Docker", r.Docker.Reachable ? $"engine {r.Docker.ServerVersion} at {r.Docker.Endpoint}" : $"unreachable: {r.Docker.Error}");
        Row("Roslyn", r.RoslynVersion);
        Row("executor sandbox", r.Sandbox);
        AnsiConsole.Write(table);
    }
}
