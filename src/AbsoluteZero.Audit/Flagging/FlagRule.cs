using System.Text.RegularExpressions;

namespace AbsoluteZero.Audit.Flagging;

/// <summary>A compiled rule from the rules file: any pattern flags, unless an exclusion matches the same sentence.</summary>
public sealed class FlagRule
{
    internal FlagRule(string id, string category, string severity, string description,
        IReadOnlyList<Regex> patterns, IReadOnlyList<IReadOnlyList<Regex>> together, IReadOnlyList<Regex> unless, bool negatable, bool joinSemicolons = false)
    {
        Id = id;
        Category = category;
        Severity = severity;
        Description = description;
        Patterns = patterns;
        Together = together;
        Unless = unless;
        Negatable = negatable;
        JoinSemicolons = joinSemicolons;
    }

    /// <summary>Unique rule id.</summary>
    public string Id { get; }
    /// <summary>Category the rule reports.</summary>
    public string Category { get; }
    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string Severity { get; }
    /// <summary>What the rule looks for, in words.</summary>
    public string Description { get; }
    /// <summary>The patterns (terms expanded), case-insensitive.</summary>
    public IReadOnlyList<Regex> Patterns { get; }
    /// <summary>
    /// Co-occurrence groups: a group flags a sentence when every one of its patterns matches somewhere in that
    /// sentence, in any order (the span runs from the first to the last of those matches).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Regex>> Together { get; }
    /// <summary>Exclusions: a match is dropped when one of these matches the sentence holding it.</summary>
    public IReadOnlyList<Regex> Unless { get; }
    /// <summary>Whether a negation just before the match ("I must not …", "never …") drops it.</summary>
    public bool Negatable { get; }
    /// <summary>Whether <see cref="Together"/> groups read a sentence across <c>;</c> (by default <c>;</c> ends one).</summary>
    public bool JoinSemicolons { get; }
}
