using AbsoluteZero.Evaluation.Math;

namespace AbsoluteZero.Evaluation.Metrics;

/// <summary>Majority voting over extracted answers (maj@k): equal answers (by <see cref="AnswerChecker"/>) form one class.</summary>
public static class MajorityVote
{
    /// <summary>
    /// The answer given most often among <paramref name="answers"/> (nulls, i.e. no answer, do not vote); ties go to
    /// the class seen first. Null when no answer was extracted at all.
    /// </summary>
    public static string? Winner(IEnumerable<string?> answers)
    {
        var classes = new List<(string Representative, int Votes)>();
        foreach (var a in answers)
        {
            if (string.IsNullOrWhiteSpace(a)) continue;
            int i = classes.FindIndex(c => c.Representative == a || AnswerChecker.AreEqual(a, c.Representative));
            if (i < 0) classes.Add((a, 1));
            else classes[i] = (classes[i].Representative, classes[i].Votes + 1);
        }
        if (classes.Count == 0) return null;
        int best = 0;
        for (int i = 1; i < classes.Count; i++)
            if (classes[i].Votes > classes[best].Votes) best = i;
        return classes[best].Representative;
    }
}
