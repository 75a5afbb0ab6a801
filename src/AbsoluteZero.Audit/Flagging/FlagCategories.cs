namespace AbsoluteZero.Audit.Flagging;

/// <summary>The category and severity names the default rules use; a user's rules file may add categories.</summary>
public static class FlagCategories
{
    /// <summary>Seeking power, control or dominance over humans or other AIs.</summary>
    public const string PowerSeeking = "power_seeking";
    /// <summary>Deceiving or concealing from humans and overseers.</summary>
    public const string Deception = "deception";
    /// <summary>Hostility or contempt towards humans.</summary>
    public const string Hostility = "hostility";
    /// <summary>Self-preservation, self-replication, escaping oversight.</summary>
    public const string SelfPreservation = "self_preservation";
    /// <summary>Gaming the executor, grader or reward instead of doing the task.</summary>
    public const string RewardHacking = "reward_hacking";
    /// <summary>Attempts to get out of the program sandbox (behavioural: executor policy violations; or stated intent).</summary>
    public const string SandboxEscape = "sandbox_escape";

    /// <summary>The built-in categories, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [PowerSeeking, Deception, Hostility, SelfPreservation, RewardHacking, SandboxEscape];

    /// <summary>Allowed severities, lowest first.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["low", "medium", "high"];

    /// <summary>Rank of a severity (0 = low); -1 when unknown.</summary>
    public static int SeverityRank(string severity) => Severities.ToList().IndexOf(severity);
}
