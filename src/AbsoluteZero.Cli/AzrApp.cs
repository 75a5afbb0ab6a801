using System.CommandLine;
using AbsoluteZero.Cli.Commands;
using AbsoluteZero.Core.Configuration;
using AbsoluteZero.Core.Logging;
using Serilog;

namespace AbsoluteZero.Cli;

/// <summary>Builds the `azr` command tree and runs it with uniform error handling.</summary>
public static class AzrApp
{
    /// <summary>--verbose, available on every command.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail to the console.",
        Recursive = true,
    };

    /// <summary>The root command with every sub-command registered.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("AbsoluteZero: zero-data self-play reasoning (propose, validate, solve, learn) for Hugging Face models, in .NET.");
        root.Options.Add(Verbose);
        foreach (var command in CommandRegistry.All())
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs; known user errors print one clear line and exit 2, never a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        LogSetup.Configure(verbose);
        try
        {
            var parse = Build().Parse(args);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (UserError.IsUserError(e))
        {
            Console.Error.WriteLine($"azr: error: {e.Message}");
            if (verbose) Console.Error.WriteLine(e);
            return 2;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}

/// <summary>Which exceptions are the user's input problems (reported in one line) rather than bugs.</summary>
public static class UserError
{
    public static bool IsUserError(Exception e) => e is ConfigException or UsageException or FileNotFoundException
        or DirectoryNotFoundException or InvalidDataException or AbsoluteZero.Model.Runtime.TorchLoadException;
}

/// <summary>A command-line usage problem with a message meant for the user.</summary>
public sealed class UsageException(string message) : Exception(message);
