using System.CommandLine;
using AbsoluteZero.Cli;

return await AzrApp.RunAsync(args);
