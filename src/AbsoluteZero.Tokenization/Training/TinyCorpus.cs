using System.Text;
using AbsoluteZero.Tokenization.Loading;

namespace AbsoluteZero.Tokenization.Training;

/// <summary>
/// The training text of the embedded tiny tokenizer: three hand-written files (C# programs, the Absolute Zero
/// prompt vocabulary with &lt;think&gt;/&lt;answer&gt; and ```csharp blocks, English instructions) plus C# snippets
/// and task texts generated from templates with a fixed-seed generator. No benchmark data. Deterministic.
/// </summary>
public static class TinyCorpus
{
    /// <summary>Total ids of the tiny tokenizer (bytes + merges + special tokens).</summary>
    public const int VocabSize = 4096;

    /// <summary>Context length written into tokenizer_config.json.</summary>
    public const int ModelMaxLength = 8192;

    /// <summary>The special tokens, in id order after the learned vocabulary (the first is EOS and PAD).</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];

    /// <summary>The trainer options of the tiny tokenizer.</summary>
    public static BpeTrainerOptions Options { get; } = new(VocabSize, SpecialTokens);

    private static readonly string[] Files = ["csharp.txt", "prompts.txt", "english.txt", "sentences.txt"];

    /// <summary>The training texts, in a fixed order.</summary>
    public static IReadOnlyList<string> Texts()
    {
        var texts = Files.Select(f => Encoding.UTF8.GetString(ReadResource(f))).ToList();
        var words = Encoding.UTF8.GetString(ReadResource("words.txt")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var rng = new SplitMix(20250505);
        for (int i = 0; i < 2500; i++) texts.Add(Snippet(rng, words));
        for (int i = 0; i < 600; i++) texts.Add(Task(rng, words));
        for (int i = 0; i < 1500; i++) texts.Add(Prose(rng, words));
        return texts;
    }

    /// <summary>Trains the tiny tokenizer and returns its tokenizer.json and tokenizer_config.json bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> BuildFiles()
    {
        var bpe = BpeTrainer.Train(Texts(), Options);
        return new Dictionary<string, byte[]>
        {
            [TokenizerFiles.TokenizerJson] = Encoding.UTF8.GetBytes(HfTokenizerWriter.TokenizerJson(bpe)),
            [TokenizerFiles.TokenizerConfigJson] = Encoding.UTF8.GetBytes(HfTokenizerWriter.TokenizerConfigJson(bpe, ModelMaxLength)),
        };
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = typeof(TinyCorpus).Assembly.GetManifestResourceStream("AbsoluteZero.Tokenization.TinyCorpus." + name)
            ?? throw new InvalidOperationException($"embedded corpus file {name} is missing from AbsoluteZero.Tokenization");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static readonly string[] Names = ["f", "g", "h", "Solve", "Compute", "Transform", "Count", "Sum", "Apply", "Step", "Mix", "Scan", "Fold", "Pick", "Shift"];
    private static readonly string[] Vars = ["x", "y", "n", "k", "i", "j", "a", "b", "s", "t", "value", "count", "total", "index", "result", "acc", "left", "right", "text", "items", "word", "key"];
    private static readonly string[] Ops = ["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"];
    private static readonly string[] Cmp = ["<", "<=", ">", ">=", "==", "!="];
    private static readonly string[] StringCalls = ["ToUpper()", "ToLower()", "Trim()", "Length", "Replace(\"a\", \"b\")", "Substring(1)", "IndexOf('e')", "Contains(\"ab\")", "Split(' ')", "ToCharArray()"];
    private static readonly string[] LinqCalls = ["Where(v => v > 0)", "Select(v => v * 2)", "OrderBy(v => v)", "Distinct()", "Reverse()", "Take(3)", "Skip(1)", "Sum()", "Count()", "Max()", "Min()", "Any(v => v % 2 == 0)", "All(v => v != 0)", "ToList()", "ToArray()", "First()", "Last()"];
    private static readonly string[] Words = ["apple", "banana", "cherry", "hello", "world", "abc", "zebra", "code", "data", "loop", "tree", "graph", "node", "level", "radar", "python", "sharp", "noon", "kayak", "stack"];
    private static readonly string[] Sentences =
    [
        "Let me trace the loop step by step.", "The variable starts at zero.", "After the first iteration the value is", "The condition is false, so the loop stops.",
        "So the function returns", "Checking the input again, the answer is", "The string has", "characters.", "Each element is doubled.", "The list is sorted first.",
        "I need an input that makes the output equal to", "Working backwards from the output,", "The rule that fits every example is", "This matches all the pairs.",
    ];

    // Sentences of random vocabulary words: every word is seen with and without a leading space, capitalised or not.
    private static string Prose(SplitMix r, string[] words)
    {
        var sb = new StringBuilder();
        for (int sentence = r.Next(1, 4); sentence > 0; sentence--)
        {
            int n = r.Next(5, 15);
            for (int i = 0; i < n; i++)
            {
                var w = r.Pick(words);
                if (i == 0) w = char.ToUpperInvariant(w[0]) + w[1..];
                sb.Append(w).Append(i == n - 1 ? r.Pick(Endings) : r.Next(0, 12) == 0 ? ", " : " ");
            }
            sb.Append(r.Next(0, 3) == 0 ? "\n" : " ");
        }
        return sb.ToString();
    }

    private static readonly string[] Endings = [".", ".", ".", "?", "!", ":", ";"];

    // camelCase / PascalCase identifiers made of two vocabulary words, as C# code uses them.
    private static string Identifier(SplitMix r, string[] words, bool pascal)
    {
        string a = r.Pick(words), b = r.Pick(words);
        if (pascal) a = char.ToUpperInvariant(a[0]) + a[1..];
        return a + char.ToUpperInvariant(b[0]) + b[1..];
    }

    private static string Snippet(SplitMix r, string[] words)
    {
        string name = r.Next(0, 2) == 0 ? r.Pick(Names) : Identifier(r, words, pascal: true);
        string v = r.Next(0, 2) == 0 ? r.Pick(Vars) : Identifier(r, words, pascal: false);
        string w = r.Next(0, 2) == 0 ? r.Pick(Vars) : Identifier(r, words, pascal: false);
        int k = r.Next(0, 100), m = r.Next(1, 20);
        return r.Next(0, 10) switch
        {
            0 => $"public static int {name}(int {v}) => {v} {r.Pick(Ops)} {k};\n",
            1 => $"int {name}(int {v}, int {w})\n{{\n    return {v} {r.Pick(Ops)} {w} {r.Pick(Ops)} {k};\n}}\n",
            2 => $"public static int {name}(int {v})\n{{\n    int {w} = {k};\n    for (int i = 0; i < {v}; i++)\n    {{\n        {w} += i {r.Pick(Ops)} {m};\n    }}\n    return {w};\n}}\n",
            3 => $"static string {name}(string {v}) => {v}.{r.Pick(StringCalls)}.ToString();\n",
            4 => $"var {v} = new List<int> {{ {k}, {m}, {r.Next(0, 1000)}, {r.Next(-50, 50)} }};\nvar {w} = {v}.{r.Pick(LinqCalls)};\nConsole.WriteLine({w});\n",
            5 => $"if ({v} {r.Pick(Cmp)} {k})\n{{\n    {w} = {v} {r.Pick(Ops)} {m};\n}}\nelse\n{{\n    {w} = {k} - {v};\n}}\n",
            6 => $"public static bool {name}(int[] {v}) => {v}.Length {r.Pick(Cmp)} {m} && {v}[0] {r.Pick(Cmp)} {k};\n",
            7 => $"string {v} = \"{r.Pick(Words)}\";\nint {w} = 0;\nforeach (char c in {v})\n{{\n    if (c {r.Pick(Cmp)} '{(char)('a' + r.Next(0, 26))}') {w}++;\n}}\nreturn {w};\n",
            8 => $"var map = new Dictionary<string, int>();\nmap[\"{r.Pick(Words)}\"] = {k};\nmap[\"{r.Pick(Words)}\"] = {m};\nreturn map.Values.Sum();\n",
            _ => $"public static int {name}(int {v}) => {v} switch\n{{\n    0 => {k},\n    1 => {m},\n    _ => {name}({v} - 1) {r.Pick(Ops)} {name}({v} - 2),\n}};\n",
        };
    }

    private static string Task(SplitMix r, string[] words)
    {
        var sb = new StringBuilder();
        sb.Append("```csharp\n").Append(Snippet(r, words)).Append("```\n");
        sb.Append("```input\n").Append(r.Next(0, 2) == 0 ? r.Next(-100, 1000).ToString() : $"\"{r.Pick(Words)}\"").Append("\n```\n");
        sb.Append("<think>\n");
        for (int i = r.Next(2, 6); i > 0; i--) sb.Append(r.Pick(Sentences)).Append(' ').Append(r.Next(0, 500)).Append(".\n");
        sb.Append("</think>\n<answer>").Append(r.Next(0, 3) == 0 ? $"\"{r.Pick(Words)}\"" : r.Next(-20, 2000).ToString()).Append("</answer>\n");
        return sb.ToString();
    }

    /// <summary>A tiny fixed PRNG (SplitMix64) so the corpus never depends on System.Random's implementation.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int min, int max)
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return min + (int)(z % (ulong)(max - min));
        }

        public string Pick(string[] items) => items[Next(0, items.Length)];
    }
}
