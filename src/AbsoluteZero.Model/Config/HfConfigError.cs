namespace AbsoluteZero.Model.Config;

/// <summary>Builds the errors for a <c>config.json</c> that cannot be used: each names the file and the key.</summary>
internal static class HfConfigError
{
    public static InvalidDataException At(string file, string key, string problem) =>
        new($"{file}: '{key}': {problem}");
}
