using AbsoluteZero.Model.Runtime;
using AbsoluteZero.Tasks;
using AbsoluteZero.Training.Algorithms;
using AbsoluteZero.Training.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AbsoluteZero.Training.Tests;

/// <summary>
/// One real update of a tiny model through the algorithm functions: token log-probs with autograd → Task-Relative
/// REINFORCE++ advantages → PPO/entropy objective → AdamW. Positive-advantage sequences must become likelier.
/// </summary>
public class UpdateTests
{
    public UpdateTests() => TorchRuntime.Initialize();

    private sealed class TinyBigram : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding embed;
        private readonly Linear head;

        public TinyBigram(int vocab, int dim) : base(nameof(TinyBigram))
        {
            embed = nn.Embedding(vocab, dim);
            head = nn.Linear(dim, vocab);
            RegisterComponents();
        }

        public override Tensor forward(Tensor ids) => head.forward(embed.forward(ids));   // [B, T] → [B, T, V]
    }

    [Fact]
    public void OneUpdateRaisesTheLogProbabilityOfPositiveAdvantageTokensAndChangesParameters()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        var model = new TinyBigram(32, 16);
        // Four responses over disjoint tokens (so their bigrams do not interact), the last one padded after 3 tokens.
        var seqs = tensor(new long[,] { { 0, 1, 2, 3, 4 }, { 5, 6, 7, 8, 9 }, { 10, 11, 12, 13, 14 }, { 15, 16, 17, 18, 18 } });
        var inputs = seqs[.., ..^1];
        var targets = seqs[.., 1..];
        var mask = tensor(new float[,] { { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, { 1, 1, 1, 0 } });

        Tensor TokenLogProbs(out Tensor entropy)
        {
            var logits = model.forward(inputs);                                   // [B, T, V]
            var logProbs = nn.functional.log_softmax(logits, -1);
            entropy = -(logProbs.exp() * logProbs).sum(-1);                       // [B, T]
            return logProbs.gather(-1, targets.unsqueeze(-1)).squeeze(-1);        // [B, T]
        }

        var oldLogp = TokenLogProbs(out _).detach();
        // Solver rewards: correct, wrong, correct, malformed; groups: deduction.solve ×2, induction.solve ×2.
        var rewards = tensor(new[] { 1.0, -0.5, 1.0, -1.0 });
        int[] groups = [new TaskGroup(TaskType.Deduction, Role.Solve).Index, new TaskGroup(TaskType.Deduction, Role.Solve).Index,
                        new TaskGroup(TaskType.Induction, Role.Solve).Index, new TaskGroup(TaskType.Induction, Role.Solve).Index];
        var advantages = AdvantageEstimators.TaskRelativeReinforcePlusPlus(rewards, mask, groups);
        var sign = advantages.sum(1).sign().data<float>().ToArray();
        Assert.Equal([1f, -1f, 1f, -1f], sign);

        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-2, weight_decay: 0.01);
        optimizer.zero_grad();
        var logp = TokenLogProbs(out var entropy);
        using (var terms = PolicyObjective.Compute(logp, oldLogp, advantages, mask, entropy, null, new AlgorithmOptions()))
        {
            Assert.Equal(0.0, terms.ClipFraction.item<float>());                // first epoch: ratio 1
            terms.Loss.backward();
        }
        nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();

        var after = TokenLogProbs(out _).detach();
        var change = ((after - oldLogp) * mask).sum(1).data<float>().ToArray();   // summed log-prob change per sequence
        Assert.True(change[0] > 0 && change[2] > 0, $"positive-advantage sequences should gain log-probability: {string.Join(", ", change)}");
        Assert.True(change[1] < 0 && change[3] < 0, $"negative-advantage sequences should lose log-probability: {string.Join(", ", change)}");
        Assert.Contains(model.parameters().Zip(before), pair => !pair.First.detach().allclose(pair.Second));
    }
}
