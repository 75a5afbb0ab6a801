using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AbsoluteZero.Core.Logging;

/// <summary>Serilog set-up shared by every command: console (stderr) and, for runs, a file in the run directory.</summary>
public static class LogSetup
{
    /// <summary>Console template: short, for people watching a run.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>File template: full timestamps and the source context, for later reading.</summary>
    public const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Creates the global logger. Console output goes to stderr so that commands whose stdout is data (exec, tokenize,
    /// audit flag) stay machine-readable. <paramref name="logFile"/> (optional) receives everything at Debug or above.
    /// </summary>
    public static Logger Configure(bool verbose, string? logFile = null, bool quietConsole = false)
    {
        var consoleLevel = quietConsole ? LogEventLevel.Warning : verbose ? LogEventLevel.Debug : LogEventLevel.Information;
        var config = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .Enrich.FromLogContext()
            .WriteTo.Console(restrictedToMinimumLevel: consoleLevel, outputTemplate: ConsoleTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            config = config.WriteTo.File(logFile, outputTemplate: FileTemplate, shared: true,
                flushToDiskInterval: TimeSpan.FromSeconds(2));
        }
        var logger = config.CreateLogger();
        Log.Logger = logger;
        return logger;
    }

    /// <summary>Adds a file sink to the current console configuration (e.g. once the run directory is known).</summary>
    public static Logger AddFile(bool verbose, string logFile, bool quietConsole = false)
    {
        Log.CloseAndFlush();
        return Configure(verbose, logFile, quietConsole);
    }
}
