using AbsoluteZero.Execution;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Grading;
using AbsoluteZero.Tasks.Prompts;
using AbsoluteZero.Tasks.Validation;
using AbsoluteZero.Training.Config;
using AbsoluteZero.Training.Policy;
using Serilog;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>What the phases of a self-play step share.</summary>
internal sealed class SelfPlayContext
{
    public SelfPlayContext(SelfPlayConfig config, IPolicy policy, IProgramExecutor executor, BufferSet buffers, ILogger log)
    {
        Config = config;
        Policy = policy;
        Buffers = buffers;
        Log = log;
        Sampler = new RolloutSampler(policy, config.Rollout);
        Prompts = new PromptBuilder(TemplateSet.Load(config.Tasks.TemplatesDir), config.Tasks);
        Validator = new ProposalValidator(executor, config.Tasks, config.Tasks.DeterminismCheck);
        Grader = new SolutionGrader(executor, config.Tasks);
    }

    public SelfPlayConfig Config { get; }
    public IPolicy Policy { get; }
    public BufferSet Buffers { get; set; }
    public ILogger Log { get; }
    public RolloutSampler Sampler { get; }
    public PromptBuilder Prompts { get; }
    public ProposalValidator Validator { get; }
    public SolutionGrader Grader { get; }

    /// <summary>How often a prompt over the token limit is redrawn (other references or program) before it is skipped.</summary>
    public const int PromptRedraws = 8;
}
