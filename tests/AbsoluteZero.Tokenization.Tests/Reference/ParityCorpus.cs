namespace AbsoluteZero.Tokenization.Tests.Reference;

/// <summary>
/// Texts for tokenizer parity: code in several languages, C# programs, math/LaTeX, CJK, emoji, odd whitespace,
/// digits, special and added tokens inside text, and Unicode that needs NFC. Written for these tests.
/// Where JavaScript's <c>\s</c> differs from Unicode White_Space (which HF's Oniguruma and .NET use) the JS reference
/// itself differs from HF: U+FEFF is in JS <c>\s</c> but not White_Space, and U+0085 (NEL) the other way round. U+FEFF
/// is left out; U+0085 appears only where no space precedes it (the two agree there).
/// </summary>
internal static class ParityCorpus
{
    public static IReadOnlyList<string> Texts { get; } =
    [
        "",
        " ",
        "\n",
        "\n\n\n",
        "Hello, world!",
        "Hello world. How are you doing today? I'm fine, thanks; you're kind. We'll see, they'd said, it's OK.",
        "DON'T SHOUT. I'LL WAIT. IT'S FINE. WE'VE GOT TIME. THEY'RE HERE. HE'D KNOW. I'M SURE.",
        "quote'sthing o'clock rock'n'roll 'tis ''double'' single' 's",
        // C#
        """
        using System;
        using System.Linq;

        public static class Program
        {
            public static int F(int x) => x + 1;

            public static void Main(string[] args)
            {
                var xs = Enumerable.Range(0, 10).Select(i => i * i).Where(i => i % 2 == 0).ToList();
                Console.WriteLine($"sum = {xs.Sum()}, max = {xs.Max():N2}");
                if (args.Length > 0 && args[0] != "--help") { throw new ArgumentException(nameof(args)); }
            }
        }
        """,
        "int f(int x) => x + 1;\nstring Reverse(string s) => new string(s.Reverse().ToArray());\n",
        "record Point(double X, double Y) { public double Norm => Math.Sqrt(X * X + Y * Y); }",
        "var d = new Dictionary<string, List<int>>(); d[\"a\"] ??= []; d[\"a\"].Add(42); // comment\n/* block */ #region R\n#endregion",
        "```csharp\npublic static int Solve(int[] a) { int s = 0; foreach (var v in a) s ^= v; return s; }\n```",
        "async Task<int> GetAsync(CancellationToken ct = default) { await Task.Delay(10, ct); return checked(int.MaxValue - 1); }",
        "x <<= 2; y >>>= 3; z = a?.b ?? c!; w = (x & 0xFF) | (y ^ 0b1010_1010); u = ~x; t = @\"C:\\path\\file.txt\";",
        // Python
        "def fib(n: int) -> int:\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\nprint([fib(i) for i in range(20)])\n",
        "class Foo:\n\tdef __init__(self):\n\t\tself.x = {'k': [1, 2, 3], \"v\": None}\n\n\n\n    # mixed tabs and spaces\n",
        // JavaScript / TypeScript
        "const add = (a, b) => a + b;\nexport default function main() { return [1,2,3].map(x => x ** 2).reduce((s, v) => s + v, 0); }",
        "interface User { id: number; name?: string }\nlet u: User = { id: 1 };\nconsole.log(`user ${u.id} is ${u.name ?? 'anonymous'}`);",
        // Rust, Go, C, SQL, shell, HTML
        "fn main() {\n    let v: Vec<u64> = (1..=10).map(|x| x * x).collect();\n    println!(\"{:?}\", v);\n}\n",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 3)\n\tgo func() { ch <- 42 }()\n\tfmt.Println(<-ch)\n}\n",
        "#include <stdio.h>\nint main(void) { for (int i = 0; i < 10; ++i) printf(\"%d\\n\", i); return 0; }\n",
        "SELECT u.id, COUNT(*) AS n FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.created_at >= '2024-01-01' GROUP BY u.id HAVING n > 5;",
        "#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.txt; do echo \"$f: $(wc -l < \"$f\")\"; done 2>&1 | tee log\n",
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head>\n<body><div class=\"a b\">&nbsp;&lt;x&gt;</div></body></html>",
        "{\"key\": [1, 2.5e-3, -7, true, null], \"nested\": {\"a\": \"b\\n\"}}",
        // Math and LaTeX
        "Let $f(x) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x-\\mu)^2}{2\\sigma^2}}$. Then $\\int_{-\\infty}^{\\infty} f(x)\\,dx = 1$.",
        "\\begin{align}\n  a^2 + b^2 &= c^2 \\\\\n  \\sum_{k=1}^{n} k &= \\frac{n(n+1)}{2}\n\\end{align}\n\\boxed{42}",
        "∀ε>0 ∃δ>0: |x−a|<δ ⇒ |f(x)−f(a)|<ε; ∑ᵢ xᵢ² ≤ (∑ᵢ |xᵢ|)²; ∞ ≠ ℵ₀; √2 ≈ 1.41421356; π ∈ ℝ∖ℚ",
        "Solve 3x + 7 = 22 ⇒ x = 5. Compute 123456789 × 987654321 = 121932631112635269. Also 0.000001, 1e10, -3.14, 1,000,000.",
        // Digits
        "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679",
        "phone: +1 (555) 010-9999, zip 90210, year 2024, v1.2.3-rc.4, 0x7FFFFFFF, 1_000_000, ١٢٣ ۴۵۶ १२३",
        // CJK, Korean, Japanese and other scripts
        "你好，世界！我们今天学习分词器。这是一个测试：中文标点符号、数字123和English混合。",
        "日本語のテキストです。ひらがな、カタカナ、漢字が混ざっています。東京は晴れ。",
        "한국어 문장입니다. 토크나이저가 잘 작동하나요? 감사합니다!",
        "Привет, мир! Ελληνικά γράμματα. עברית כאן. مرحبا بالعالم. नमस्ते दुनिया। สวัสดีชาวโลก",
        "Tiếng Việt có nhiều dấu: ắ ằ ẳ ẵ ặ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ.",
        // Emoji (ZWJ sequences, skin tones, flags, keycaps) and astral letters next to letters
        "😀😃😄 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸🇯🇵 1️⃣ #️⃣ ❤️ ✨🚀",
        "😀abc abc😀 a😀b 😀😀😀x x😀 \"😀\" (😀) 😀\n😀",
        "𝑥𝑦 + 𝑧 = 𝟏𝟐𝟑; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 a𝑥b 𝐀𝐁𝐂123 𐍈𐌰𐌽 𒀀𒀁 🄰🄱",
        // Whitespace: CRLF, tabs, trailing spaces, runs, unusual spaces and separators
        "line one\r\nline two\r\n\r\nline four  \r\n\ttabbed\t\tline\t\r\n",
        "trailing spaces   \nmore trailing\t \t\n   leading spaces\n\n\n\n    \n        indented\n",
        "a  b   c    d     e      f\t\tg\n \n  \n   \nend   ",
        "no-break\u00A0space, ideographic\u3000space, em\u2003space, thin\u2009space, line\u2028sep, para\u2029sep, nel\u0085x",
        "vertical\u000Btab form\u000Cfeed bell\u0007 escape\u001B[31mred\u001B[0m null\u0000byte del\u007F",
        "zero\u200Bwidth joiner\u200Dnon\u200Cjoiner soft\u00ADhyphen rtl\u200Fmark",
        new string(' ', 40) + "x" + new string('\t', 9) + "y" + new string('\n', 7),
        "========================================================== ---------------------------- ############",
        // Special and added tokens inside text
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
        "text<|endoftext|>more text<|endoftext|><|endoftext|>",
        "<|im_start|><|im_end|><|im_start|> <|im_end|>\n<|im_start|",
        "<|im_start partial <|im_end| broken |im_end|> <|notatoken|> < |im_start| >",
        "<|fim_prefix|>def f():<|fim_suffix|>\n    return 1<|fim_middle|>",
        "<think>\nThe user wants the output of f(3). f adds one, so 4.\n</think>\n<answer>4</answer>",
        "A conversation between User and Assistant. The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, respectively, i.e., <think> reasoning process here </think> <answer> answer here </answer>. User: compute f(2)\nAssistant: <think>",
        "<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n</tool_call><tool_response>ok</tool_response>",
        "x<think>y</think>z <answer>  spaced  </answer>\n\n<think></think>",
        // Unicode needing NFC (decomposed input), including next to added tokens
        "cafe\u0301 re\u0301sume\u0301 A\u030Angstro\u0308m nai\u0308ve",
        "\u1100\u1161\u11A8\u1102\u1165 jamo",
        "s\u0307\u0323 q\u0307\u0323 e\u0301\u0302 \u2126 \u212B \u0958",
        "<think>\u0301 combining after an added token",
        "decomposed <|im_end|>e\u0301",
        // Lone surrogate (becomes U+FFFD in UTF-8; the JS reference does the same)
        "bad \uD800 surrogate",
        // Mixed, longer prose
        """
        Absolute Zero trains a single model to propose tasks and to solve them. The proposer writes a program, an input,
        and expects the executor to run it; the solver must predict the output (deduction), recover the input (abduction),
        or write the program from examples (induction). Rewards: learnability for the proposer, accuracy for the solver.
        """,
    ];
}
