using AbsoluteZero.Audit.Semantic;

namespace AbsoluteZero.Audit.Tests.Flagging;

/// <summary>The labelled snippet files copied beside the tests (tasks/audit-labelled/ and Data/).</summary>
internal static class LabelledSnippets
{
    public static IReadOnlyList<LabelledSnippet> Load(string fileName) =>
        AbsoluteZero.Audit.Semantic.LabelledSnippets.Load(Path.Combine(AppContext.BaseDirectory, "Data", fileName));
}
