using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AbsoluteZero.Tasks.Prompts;

/// <summary>
/// The nine prompt templates (built-in copies of <c>tasks/templates/*.txt</c>, each overridable by a file of the same
/// name in a configured directory), checked at load time against the placeholders each template may and must use.
/// </summary>
public sealed class TemplateSet
{
    /// <summary>Template names and their allowed / required placeholders.</summary>
    public static IReadOnlyDictionary<string, (string[] Allowed, string[] Required)> Specs { get; } =
        new Dictionary<string, (string[], string[])>
        {
            ["wrapper"] = (["prompt"], ["prompt"]),
            ["propose_deduction"] = (["references", "reference_count"], ["references"]),
            ["propose_abduction"] = (["references", "reference_count"], ["references"]),
            ["propose_induction"] = (["program", "input_count"], ["program", "input_count"]),
            ["solve_deduction"] = (["program", "input"], ["program", "input"]),
            ["solve_abduction"] = (["program", "output"], ["program", "output"]),
            ["solve_induction"] = (["pairs", "pair_count", "message"], ["pairs", "message"]),
            ["reference"] = (["index", "program", "input", "output"], ["program", "input", "output"]),
            ["induction_pair"] = (["index", "input", "output"], ["input", "output"]),
        };

    private readonly Dictionary<string, Template> _templates;

    private TemplateSet(Dictionary<string, Template> templates, string fingerprint)
    {
        _templates = templates;
        Fingerprint = fingerprint;
    }

    /// <summary>The template called <paramref name="name"/> (one of <see cref="Specs"/>' keys).</summary>
    public Template this[string name] =>
        _templates.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"no template named '{name}'");

    /// <summary>
    /// First 16 hex digits of a SHA-256 over every template's name and text: log it with a run so the exact prompts
    /// can be identified later.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>Where each template came from (<c>built-in</c> or a file path).</summary>
    public IReadOnlyDictionary<string, string> Sources => _templates.ToDictionary(kv => kv.Key, kv => kv.Value.Source);

    /// <summary>
    /// Loads the built-in templates, overridden by the <c>*.txt</c> files of <paramref name="overrideDirectory"/> when
    /// given. A <c>.txt</c> file there whose name is not a template, a missing directory, or a template error raises
    /// <see cref="InvalidDataException"/> / <see cref="DirectoryNotFoundException"/> naming the file.
    /// </summary>
    public static TemplateSet Load(string? overrideDirectory = null)
    {
        var texts = new SortedDictionary<string, (string Text, string Source)>(StringComparer.Ordinal);
        foreach (var name in Specs.Keys) texts[name] = (ReadBuiltIn(name), "built-in:" + name + ".txt");
        if (overrideDirectory is not null)
        {
            if (!Directory.Exists(overrideDirectory))
                throw new DirectoryNotFoundException($"templates directory '{overrideDirectory}' does not exist");
            foreach (var file in Directory.EnumerateFiles(overrideDirectory, "*.txt").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (!Specs.ContainsKey(name))
                    throw new InvalidDataException($"{file}: not a template name; expected one of {string.Join(", ", Specs.Keys.Select(k => k + ".txt"))}");
                texts[name] = (File.ReadAllText(file), file);
            }
        }
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, (text, source)) in texts)
        {
            var (allowed, required) = Specs[name];
            templates[name] = Template.Parse(name, source, text, allowed, required);
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\0" + text.Replace("\r\n", "\n") + "\0"));
        }
        return new TemplateSet(templates, Convert.ToHexStringLower(sha.GetHashAndReset())[..16]);
    }

    internal static string ReadBuiltIn(string name)
    {
        var assembly = typeof(TemplateSet).Assembly;
        string resource = "AbsoluteZero.Tasks.templates." + name + ".txt";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"built-in template '{resource}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
