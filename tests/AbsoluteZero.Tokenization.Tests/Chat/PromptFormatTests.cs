using AbsoluteZero.Tokenization.Chat;
using AbsoluteZero.Tokenization.Tests.Reference;
using AbsoluteZero.Tokenization.Training;

namespace AbsoluteZero.Tokenization.Tests.Chat;

public class PromptFormatTests
{
    // Written in the style of Qwen2.5's template (default system prompt, tools branch) for the detection and rendering tests.
    private const string Qwen25StyleTemplate =
        "{%- if tools %}\n    {{- '<|im_start|>system\\n' }}\n    {%- if messages[0]['role'] == 'system' %}\n        {{- messages[0]['content'] }}\n" +
        "    {%- else %}\n        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}\n    {%- endif %}\n" +
        "    {{- \"\\n\\n# Tools\" }}\n{%- else %}\n    {%- if messages[0]['role'] == 'system' %}\n" +
        "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n    {%- else %}\n" +
        "        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}\n" +
        "    {%- endif %}\n{%- endif %}\n{%- for message in messages %}\n" +
        "    {%- if (message.role == \"user\") or (message.role == \"system\" and not loop.first) or (message.role == \"assistant\") %}\n" +
        "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n    {%- endif %}\n{%- endfor %}\n" +
        "{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n{%- endif %}\n";

    private static readonly ChatMessage[][] Conversations =
    [
        [ChatMessage.User("What is 2+2?")],
        [ChatMessage.System("You solve C# puzzles."), ChatMessage.User("f(x) = x + 1; f(3)?")],
        [ChatMessage.User("hi"), ChatMessage.Assistant("<think>\ngreeting\n</think>\n\nHello!"), ChatMessage.User("and now?")],
        [ChatMessage.System("S"), ChatMessage.User("q1"), ChatMessage.Assistant("<think>r1</think>a1"), ChatMessage.User("q2"), ChatMessage.Assistant("<think>\n\nr2\n\n</think>\n\n\na2")],
        [ChatMessage.User("q"), ChatMessage.Assistant("plain answer without thinking")],
        [ChatMessage.User("multi\nline\r\n  text  "), ChatMessage.System("late system"), ChatMessage.User("<think>in user</think>")],
    ];

    [Fact]
    public void DetectsTheTemplateFamily()
    {
        Assert.IsType<PlainFormatter>(PromptFormat.Create(PromptFormatKind.Auto, null));
        var qwen25 = Assert.IsType<ChatMlFormatter>(PromptFormat.Create(PromptFormatKind.Auto, Qwen25StyleTemplate));
        Assert.Equal("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.", qwen25.DefaultSystemPrompt);
        Assert.Equal(ThinkingStyle.None, qwen25.Thinking);
        var tiny = Assert.IsType<ChatMlFormatter>(PromptFormat.For(HfTokenizer.LoadEmbeddedTiny()));
        Assert.Null(tiny.DefaultSystemPrompt);
        Assert.IsType<PlainFormatter>(PromptFormat.Create(PromptFormatKind.Plain, Qwen25StyleTemplate));

        const string llama3 = "{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] + '<|eot_id|>' }}{% endfor %}";
        var e = Assert.Throws<NotSupportedException>(() => PromptFormat.Create(PromptFormatKind.Auto, llama3));
        Assert.Contains("plain", e.Message);
        Assert.IsType<ChatMlFormatter>(PromptFormat.Create(PromptFormatKind.ChatMl, llama3));
    }

    [Fact]
    public void PlainJoinsContentsWithNewlines()
    {
        var text = PlainFormatter.Instance.Render([ChatMessage.System("A"), ChatMessage.User("B")], addGenerationPrompt: true);
        Assert.Equal("A\nB", text);
        Assert.Throws<ArgumentException>(() => PlainFormatter.Instance.Render([], true));
    }

    [Fact]
    public void ChatMlGoldenText()
    {
        var text = new ChatMlFormatter().Render([ChatMessage.System("S"), ChatMessage.User("U")], addGenerationPrompt: true);
        Assert.Equal("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n", text);
        var tiny = HfTokenizer.LoadEmbeddedTiny();
        var ids = tiny.Encode(text);
        Assert.Equal(tiny.GetAddedTokenId("<|im_start|>"), ids[0]);
        Assert.Equal(3, ids.Count(id => id == tiny.GetAddedTokenId("<|im_start|>")));
        Assert.Equal(2, ids.Count(id => id == tiny.GetAddedTokenId("<|im_end|>")));
    }

    [ReferenceFact]
    public void RendersLikeJinjaForQwen3Qwen25AndPlainChatMl()
    {
        var templates = new List<(string Name, string Template)>
        {
            ("qwen3", ReferenceAssets.Qwen.ChatTemplate!),
            ("qwen2.5-style", Qwen25StyleTemplate),
            ("chatml", HfTokenizerWriter.ChatMlTemplate),
        };
        var cases = new List<(string Name, string Template, ChatMessage[] Messages, bool Generation, bool? Thinking)>();
        foreach (var (name, template) in templates)
            foreach (var conversation in Conversations)
                foreach (var generation in new[] { false, true })
                {
                    cases.Add((name, template, conversation, generation, null));
                    if (name == "qwen3" && generation) cases.Add((name, template, conversation, generation, false));
                }
        var request = new
        {
            chat = cases.Select(c => new
            {
                template = c.Template,
                messages = c.Messages.Select(m => new { role = m.RoleName, content = m.Content }).ToArray(),
                add_generation_prompt = c.Generation,
                enable_thinking = c.Thinking,
            }).ToList(),
        };
        var reference = ReferenceAssets.Run(request).GetProperty("chat");
        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var formatter = PromptFormat.Create(PromptFormatKind.Auto, c.Template, enableThinking: c.Thinking ?? true);
            Assert.True(reference[i].GetString() == formatter.Render(c.Messages, c.Generation),
                $"case {i} ({c.Name}, generation={c.Generation}, thinking={c.Thinking}):\njinja: {reference[i].GetString()}\nours:  {formatter.Render(c.Messages, c.Generation)}");
        }
    }
}
