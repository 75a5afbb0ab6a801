namespace AbsoluteZero.Tasks.Tests;

/// <summary>Builders of model responses for the tests.</summary>
internal static class Responses
{
    public static string Wrap(string answer, string reasoning = "Let me think.") =>
        $"<think>\n{reasoning}\n</think>\n<answer>\n{answer}\n</answer>";

    public static string Block(string tag, string content) => $"```{tag}\n{content}\n```";

    public static string Triplet(string program, string input) => Wrap(Block("csharp", program) + "\n" + Block("input", input));

    public static string Induction(IEnumerable<string> inputs, string message) =>
        Wrap(string.Join("\n", inputs.Select(i => Block("input", i))) + "\n" + Block("message", message));

    public static string Output(string output) => Wrap(Block("output", output));

    public static string Input(string input) => Wrap(Block("input", input));

    public static string Program(string program) => Wrap(Block("csharp", program));
}
