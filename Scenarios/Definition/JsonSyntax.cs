using System.Text.Json;
using System.Text.RegularExpressions;

namespace GossipSim.Scenarios.Definition;

/// <summary>A JSON syntax error in plain words: where (line, column) and what is wrong, with the likely slip.</summary>
public static partial class JsonSyntax
{
    /// <summary>The error as a person reads it, or null when <paramref name="ex"/> is not a syntax error (a wrong value, an unknown
    /// field).</summary>
    public static string? Plain(JsonException ex)
    {
        string message = ex.Message;
        string? what =
            Match(StartOfName(), message) is { } c1
                ? $"expected a field name in double quotes, found {c1} (an extra comma, or a name without quotes?)"
            : Match(AfterValue(), message) is { } c2 ? $"expected a comma or the end of the object or list, found {c2} (a missing comma?)"
            : Match(StartOfValue(), message) is { } c3
                ? $"expected a value (a number, \"text\" in double quotes, true, false, a [list] or an {{object}}), found {c3}"
            : Match(AfterName(), message) is { } c4 ? $"expected ':' after the field name, found {c4}"
            : message.Contains("Expected depth to be zero", StringComparison.Ordinal)
            || message.Contains("reached end of data", StringComparison.Ordinal)
                ? "the file ends before every { and [ is closed"
            : message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
                ? "the file is empty (a scenario is a JSON object: { ... })"
            : message.Contains("expected end of string", StringComparison.OrdinalIgnoreCase)
            || message.Contains("end of string", StringComparison.OrdinalIgnoreCase)
                ? "a text value is not closed with a double quote"
            : message.Contains("invalid escapable character", StringComparison.OrdinalIgnoreCase)
                ? "a backslash in a text value starts no valid escape (write \\\\ for one backslash)"
            : message.Contains("'}' is invalid without a matching open", StringComparison.Ordinal)
            || message.Contains("']' is invalid without a matching open", StringComparison.Ordinal)
                ? "a closing } or ] has no opening one"
            : null;
        if (what == null) return null;
        string where = ex.LineNumber is long line
            ? $"line {line + 1}{(ex.BytePositionInLine is long col ? $", column {col + 1}" : "")}"
            : "";
        return $"{where}: not valid JSON: {what}";
    }

    private static string? Match(Regex regex, string message)
    {
        var m = regex.Match(message);
        if (!m.Success) return null;
        string c = m.Groups[1].Value;
        return c.Length == 0 ? "nothing" : $"'{c}'";
    }

    [GeneratedRegex(@"^'(.*?)' is an invalid start of a property name")]
    private static partial Regex StartOfName();

    [GeneratedRegex(@"^'(.*?)' is invalid after a value")]
    private static partial Regex AfterValue();

    [GeneratedRegex(@"^'(.*?)' is an invalid start of a value")]
    private static partial Regex StartOfValue();

    [GeneratedRegex(@"^'(.*?)' is invalid after a property name")]
    private static partial Regex AfterName();
}
