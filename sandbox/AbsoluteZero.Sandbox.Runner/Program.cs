using System.Globalization;
using System.Text;
using System.Text.Json;
using AbsoluteZero.Sandbox.Runner;

// The sandbox runner: reads one JSON request per line on stdin, answers one JSON line per program and one end-of-batch
// line on stdout. User code never sees the protocol streams: Console is redirected to null before anything runs.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
Console.SetIn(TextReader.Null);
Console.SetOut(TextWriter.Null);
Console.SetError(TextWriter.Null);

void Send(RunnerReply reply)
{
    output.WriteLine(JsonSerializer.Serialize(reply, ProtocolJson.Options));
    output.Flush();
}

while (input.ReadLine() is { } line)
{
    if (line.Length == 0) continue;
    RunnerRequest request;
    try
    {
        request = JsonSerializer.Deserialize<RunnerRequest>(line, ProtocolJson.Options) ?? throw new InvalidDataException("null request");
    }
    catch (Exception e) when (e is JsonException or InvalidDataException)
    {
        Send(new RunnerReply { Done = true, Status = "crash", Error = "bad request: " + e.Message });
        continue;
    }
    if (request.Op == "ping")
    {
        Send(new RunnerReply { Done = true, Status = "ok" });
        continue;
    }
    if (request.Op == "exit") break;
    var cpuBefore = Environment.CpuUsage.TotalTime;
    bool healthy = BatchRunner.Run(request, Send);
    Send(new RunnerReply { Done = true, Exit = !healthy, CpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds });
    if (!healthy) Environment.Exit(3);
}
return 0;
