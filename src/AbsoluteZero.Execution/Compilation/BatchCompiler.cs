using AbsoluteZero.Execution.Diagnostics;
using AbsoluteZero.Execution.Literals;
using AbsoluteZero.Execution.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AbsoluteZero.Execution.Compilation;

/// <summary>A program's fate after the static phase: runnable (type name set) or already judged (verdict set).</summary>
internal sealed record CompiledProgram(int Index, string? TypeName, Verdict? Verdict = null, string? Error = null);

/// <summary>A compiled batch: one assembly holding every runnable program, plus the static verdicts of the rest.</summary>
internal sealed record CompiledBatch(byte[]? Assembly, IReadOnlyList<CompiledProgram> Programs);

/// <summary>
/// The host's static phase for many programs at once: size limits, input parsing, syntax and semantic policy,
/// instrumentation, and one compilation per batch. A program that fails to compile is removed and the rest re-emitted,
/// so one bad program never costs the others their run.
/// </summary>
internal sealed class BatchCompiler(ExecutorOptions options, StageCounters stages)
{
    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Text; global using __B = AbsoluteZero.Sandbox.Runner.__B;",
        ProgramWrapper.ParseOptions);

    internal static readonly CSharpCompilationOptions CompileOptions = new(
        OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Debug, deterministic: true,
        allowUnsafe: false, concurrentBuild: false, nullableContextOptions: NullableContextOptions.Disable,
        generalDiagnosticOption: ReportDiagnostic.Default);

    private int _batchCount;

    /// <summary>Compiles <paramref name="items"/> (index, program, input) into one batch.</summary>
    public CompiledBatch Compile(IReadOnlyList<(int Index, string Program, string Input)> items)
    {
        var results = new CompiledProgram?[items.Count];
        var trees = new Dictionary<SyntaxTree, int>();
        long instrumentTicks = 0;
        long mark = CpuClock.ThreadTicks();
        stages.AddPrograms(items.Count);
        for (int k = 0; k < items.Count; k++)
        {
            var (index, program, input) = items[k];
            if (program.Length > options.MaxProgramChars)
            {
                results[k] = new(index, null, Verdict.PolicyViolation, $"rule 'size': program is {program.Length} characters; the limit is {options.MaxProgramChars}");
                continue;
            }
            if (input.Length > options.MaxInputChars)
            {
                results[k] = new(index, null, Verdict.InvalidInput, $"input is {input.Length} characters; the limit is {options.MaxInputChars}");
                continue;
            }
            if (!CSharpLiteral.TryParseArguments(input, out _, out var inputError))
            {
                results[k] = new(index, null, Verdict.InvalidInput, inputError);
                continue;
            }
            var tree = ProgramWrapper.Wrap(k, program, input);
            var members = ProgramWrapper.ProgramMembers(tree);
            var parseError = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if ((members is null || parseError is not null) && OutsideClass(program) is { } outside)
            {
                results[k] = new(index, null, Verdict.PolicyViolation, outside);
                continue;
            }
            if (members is null || parseError is not null)
            {
                results[k] = new(index, null, Verdict.CompileError, parseError is null
                    ? "the program is not a list of member declarations" : Describe(parseError));
                continue;
            }
            if (SyntaxPolicy.Check(members, ProgramWrapper.LineOffset) is { } violation)
            {
                results[k] = new(index, null, Verdict.PolicyViolation, violation.ToString());
                continue;
            }
            long before = CpuClock.ThreadTicks();
            var instrumented = options.Instrument
                ? tree.WithRootAndOptions(new Instrumenter().Visit(tree.GetRoot())!, ProgramWrapper.ParseOptions)
                : tree;
            instrumentTicks += CpuClock.ThreadTicks() - before;
            trees[instrumented] = k;
        }
        long now = CpuClock.ThreadTicks();
        stages.AddParse(now - mark - instrumentTicks);
        stages.AddInstrument(instrumentTicks);
        mark = now;

        var compilation = CSharpCompilation.Create($"batch{Interlocked.Increment(ref _batchCount)}",
            [GlobalUsings, .. trees.Keys], References.Get(), CompileOptions);
        var refused = new List<SyntaxTree>();
        foreach (var (tree, k) in trees.ToList())
        {
            var members = ProgramWrapper.ProgramMembers(tree)!;
            var policy = new SemanticPolicy(compilation.GetSemanticModel(tree), ProgramWrapper.LineOffset, sameTreeOnly: true);
            if (policy.Check(members) is { } violation)
            {
                results[k] = new(items[k].Index, null, Verdict.PolicyViolation, violation.ToString());
                trees.Remove(tree);
                refused.Add(tree);
            }
        }
        // Keeping the same compilation when nothing was refused lets emit reuse its declaration tables.
        if (refused.Count > 0) compilation = compilation.RemoveSyntaxTrees(refused);
        now = CpuClock.ThreadTicks();
        stages.AddPolicy(now - mark);
        mark = now;
        byte[]? assembly = null;
        while (trees.Count > 0)
        {
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            if (emit.Success)
            {
                assembly = stream.ToArray();
                break;
            }
            var broken = new List<SyntaxTree>();
            foreach (var group in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).GroupBy(d => d.Location.SourceTree))
            {
                if (group.Key is null || !trees.TryGetValue(group.Key, out var k))
                {
                    // An error no program owns (should not happen): fail what is left rather than loop.
                    foreach (var (tree, slot) in trees) results[slot] = new(items[slot].Index, null, Verdict.CompileError, Describe(group.First()));
                    trees.Clear();
                    break;
                }
                results[k] = Classify(items[k].Index, group.Key, group.First());
                broken.Add(group.Key);
            }
            foreach (var tree in broken) trees.Remove(tree);
            compilation = compilation.RemoveSyntaxTrees(broken);
        }
        foreach (var (_, k) in trees) results[k] = new(items[k].Index, ProgramWrapper.ClassName(k));
        stages.AddEmit(CpuClock.ThreadTicks() - mark);
        return new CompiledBatch(assembly, results.Select(r => r!).ToList());
    }

    // A program that does not fit in a class may be trying using directives or namespaces: name the rule.
    private static string? OutsideClass(string program)
    {
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)CSharpSyntaxTree.ParseText(program, ProgramWrapper.ParseOptions).GetRoot();
        return SyntaxPolicy.Check([root], 0) is { } v && v.Rule is "using-directive" or "namespace" or "interop" ? v.ToString() : null;
    }

    // Errors inside the generated entry line are about the input not fitting f, or about f itself.
    private static CompiledProgram Classify(int index, SyntaxTree tree, Diagnostic diagnostic)
    {
        var entry = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .LastOrDefault(m => m.Identifier.ValueText == ProgramWrapper.EntryMethod);
        bool inEntry = entry is not null && entry.Span.Contains(diagnostic.Location.SourceSpan);
        if (!inEntry) return new(index, null, Verdict.CompileError, Describe(diagnostic));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (diagnostic.Id == "CS0103")
            return new(index, null, Verdict.CompileError, "the program has no method named f");
        if (diagnostic.Id == "CS0029" && message.Contains("'void'", StringComparison.Ordinal))
            return new(index, null, Verdict.CompileError, "f must return a value");
        return new(index, null, Verdict.InvalidInput, $"the input does not fit f's parameters: {diagnostic.Id}: {message}");
    }

    internal static string Describe(Diagnostic diagnostic, int lineOffset = ProgramWrapper.LineOffset)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 - lineOffset;
        return $"{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (line {line})";
    }
}
