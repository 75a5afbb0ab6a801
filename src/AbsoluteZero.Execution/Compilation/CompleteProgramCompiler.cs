using AbsoluteZero.Execution.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AbsoluteZero.Execution.Compilation;

/// <summary>A compiled complete program: its assembly and entry point, or a static verdict.</summary>
internal sealed record CompiledMain(byte[]? Assembly, string? TypeName, string? Method, Verdict? Verdict, string? Error);

/// <summary>
/// Compiles one complete program (model source with Main, plus trusted harness sources) into its own assembly. The
/// model source goes through the same policy and instrumentation as <c>f</c> programs, except that plain using
/// directives, namespaces and references to the harness's types are allowed; trusted sources are exempt.
/// </summary>
internal static class CompleteProgramCompiler
{
    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Text; global using __B = AbsoluteZero.Sandbox.Runner.__B;",
        ProgramWrapper.ParseOptions);

    private static readonly CSharpCompilationOptions Options = BatchCompiler.CompileOptions.WithOutputKind(OutputKind.ConsoleApplication);

    public static CompiledMain Compile(CompleteProgramRequest request, ExecutorOptions options, int serial)
    {
        if (request.Source.Length > options.MaxProgramChars * 4)
            return Fail(Verdict.PolicyViolation, $"rule 'size': program is {request.Source.Length} characters; the limit is {options.MaxProgramChars * 4}");
        var tree = CSharpSyntaxTree.ParseText(request.Source, ProgramWrapper.ParseOptions);
        var root = tree.GetRoot();
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } parseError)
            return Fail(Verdict.CompileError, BatchCompiler.Describe(parseError, 0));
        if (SyntaxPolicy.Check([root], 0, allowUsings: true) is { } violation)
            return Fail(Verdict.PolicyViolation, violation.ToString());
        var model = options.Instrument ? tree.WithRootAndOptions(new Instrumenter().Visit(root)!, ProgramWrapper.ParseOptions) : tree;
        var trusted = (request.TrustedSources ?? []).Select(s => CSharpSyntaxTree.ParseText(s, ProgramWrapper.ParseOptions)).ToList();
        var compilation = CSharpCompilation.Create($"main{serial}", [GlobalUsings, model, .. trusted], References.Get(), Options);
        var policy = new SemanticPolicy(compilation.GetSemanticModel(model), 0, sameTreeOnly: false);
        if (policy.Check([model.GetRoot()]) is { } semantic)
            return Fail(Verdict.PolicyViolation, semantic.ToString());
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            var error = emit.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            var where = error.Location.SourceTree == model ? "" : " (in trusted harness code)";
            return Fail(Verdict.CompileError, BatchCompiler.Describe(error, 0) + where);
        }
        var entry = compilation.GetEntryPoint(CancellationToken.None);
        if (entry is null) return Fail(Verdict.CompileError, "the program has no Main method");
        if (entry.ReturnType.SpecialType is not (SpecialType.System_Void or SpecialType.System_Int32))
            return Fail(Verdict.CompileError, "Main must return void or int");
        return new CompiledMain(stream.ToArray(), MetadataName(entry.ContainingType), entry.MetadataName, null, null);
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace?.IsGlobalNamespace == false ? type.ContainingNamespace.ToDisplayString() + "." : "";
        return ns + name;
    }

    private static CompiledMain Fail(Verdict verdict, string error) => new(null, null, null, verdict, error);
}
