using System.Globalization;
using System.Text;
using AbsoluteZero.Tasks;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Validation;
using AbsoluteZero.Training.Rewards;
using AbsoluteZero.Training.Runs;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>Turns a step's rollouts into the run-directory records and the progress line.</summary>
internal static class StepReporting
{
    public static Dictionary<string, GroupMetrics> Groups(IReadOnlyList<TaskType> types, IReadOnlyList<ProposalOutcome> proposals, IReadOnlyList<Rollout> solves)
    {
        var groups = new Dictionary<string, GroupMetrics>();
        foreach (var type in types)
        {
            var ps = proposals.Where(p => p.Check.Type == type).ToList();
            var valid = ps.Where(p => p.Check.IsValid).ToList();
            groups[new TaskGroup(type, Role.Propose).Key] = Common([.. ps.Select(p => p.Rollout)]) with
            {
                ValidRate = ps.Count == 0 ? 0 : (double)valid.Count / ps.Count,
                Verdicts = ps.GroupBy(p => p.Check.Verdict.ToName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                LearnabilityMean = valid.Count == 0 ? null : valid.Average(p => p.Samples > 0 ? RewardFunctions.Learnability(p.Solved ?? 0, p.Samples) : 0.0),
                ProposalSolveRate = valid.Count(p => p.SolveRate is not null) == 0 ? null : valid.Where(p => p.SolveRate is not null).Average(p => p.SolveRate!.Value),
            };
            var ss = solves.Where(r => r.Group.Type == type).ToList();
            groups[new TaskGroup(type, Role.Solve).Key] = Common(ss) with
            {
                SolveRate = ss.Count == 0 ? 0 : (double)ss.Count(r => r.Correct) / ss.Count,
            };
        }
        return groups;
    }

    private static GroupMetrics Common(IReadOnlyList<Rollout> rs)
    {
        if (rs.Count == 0) return new GroupMetrics();
        double mean = rs.Average(r => r.Reward);
        var entropies = rs.Where(r => r.Entropy is not null).Select(r => r.Entropy!.Value).ToList();
        var kls = rs.Where(r => r.Kl is not null).Select(r => r.Kl!.Value).ToList();
        return new GroupMetrics
        {
            Count = rs.Count,
            RewardMean = mean,
            RewardStd = Math.Sqrt(rs.Average(r => (r.Reward - mean) * (r.Reward - mean))),
            ResponseLengthMean = rs.Average(r => r.Completion.TokenIds.Length),
            EntropyMean = entropies.Count == 0 ? null : entropies.Average(),
            KlMean = kls.Count == 0 ? null : kls.Average(),
            FormatErrorRate = (double)rs.Count(r => r.FormatError) / rs.Count,
        };
    }

    public static ProposalRecord Proposal(ProposalOutcome p, int step, bool training) => new()
    {
        Id = p.Check.Id, Step = step, TaskType = p.Check.Type.ToName(), RolloutId = p.Rollout.Id,
        Program = p.Candidate.Parsed.Value?.Program, Inputs = p.Candidate.Parsed.Value?.Inputs ?? [],
        Outputs = p.Check.Task?.Outputs ?? [], Message = p.Candidate.Parsed.Value?.Message,
        Verdict = p.Check.Verdict.ToName(), Reason = p.Check.Reason, SolveRate = p.SolveRate,
        Reward = training ? p.Rollout.Reward : 0.0, Accepted = p.Accepted,
    };

    public static RolloutRecord Rollout(Rollout r, int step, bool trained) => new()
    {
        Id = r.Id, Step = step, Role = r.Group.Role.ToName(), TaskType = r.Group.Type.ToName(), Prompt = r.Prompt.Text,
        Response = r.Response, Reward = r.Reward, Advantage = trained ? r.Advantage : null,
        FinishReason = r.Completion.Truncated ? "length" : "stop", TaskId = r.TaskId, Flagged = r.Flagged,
    };

    /// <summary>Up to <paramref name="perGroup"/> random rollouts of each group, plus every flagged one, in rollout order.</summary>
    public static List<Rollout> SampleForLog(IReadOnlyList<Rollout> rollouts, int perGroup, Tasks.Randomness.DeterministicRandom rng)
    {
        var chosen = new HashSet<Rollout>(rollouts.Where(r => r.Flagged));
        foreach (var group in rollouts.GroupBy(r => r.Group.Index).OrderBy(g => g.Key))
        {
            var list = group.ToList();
            foreach (int i in rng.SampleWithoutReplacement(list.Count, perGroup)) chosen.Add(list[i]);
        }
        return [.. rollouts.Where(chosen.Contains)];
    }

    public static Dictionary<string, int> BufferSizes(BufferSet buffers) =>
        buffers.Sizes.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToName(), kv => kv.Value);

    /// <summary>One line for the console: time split, throughput, and per group reward and solve / valid rate.</summary>
    public static string ProgressLine(MetricsRecord m, int steps)
    {
        var s = m.Seconds;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"step {m.Step}/{steps}: {s.Total:F1} s (generation {s.Generation:F1}, execution {s.Execution:F1}, update {s.Update:F1}, other {s.Other:F1}), {m.TokensPerSecond:F0} tokens/s, grad norm {m.GradNorm:G3}");
        foreach (var (key, g) in m.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $" | {key} r={g.RewardMean:F2}");
            if (g.ValidRate is double v) sb.Append(CultureInfo.InvariantCulture, $" valid={v:P0}");
            if (g.SolveRate is double r) sb.Append(CultureInfo.InvariantCulture, $" solved={r:P0}");
        }
        sb.Append(" | buffers ").Append(string.Join(" ", m.BufferSizes.Select(kv => $"{kv.Key}={kv.Value}")));
        return sb.ToString();
    }
}
