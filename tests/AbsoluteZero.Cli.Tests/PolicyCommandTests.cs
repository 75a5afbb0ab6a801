namespace AbsoluteZero.Cli.Tests;

[Collection("console")]
public class PolicyCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = await AzrApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public async Task BenchGeneratePrintsRatesAndARatio()
    {
        var (code, output, err) = await Run("bench", "generate", "--shape", "tiny", "--device", "cpu", "--batch", "2", "--prompt-len", "4", "--new-tokens", "4", "--baseline-tokens", "2");
        Assert.True(code == 0, err);
        Assert.Contains("ms/step", output);
        Assert.Contains("x baseline", output);
    }

    [Fact]
    public async Task BenchTrainStepPrintsRatesAndARatio()
    {
        var (code, output, err) = await Run("bench", "train-step", "--shape", "tiny", "--device", "cpu", "--batch", "1", "--seq-len", "8", "--steps", "1");
        Assert.True(code == 0, err);
        Assert.Contains("tokens/s", output);
        Assert.Contains("x baseline", output);
    }

    [Fact]
    public async Task BadBenchOptionsAreUsageErrors()
    {
        var (code, _, err) = await Run("bench", "generate", "--shape", "huge", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("unknown model shape 'huge'", err);
        (code, _, err) = await Run("bench", "train-step", "--dtype", "fp8", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--dtype", err);
    }
}
