using AbsoluteZero.Tasks.Randomness;

namespace AbsoluteZero.Training.SelfPlay;

/// <summary>What a derived seed is used for; part of the derivation, so phases never share a stream.</summary>
public enum SeedPhase
{
    /// <summary>Reference and program draws for proposer prompts.</summary>
    ProposerPrompts = 1,
    /// <summary>Sampling proposer rollouts.</summary>
    ProposerSampling = 2,
    /// <summary>Sampling the learnability rollouts.</summary>
    LearnabilitySampling = 3,
    /// <summary>Drawing solver batches from the buffers.</summary>
    SolverBatch = 4,
    /// <summary>Sampling solver rollouts.</summary>
    SolverSampling = 5,
    /// <summary>Choosing which rollouts go to rollouts.jsonl.</summary>
    RolloutLog = 6,
}

/// <summary>
/// Seeds for every random draw of a step, derived from (master seed, step, round, phase) alone. Nothing random is
/// carried from one step to the next, so a run resumed at step s draws exactly what an uninterrupted run draws.
/// </summary>
public static class StepSeeds
{
    /// <summary>The scheme recorded in <c>trainer_state.json</c>.</summary>
    public const string Scheme = "splitmix64(master_seed, step, round, phase)";

    /// <summary>A 63-bit seed for (step, round, phase); round is the seeding-phase round (0 in training steps).</summary>
    public static long Derive(long masterSeed, int step, int round, SeedPhase phase)
    {
        ulong x = Mix((ulong)masterSeed);
        x = Mix(x ^ (ulong)(uint)step);
        x = Mix(x ^ ((ulong)(uint)round << 20));
        x = Mix(x ^ ((ulong)phase << 40));
        return (long)(x >> 1);
    }

    /// <summary>A generator seeded with <see cref="Derive"/>.</summary>
    public static DeterministicRandom Random(long masterSeed, int step, int round, SeedPhase phase) =>
        new((ulong)Derive(masterSeed, step, round, phase));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
