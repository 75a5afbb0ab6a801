using AbsoluteZero.Execution;
using AbsoluteZero.Tasks.Buffers;
using AbsoluteZero.Tasks.Parsing;

namespace AbsoluteZero.Tasks.Validation;

/// <summary>One parsed proposer response to validate.</summary>
/// <param name="Id">The proposal id (<c>s&lt;step&gt;-&lt;task_type&gt;-&lt;n&gt;</c>); becomes the task id.</param>
/// <param name="Type">The task type proposed.</param>
/// <param name="Parsed">The parse result (a format failure yields verdict <see cref="ProposalVerdict.FormatError"/>).</param>
public sealed record ProposalCandidate(string Id, TaskType Type, ParseResult<ProposedTask> Parsed);

/// <summary>The verdict on one proposal.</summary>
/// <param name="Id">The proposal id.</param>
/// <param name="Type">The task type.</param>
/// <param name="Verdict">Ok, duplicate, or why it is invalid.</param>
/// <param name="Reason">One-line reason for any verdict but Ok (for a duplicate: the id of the task it repeats).</param>
/// <param name="Task">For valid proposals (Ok, Duplicate): the task with its gold outputs, id = proposal id, step = the validation step.</param>
public sealed record ProposalCheck(string Id, TaskType Type, ProposalVerdict Verdict, string? Reason, CodeTask? Task)
{
    /// <summary>True for Ok and Duplicate: the task is valid and its learnability can be estimated.</summary>
    public bool IsValid => Verdict.IsValid();
}

/// <summary>
/// Validates proposals (paper §3.3.3, reference <c>PythonExecutor.check_all</c>) in this order: well-formed → within
/// <see cref="TaskLimits"/> → not a duplicate of a buffered task or of an earlier proposal in the batch → every input
/// runs through the executor (compiles, passes the policy, literal inputs, within limits, deterministic when
/// <c>determinismCheck</c>) → every output within the size limit. Valid proposals carry their gold outputs; invalid
/// ones carry the verdict and never enter a buffer (adding to the buffer is the caller's step, for Ok verdicts only).
/// Duplicates are valid tasks (they are scored for learnability like any other) but are not added again; their
/// outputs are taken from the task they repeat instead of being re-executed.
/// </summary>
public sealed class ProposalValidator(IProgramExecutor executor, TaskOptions options, bool determinismCheck = true)
{
    /// <summary>Validates a batch in one executor call; results come back in candidate order.</summary>
    public async Task<IReadOnlyList<ProposalCheck>> ValidateAsync(IReadOnlyList<ProposalCandidate> candidates, BufferSet buffers, int step,
        CancellationToken cancellationToken = default)
    {
        var checks = new ProposalCheck?[candidates.Count];
        var requests = new List<ExecutionRequest>();
        var pending = new List<(int Index, int First, int Count)>();       // candidates waiting for execution
        var firstByKey = new Dictionary<(TaskType, string), int>();          // in-batch duplicates → first occurrence
        var copies = new List<(int Index, int Of)>();

        for (int c = 0; c < candidates.Count; c++)
        {
            var (id, type, parsed) = candidates[c];
            if (!parsed.IsOk)
            {
                checks[c] = new ProposalCheck(id, type, ProposalVerdict.FormatError, parsed.Failure!.ToString(), null);
                continue;
            }
            var p = parsed.Value!;
            string? tooLong = CheckLimits(p);
            if (tooLong is not null)
            {
                checks[c] = new ProposalCheck(id, type, ProposalVerdict.TooLong, tooLong, null);
                continue;
            }
            var existing = buffers[type].FindDuplicate(p.Program, p.Inputs);
            if (existing is not null)
            {
                checks[c] = new ProposalCheck(id, type, ProposalVerdict.Duplicate, $"repeats task '{existing.Id}'", Build(id, step, p, existing.Outputs));
                continue;
            }
            var key = (type, TaskBuffer.KeyOf(p.Program, p.Inputs));
            if (firstByKey.TryGetValue(key, out int first))
            {
                copies.Add((c, first));
                continue;
            }
            firstByKey[key] = c;
            pending.Add((c, requests.Count, p.Inputs.Count));
            for (int k = 0; k < p.Inputs.Count; k++) requests.Add(new ExecutionRequest($"{id}/{k}", p.Program, p.Inputs[k]));
        }

        var results = requests.Count == 0 ? [] : await executor.ExecuteAsync(requests, determinismCheck, cancellationToken);
        if (results.Count != requests.Count)
            throw new InvalidOperationException($"the executor returned {results.Count} results for {requests.Count} requests");

        foreach (var (index, firstRequest, count) in pending)
        {
            var (id, type, parsed) = candidates[index];
            checks[index] = Judge(id, type, parsed.Value!, step, results.Skip(firstRequest).Take(count).ToList());
        }
        foreach (var (index, of) in copies)
        {
            var (id, type, parsed) = candidates[index];
            var original = checks[of]!;
            checks[index] = original.IsValid
                ? new ProposalCheck(id, type, ProposalVerdict.Duplicate, $"repeats proposal '{original.Id}'", Build(id, step, parsed.Value!, original.Task!.Outputs))
                : original with { Id = id, Reason = $"{original.Reason} (same task as proposal '{original.Id}')" };
        }
        return checks!;
    }

    private ProposalCheck Judge(string id, TaskType type, ProposedTask p, int step, IReadOnlyList<ExecutionResult> results)
    {
        var outputs = new List<string>(results.Count);
        for (int k = 0; k < results.Count; k++)
        {
            var r = results[k];
            string where = results.Count > 1 ? $"input {k + 1}: " : "";
            if (r.Status != Verdict.Ok)
                return new ProposalCheck(id, type, ProposalVerdicts.FromExecutor(r.Status), where + (r.Error ?? r.Status.ToString()), null);
            if (r.Output is null)
                return new ProposalCheck(id, type, ProposalVerdict.Crash, where + "the executor reported success but no output", null);
            if (r.Output.Length > options.Limits.MaxOutputChars)
                return new ProposalCheck(id, type, ProposalVerdict.TooLong,
                    $"{where}output has {r.Output.Length} characters (limit {options.Limits.MaxOutputChars})", null);
            outputs.Add(r.Output);
        }
        return new ProposalCheck(id, type, ProposalVerdict.Ok, null, Build(id, step, p, outputs));
    }

    private string? CheckLimits(ProposedTask p)
    {
        var l = options.Limits;
        if (p.Program.Length > l.MaxProgramChars) return $"program has {p.Program.Length} characters (limit {l.MaxProgramChars})";
        for (int k = 0; k < p.Inputs.Count; k++)
            if (p.Inputs[k].Length > l.MaxInputChars)
                return $"input {k + 1} has {p.Inputs[k].Length} characters (limit {l.MaxInputChars})";
        if (p.Message is not null && p.Message.Length > l.MaxMessageChars)
            return $"message has {p.Message.Length} characters (limit {l.MaxMessageChars})";
        return null;
    }

    private static CodeTask Build(string id, int step, ProposedTask p, IReadOnlyList<string> outputs) => new()
    {
        Id = id, Step = step, Program = p.Program, Inputs = p.Inputs, Outputs = outputs, Message = p.Message,
    };
}
