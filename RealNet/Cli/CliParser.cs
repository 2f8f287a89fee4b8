using System.Globalization;
using System.Text;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// One command-line option: its name, the placeholder and description shown by --help, the
/// default shown there, and how its text becomes a value. Hand-written instead of
/// System.CommandLine, whose parse cost every node process megabytes of resident memory (the
/// library's JIT-compiled code and the framework code it touches) for a parse done once.
/// </summary>
internal abstract class CliOption
{
    protected CliOption(string name) => Name = name;

    public string Name { get; }

    /// <summary>The value's placeholder in --help (<c>--listen &lt;ip:port&gt;</c>); none for a flag.</summary>
    public string? HelpName { get; init; }

    public string Description { get; init; } = "";

    public bool Required { get; init; }

    /// <summary>Shown in --help as <c>[default: …]</c>; null shows none (a required option).</summary>
    public string? DefaultText { get; init; }

    /// <summary>A flag (a bool): given alone it means true, and it takes a value only when one follows (true/false).</summary>
    public abstract bool IsFlag { get; }

    /// <summary>What a value must be, for error messages: "a positive number of seconds".</summary>
    public abstract string Expected { get; }

    internal abstract bool TryParse(string text, out object? value);
}

/// <summary>An option whose value is a <typeparamref name="T"/>; <see cref="Default"/> when it is not given.</summary>
internal sealed class CliOption<T> : CliOption
{
    public delegate bool Parser(string text, out T value);

    private readonly Parser _parse;
    private readonly string _expected;

    /// <param name="isFlag">Whether it is a flag; by default when <typeparamref name="T"/> is a bool.</param>
    public CliOption(string name, T defaultValue, string expected, Parser parse, bool? isFlag = null) : base(name)
    {
        Default = defaultValue;
        _expected = expected;
        _parse = parse;
        IsFlag = isFlag ?? (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?));
    }

    public T Default { get; }

    public override bool IsFlag { get; }

    public override string Expected => _expected;

    internal override bool TryParse(string text, out object? value)
    {
        bool ok = _parse(text, out var v);
        value = v;
        return ok;
    }
}

/// <summary>The options of one command as parsed: values given, errors, and whether help was asked for.</summary>
internal sealed class CliParseResult
{
    private readonly Dictionary<CliOption, object?> _values = new();

    public List<string> Errors { get; } = new();
    public bool HelpRequested { get; internal set; }

    internal void Set(CliOption option, object? value) => _values[option] = value;

    public bool IsGiven(CliOption option) => _values.ContainsKey(option);

    /// <summary>The option's value: the last one given, or its default.</summary>
    public T GetValue<T>(CliOption<T> option) => _values.TryGetValue(option, out var v) ? (T)v! : option.Default;
}

/// <summary>A command (<c>seed</c>, <c>peer</c>, <c>keygen</c>): its options and what it runs.</summary>
internal sealed class CliCommand
{
    public CliCommand(string name, string description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }
    public string Description { get; }
    public List<CliOption> Options { get; } = new();
    public Func<CliParseResult, int>? Action { get; set; }

    public static bool IsHelp(string arg) => arg is "--help" or "-h" or "-?";

    /// <summary>
    /// Parses this command's arguments: <c>--name value</c> or <c>--name=value</c>; a flag alone
    /// means true and takes a following true/false. Every problem is collected, not just the first.
    /// </summary>
    public CliParseResult Parse(IReadOnlyList<string> args)
    {
        var result = new CliParseResult();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (IsHelp(arg))
            {
                result.HelpRequested = true;
                continue;
            }
            string name = arg;
            string? inline = null;
            var option = Find(arg);
            if (option == null && arg.StartsWith("--", StringComparison.Ordinal))
            {
                int sep = arg.IndexOfAny(['=', ':']);
                if (sep > 2 && Find(arg[..sep]) is { } o)
                {
                    option = o;
                    name = arg[..sep];
                    inline = arg[(sep + 1)..];
                }
            }
            if (option == null)
            {
                result.Errors.Add(arg.StartsWith('-') ? $"unknown option '{arg}' for '{Name}'"
                    : $"unexpected argument '{arg}' for '{Name}'");
                continue;
            }
            string? text = inline;
            if (text == null)
            {
                if (option.IsFlag)
                {
                    // A flag takes the next token only when it is not another option.
                    if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                        && !IsHelp(args[i + 1])) text = args[++i];
                    else text = "true";
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && !IsHelp(args[i + 1]))
                {
                    text = args[++i]; // taken as it is: "-1" is a value here, not an option
                }
                else
                {
                    result.Errors.Add($"{name} needs a value: {option.Expected}");
                    continue;
                }
            }
            if (option.TryParse(text, out var value)) result.Set(option, value);
            else result.Errors.Add($"{name} must be {option.Expected}, got '{text}'"
                + (option.Description.Length > 0 ? $" ({option.Description})" : ""));
        }
        foreach (var o in Options)
            if (o.Required && !result.IsGiven(o))
                result.Errors.Add($"{o.Name} is required: {o.Expected}");
        return result;
    }

    private CliOption? Find(string name)
    {
        foreach (var o in Options)
            if (o.Name == name) return o;
        return null;
    }

    /// <summary>The command's help: what it does, then every option with its description and default.</summary>
    public string Help(string executable)
    {
        var sb = new StringBuilder();
        sb.Append("Description:\n  ").Append(Description).Append("\n\nUsage:\n  ").Append(executable).Append(' ').Append(Name)
            .Append(" [options]\n\nOptions:\n");
        var left = new List<string>(Options.Count + 1);
        foreach (var o in Options)
            left.Add(o.Name + (o.HelpName != null ? $" <{o.HelpName}>" : "") + (o.Required ? " (REQUIRED)" : ""));
        left.Add("-?, -h, --help");
        int width = 0;
        foreach (string l in left) width = Math.Max(width, l.Length);
        for (int i = 0; i < Options.Count; i++)
        {
            var o = Options[i];
            sb.Append("  ").Append(left[i].PadRight(width + 2)).Append(o.Description);
            if (o.DefaultText != null) sb.Append(" [default: ").Append(o.DefaultText).Append(']');
            sb.Append('\n');
        }
        sb.Append("  ").Append(left[^1].PadRight(width + 2)).Append("Show help and usage information\n");
        sb.Append('\n').Append(Engine.Core.ExitCodes.Help).Append('\n');
        return sb.ToString();
    }
}

/// <summary>The option kinds the node uses, each with its check and its message.</summary>
internal static class CliOptions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Format(double v) => v.ToString("R", Inv);

    public static CliOption<string?> Text(string name, string helpName, string expected, string description, bool required = false,
        string? defaultText = null) =>
        new(name, null, expected, (string t, out string? v) => { v = t; return true; })
        {
            HelpName = helpName,
            Description = description,
            Required = required,
            DefaultText = defaultText,
        };

    public static CliOption<bool> Flag(string name, bool defaultValue, string description) =>
        new(name, defaultValue, "true or false", ParseBool) { Description = description, DefaultText = defaultValue ? "true" : "false" };

    private static bool ParseBool(string t, out bool v)
    {
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase)) { v = true; return true; }
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase)) { v = false; return true; }
        v = false;
        return false;
    }

    public static CliOption<ulong?> UInt64(string name, string description, string defaultText) =>
        new(name, null, $"a whole number from 0 to {ulong.MaxValue}", (string t, out ulong? v) =>
        {
            bool ok = ulong.TryParse(t, NumberStyles.Integer, Inv, out ulong x);
            v = ok ? x : null;
            return ok;
        }) { HelpName = "n", Description = description, DefaultText = defaultText };

    public static CliOption<long?> Int64(string name, string description, string defaultText) =>
        new(name, null, "a whole number", (string t, out long? v) =>
        {
            bool ok = long.TryParse(t, NumberStyles.Integer, Inv, out long x);
            v = ok ? x : null;
            return ok;
        }) { HelpName = "n", Description = description, DefaultText = defaultText };

    public static CliOption<int?> ProcessId(string name, string description, string defaultText) =>
        new(name, null, "a process id (a positive whole number)", (string t, out int? v) =>
        {
            bool ok = int.TryParse(t, NumberStyles.Integer, Inv, out int x) && x > 0;
            v = ok ? x : null;
            return ok;
        }) { HelpName = "pid", Description = description, DefaultText = defaultText };

    /// <summary>Seconds as a decimal number (0.5 = half a second), positive or (with <paramref name="allowZero"/>) non-negative.</summary>
    public static CliOption<double> Seconds(string name, TimeSpan defaultValue, string description, bool allowZero = false) =>
        new(name, defaultValue.TotalSeconds, $"a {(allowZero ? "non-negative" : "positive")} number of seconds", (string t, out double v) =>
            double.TryParse(t, NumberStyles.Float, Inv, out v)
            && !double.IsNaN(v) && !double.IsInfinity(v) && v >= 0 && (allowZero || v != 0) && v <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            Description = $"{description} (seconds)",
            HelpName = "s",
            DefaultText = Format(defaultValue.TotalSeconds),
        };

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static CliOption<int> Count(string name, int defaultValue, string description, int min) =>
        new(name, defaultValue, $"a whole number of at least {min}", (string t, out int v) =>
            int.TryParse(t, NumberStyles.Integer, Inv, out v) && v >= min)
        {
            Description = description,
            HelpName = "n",
            DefaultText = defaultValue.ToString(Inv),
        };

    /// <summary>A tunable's option as its table describes it; its value is in the tunable's unit
    /// (<see cref="Engine.Config.Tunable"/>).</summary>
    public static CliOption<double> Tunable(Engine.Config.Tunable t, double defaultValue) =>
        new(t.Option, defaultValue, t.Expected, t.TryParse, isFlag: t.Unit == Engine.Config.TunableUnit.Flag)
        {
            HelpName = t.Unit switch
            {
                Engine.Config.TunableUnit.Seconds => "s",
                Engine.Config.TunableUnit.Count => "n",
                Engine.Config.TunableUnit.Choice => string.Join("|", t.Choices),
                _ => null,
            },
            Description = $"{t.Help} ({string.Join("; ", UnitAndScenarioField(t))})",
            DefaultText = t.DefaultNote ?? t.Format(defaultValue),
        };

    /// <summary>The unit ("seconds", "true/false"), and the scenario field that sets the same value, if one does.</summary>
    private static IEnumerable<string> UnitAndScenarioField(Engine.Config.Tunable t)
    {
        if (t.Unit == Engine.Config.TunableUnit.Seconds) yield return "seconds";
        if (t.Unit == Engine.Config.TunableUnit.Flag) yield return "true/false";
        if (t.Source == Engine.Config.TunableSource.Scenario) yield return $"scenario: {t.JsonName}";
        else yield return "set per node, not by a scenario";
    }

    public static TimeSpan Get(CliParseResult r, CliOption<double> option) => TimeSpan.FromSeconds(r.GetValue(option));
}
