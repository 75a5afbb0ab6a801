namespace AbsoluteZero.Evaluation.Running;

/// <summary>What <see cref="EvalRunner"/> does.</summary>
public sealed record EvalSettings
{
    /// <summary>Strategies to run, each with its own results file.</summary>
    public IReadOnlyList<SearchStrategy> Strategies { get; init; } = [SearchStrategy.Greedy];
    /// <summary>Samples per problem for sample / best-of-n / majority.</summary>
    public int Samples { get; init; } = 1;
    /// <summary>Temperature of the sampling strategies (greedy and revise's first round use 0 unless <see cref="ReviseTemperature"/> is set).</summary>
    public double Temperature { get; init; } = 0.6;
    /// <summary>Temperature of the revise strategy.</summary>
    public double ReviseTemperature { get; init; }
    /// <summary>Nucleus mass.</summary>
    public double TopP { get; init; } = 0.95;
    /// <summary>Revision rounds after the first attempt.</summary>
    public int Rounds { get; init; } = 2;
    /// <summary>Tokens per completion at most.</summary>
    public int MaxNewTokens { get; init; } = 1024;
    /// <summary>Problems per generate call.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Master seed (each problem's seed derives from it and the problem's position).</summary>
    public long Seed { get; init; }
}
