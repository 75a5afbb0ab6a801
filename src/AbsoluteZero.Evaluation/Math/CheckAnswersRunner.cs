using System.Text.Json;

namespace AbsoluteZero.Evaluation.Math;

/// <summary>
/// The <c>azr eval --check-answers</c> contract: reads JSON Lines of <c>{"id", "prediction", "reference"}</c> and
/// writes one line per pair, <c>{"id", "equal", "normalized_prediction", "normalized_reference"}</c>, in input order.
/// A prediction holding <c>\boxed{…}</c> is graded on the last box's content.
/// </summary>
public static class CheckAnswersRunner
{
    /// <summary>Checks every pair of <paramref name="input"/> (named <paramref name="source"/> in errors); returns the number of pairs.</summary>
    /// <exception cref="InvalidDataException">A line is not an object with string (or number) fields id, prediction, reference; the message names source and line.</exception>
    public static int Run(TextReader input, TextWriter output, string source)
    {
        int lineNo = 0, count = 0;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(line);
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{source}:{lineNo}: not valid JSON: {e.Message}", e);
            }
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{source}:{lineNo}: expected a JSON object");
            if (!root.TryGetProperty("id", out var id)) throw new InvalidDataException($"{source}:{lineNo}: missing field \"id\"");
            var check = AnswerChecker.Check(Text(root, "prediction", source, lineNo), Text(root, "reference", source, lineNo));
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WritePropertyName("id");
                id.WriteTo(w);
                w.WriteBoolean("equal", check.Equal);
                w.WriteString("normalized_prediction", check.NormalizedPrediction);
                w.WriteString("normalized_reference", check.NormalizedReference);
                w.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            count++;
        }
        return count;
    }

    private static string Text(JsonElement root, string field, string source, int line)
    {
        if (!root.TryGetProperty(field, out var v)) throw new InvalidDataException($"{source}:{line}: missing field \"{field}\"");
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null => "",
            _ => throw new InvalidDataException($"{source}:{line}: field \"{field}\" is {v.ValueKind}, expected a string"),
        };
    }
}
