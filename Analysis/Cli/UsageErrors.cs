using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// Command-line mistakes in plain words, for every System.CommandLine tool of GossipSim
/// (Analysis and Scenarios): the option, what it takes and what it means, never the .NET type
/// the library would name. Exit code <see cref="ExitCodes.BadInput"/>.
/// </summary>
public static class UsageErrors
{
    /// <summary>Runs the parsed command, or reports its usage errors (help asked for wins over errors).</summary>
    public static int Invoke(ParseResult parse, TextWriter stderr, InvocationConfiguration? configuration = null)
    {
        if (parse.Errors.Count == 0 || parse.Action is HelpAction) return parse.Invoke(configuration);
        if (CommandNeeded(parse) is { } lines)
            foreach (var line in lines) stderr.WriteLine(line);
        else
            foreach (var line in parse.Errors.Select(Plain).Distinct()) stderr.WriteLine("error: " + line);
        stderr.WriteLine("(--help lists every command and option)");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// A command that only groups others, given none or a word that is none of them: which word, and
    /// the commands it takes, one a line (the library would say "Required command was not provided."
    /// first, then that the word is unrecognized). Null for any other mistake.
    /// </summary>
    public static IReadOnlyList<string>? CommandNeeded(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        if (subcommands.Count == 0 || command.Action != null) return null;
        string? word = parse.UnmatchedTokens.FirstOrDefault();
        if (word != null && word.StartsWith('-')) return null; // an unknown option: the library's own line names it
        bool root = command is RootCommand;
        var lines = new List<string>
        {
            (word, root) switch
            {
                (null, true) => "error: a command is needed; the commands:",
                (null, false) => $"error: {command.Name} needs a command; its commands:",
                (_, true) => $"error: unknown command '{word}'; the commands:",
                _ => $"error: unknown {command.Name} command '{word}'; its commands:",
            },
        };
        int width = subcommands.Max(c => c.Name.Length) + 2;
        foreach (var c in subcommands) lines.Add($"  {c.Name.PadRight(width)}{FirstClause(c.Description)}");
        return lines;
    }

    /// <summary>A description's opening, up to its first colon or full stop.</summary>
    private static string FirstClause(string? description)
    {
        string text = (description ?? "").Split('\n')[0];
        int end = text.IndexOfAny([':', '.']);
        return end > 0 ? text[..end] : text;
    }

    /// <summary>One error as a person reads it.</summary>
    public static string Plain(ParseError error)
    {
        string message = error.Message;
        if (message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            string given = error.SymbolResult?.Tokens.Count > 0 ? error.SymbolResult.Tokens[^1].Value : "";
            for (var r = error.SymbolResult; r != null; r = r.Parent)
            {
                if (r is OptionResult o)
                    return $"{o.Option.Name} must be {Expected(o.Option.ValueType)}, got '{given}'{Meaning(o.Option.Description)}";
                if (r is ArgumentResult a)
                {
                    given = a.Tokens.Count > 0 ? a.Tokens[^1].Value : given;
                    if (a.Parent is not OptionResult)
                        return $"<{a.Argument.Name}> must be {Expected(a.Argument.ValueType)}, got "
                            + $"'{given}'{Meaning(a.Argument.Description)}";
                }
            }
            return $"'{given}' is not a valid value";
        }
        if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            // The library names the command only; say which argument is missing and what it takes.
            if (error.SymbolResult is ArgumentResult { Parent: CommandResult owner } missing)
                return $"{owner.Command.Name} needs <{missing.Argument.Name}>{Meaning(missing.Argument.Description)}";
            var option = error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult;
            if (option != null)
                return $"{option.Option.Name} needs a value{Meaning(option.Option.Description)}";
            if (error.SymbolResult is CommandResult c)
                return $"{c.Command.Name} needs {string.Join(" and ", c.Command.Arguments.Select(a =>
                    $"<{a.Name}>{Meaning(a.Description)}"))}";
        }
        return message;
    }

    /// <summary>
    /// A whole-number option's value, checked as it is read (a validator that reads the value
    /// would meet the library's own conversion error first): null, with a plain error added,
    /// when the text is not a whole number from <paramref name="min"/> to <paramref name="max"/>.
    /// </summary>
    public static long? WholeNumber(ArgumentResult r, long min, long max)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture,
            out long n) && n >= min && n <= max)
            return n;
        string range = max == long.MaxValue || max == int.MaxValue ? $"{min:N0} or more" : $"from {min:N0} to {max:N0}";
        return Refuse<long>(r, $"a whole number {range}", text);
    }

    /// <summary>A number option's value (decimals allowed), checked as it is read, like <see cref="WholeNumber"/>.</summary>
    public static double? Number(ArgumentResult r, double min, double max)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, invariant, out double x) && x >= min && x <= max)
            return x;
        return Refuse<double>(r, $"a number from {min.ToString(invariant)} to {max.ToString(invariant)}", text);
    }

    /// <summary>Adds "NAME must be WHAT, got 'TEXT' (what the option means)" to the option or argument; null.</summary>
    private static T? Refuse<T>(ArgumentResult r, string what, string text) where T : struct
    {
        var (name, description) = r.Parent is OptionResult o ? (o.Option.Name, o.Option.Description)
            : ($"<{r.Argument.Name}>", r.Argument.Description);
        r.AddError($"{name} must be {what}, got '{text}'{Meaning(description)}");
        return null;
    }

    /// <summary>What a value of this type is, in words.</summary>
    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(ulong)) return $"a whole number from 0 to {ulong.MaxValue}";
        if (type == typeof(int)) return $"a whole number from {int.MinValue} to {int.MaxValue}";
        if (type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number (decimals allowed, e.g. 0.5)";
        if (type == typeof(bool)) return "true or false";
        return "a valid value";
    }

    private static string Meaning(string? description) =>
        string.IsNullOrWhiteSpace(description) ? "" : $" ({description.TrimEnd('.')})";
}
