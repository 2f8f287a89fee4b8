using System.Globalization;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>What a tunable's number means; every value travels as a <see cref="double"/> in this unit.</summary>
public enum TunableUnit
{
    /// <summary>A duration in seconds (decimals allowed); the record holds a <see cref="TimeSpan"/>.</summary>
    Seconds,
    /// <summary>A whole number.</summary>
    Count,
    /// <summary>true or false, carried as 1 or 0.</summary>
    Flag,
    /// <summary>One of a few names (<see cref="Tunable.Choices"/>), carried as its position: which protocol a peer runs.</summary>
    Choice,
}

/// <summary>Who decides a tunable's value for a node.</summary>
public enum TunableSource
{
    /// <summary>The scenario file, one value for every node of the role (its <see cref="Tunable.JsonName"/>).</summary>
    Scenario,
    /// <summary>The launcher, per node (which peers originate gossip is the run's draw).</summary>
    Launcher,
    /// <summary>The node itself from its listen address, unless its option is given.</summary>
    ListenAddress,
}

/// <summary>
/// One setting of a seed or a peer, described once: its name in a scenario file and in a node's
/// effective configuration, its node option, unit, valid range and help text. The scenario
/// parser, the node's command line and --help, the launchers' node arguments and the records'
/// Validate are all derived from the tables of these (<see cref="PeerTunables"/>, <see cref="SeedTunables"/>).
/// </summary>
public abstract class Tunable
{
    /// <summary>Longest duration accepted: far beyond any run, and <see cref="TimeSpan"/> arithmetic on it cannot overflow.</summary>
    public const double MaxSeconds = 1e9;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    protected Tunable(string property, string jsonName, string option, TunableUnit unit, double min, string help)
    {
        Property = property;
        JsonName = jsonName;
        Option = option;
        Unit = unit;
        Min = min;
        Help = help;
        int dot = jsonName.IndexOf('.');
        Section = jsonName[..dot];
        Field = jsonName[(dot + 1)..];
    }

    /// <summary>The record's property (PingInterval).</summary>
    public string Property { get; }

    /// <summary>Section and field: peerSettings.pingIntervalSeconds. A node's effective configuration uses the same names.</summary>
    public string JsonName { get; }

    /// <summary>The object of the scenario file it lives in (peerSettings, seedSettings, gossip; node for values a scenario does not
    /// set).</summary>
    public string Section { get; }

    /// <summary>The field within <see cref="Section"/> (pingIntervalSeconds).</summary>
    public string Field { get; }

    /// <summary>The node's command-line option (--ping-interval).</summary>
    public string Option { get; }

    public TunableUnit Unit { get; }

    /// <summary>Smallest valid count; a duration must be above 0.</summary>
    public double Min { get; }

    public string Help { get; }

    public TunableSource Source { get; protected init; } = TunableSource.Scenario;

    /// <summary>What --help shows as the default when it is not the record's (a default the node works out).</summary>
    public string? DefaultNote { get; protected init; }

    /// <summary>The <see cref="Property"/> of a duration this one must exceed (a wait that outlasts the wait inside it).</summary>
    public string? LongerThan { get; protected init; }

    /// <summary>A <see cref="TunableUnit.Choice"/>'s names, the default's first; empty for the other units. A menu that a host
    /// extends at start-up (the broadcasts) is read each time.</summary>
    public IReadOnlyList<string> Choices => ChoicesNow?.Invoke() ?? FixedChoices;

    protected IReadOnlyList<string> FixedChoices { get; init; } = [];

    protected Func<IReadOnlyList<string>>? ChoicesNow { get; init; }

    /// <summary>Largest valid value.</summary>
    public double Max => Unit switch
    {
        TunableUnit.Seconds => MaxSeconds,
        TunableUnit.Count => int.MaxValue,
        TunableUnit.Choice => Choices.Count - 1,
        _ => 1,
    };

    /// <summary>What a valid value is, for error messages: "a positive number of seconds".</summary>
    public string Expected => Unit switch
    {
        TunableUnit.Seconds => "a positive number of seconds",
        TunableUnit.Count => $"a whole number of at least {Format(Min)}",
        TunableUnit.Choice => "one of " + string.Join(", ", Choices.Select(c => $"\"{c}\"")),
        _ => "true or false",
    };

    public bool IsValid(double value) => Unit switch
    {
        TunableUnit.Seconds => value > 0 && value <= Max,
        TunableUnit.Count or TunableUnit.Choice => value >= Min && value <= Max && Math.Floor(value) == value,
        _ => value is 0 or 1,
    };

    /// <summary>The value as a node option or a JSON value takes it: seconds round-trip exactly, flags as true/false.</summary>
    public string Format(double value) => Unit switch
    {
        TunableUnit.Flag => value != 0 ? "true" : "false",
        TunableUnit.Choice when IsValid(value) => Choices[(int)value],
        _ => value.ToString("R", Inv),
    };

    /// <summary>Reads <see cref="Format"/>'s text (and any decimal for seconds); false when it is not a valid value.</summary>
    public bool TryParse(string text, out double value)
    {
        value = 0;
        switch (Unit)
        {
            case TunableUnit.Flag:
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) value = 1;
                else if (!text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
                return true;
            case TunableUnit.Choice:
                for (int i = 0; i < Choices.Count; i++)
                    if (text.Equals(Choices[i], StringComparison.OrdinalIgnoreCase)) { value = i; return true; }
                return false;
            case TunableUnit.Count:
                if (!int.TryParse(text, NumberStyles.Integer, Inv, out int n)) return false;
                value = n;
                return IsValid(value);
            default:
                return double.TryParse(text, NumberStyles.Float, Inv, out value) && IsValid(value);
        }
    }
}

/// <summary>A tunable of one record: how to read it from and write it into a <typeparamref name="TConfig"/>.</summary>
public sealed class Tunable<TConfig> : Tunable
{
    private readonly Func<TConfig, double> _get;
    private readonly Func<TConfig, double, TConfig> _set;

    private Tunable(string property, string jsonName, string option, TunableUnit unit, double min, string help,
        Func<TConfig, double> get, Func<TConfig, double, TConfig> set) : base(property, jsonName, option, unit, min, help)
    {
        _get = get;
        _set = set;
    }

    public double Get(TConfig config) => _get(config);

    /// <summary>A copy of <paramref name="config"/> with this tunable set; the value must be valid.</summary>
    public TConfig Set(TConfig config, double value)
    {
        if (!IsValid(value)) throw new ArgumentOutOfRangeException(nameof(value), $"{JsonName} must be {Expected}, not {Format(value)}");
        return _set(config, value);
    }

    /// <summary>
    /// The nearest tick (100 ns). TimeSpan.FromSeconds truncates: 4.2123 s became 4.2122999 s, and
    /// each pass through text and back could lose another tick; rounded, a value read back from
    /// <see cref="Tunable.Format"/> is the same duration.
    /// </summary>
    private static TimeSpan ToTicks(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>A duration, above zero (and above the duration named by <paramref name="longerThan"/>).</summary>
    public static Tunable<TConfig> Seconds(string property, string jsonName, string option, string help,
        Func<TConfig, TimeSpan> get, Func<TConfig, TimeSpan, TConfig> set, string? longerThan = null) =>
        new(property, jsonName, option, TunableUnit.Seconds, 0, help, c => get(c).TotalSeconds, (c, v) => set(c, ToTicks(v)))
        {
            LongerThan = longerThan,
        };

    public static Tunable<TConfig> Count(string property, string jsonName, string option, int min, string help,
        Func<TConfig, int> get, Func<TConfig, int, TConfig> set) =>
        new(property, jsonName, option, TunableUnit.Count, min, help, c => get(c), (c, v) => set(c, (int)v));

    /// <summary>One of <typeparamref name="TEnum"/>'s members, named as <see cref="TunableChoice.NamesOf{TEnum}"/> names them; the
    /// enum's values must be 0, 1, 2... in order.</summary>
    /// <param name="names">The names now, when a host may add to the enum's (positions past its members); by default the enum's.</param>
    public static Tunable<TConfig> Choice<TEnum>(string property, string jsonName, string option, string help,
        Func<TConfig, TEnum> get, Func<TConfig, TEnum, TConfig> set, Func<IReadOnlyList<string>>? names = null) where TEnum : struct, Enum =>
        new(property, jsonName, option, TunableUnit.Choice, 0, help, c => Convert.ToInt32(get(c)),
            (c, v) => set(c, (TEnum)Enum.ToObject(typeof(TEnum), (int)v)))
        {
            FixedChoices = TunableChoice.NamesOf<TEnum>(),
            ChoicesNow = names,
        };

    public static Tunable<TConfig> Flag(string property, string jsonName, string option, string help,
        Func<TConfig, bool> get, Func<TConfig, bool, TConfig> set, TunableSource source = TunableSource.Scenario,
            string? defaultNote = null) =>
        new(property, jsonName, option, TunableUnit.Flag, 0, help, c => get(c) ? 1 : 0, (c, v) => set(c, v != 0))
        {
            Source = source,
            DefaultNote = defaultNote,
        };
}

/// <summary>A tunable's choice as its enum: the names of a <see cref="TunableUnit.Choice"/> are the enum's members, in order.</summary>
public static class TunableChoice
{
    /// <summary>The scenario and option names of <typeparamref name="TEnum"/>'s members: PlumTree becomes plumtree, SeedPa seed-pa.</summary>
    public static string[] NamesOf<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(n => string.Concat(n.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch)
            : char.ToLowerInvariant(ch).ToString()))).ToArray();
}

/// <summary>The checks a table gives its record: every value in its range, every wait longer than the wait inside it.</summary>
public static class Tunables
{
    /// <summary>
    /// Each value that breaks its table entry, with what it must be; <paramref name="nameOf"/>
    /// names another tunable in that text (its property, option or scenario field).
    /// </summary>
    public static IEnumerable<(Tunable<TConfig> Tunable, string Expected)> Violations<TConfig>(
        TConfig config, IReadOnlyList<Tunable<TConfig>> table, Func<Tunable, string> nameOf)
    {
        foreach (var t in table)
        {
            double value = t.Get(config);
            if (!t.IsValid(value))
            {
                yield return (t, t.Expected);
            }
            else if (t.LongerThan is { } shorterName)
            {
                var shorter = Named(table, shorterName);
                double limit = shorter.Get(config);
                if (!(value > limit)) yield return (t, $"longer than {nameOf(shorter)} ({shorter.Format(limit)} s)");
            }
        }
    }

    // A loop, not Single with a lambda: a peer's configuration is checked as each peer is made (10⁷ in sim-10m), and a closure a
    // check was a kilobyte of garbage a peer.
    private static Tunable<TConfig> Named<TConfig>(IReadOnlyList<Tunable<TConfig>> table, string property)
    {
        Tunable<TConfig>? found = null;
        for (int i = 0; i < table.Count; i++)
        {
            if (table[i].Property != property) continue;
            if (found != null) throw new InvalidOperationException($"two tunables are named {property}");
            found = table[i];
        }
        return found ?? throw new InvalidOperationException($"no tunable is named {property}");
    }

    /// <summary>Throws for the first violation, naming the property and what it must be.</summary>
    public static void Validate<TConfig>(TConfig config, IReadOnlyList<Tunable<TConfig>> table)
    {
        foreach (var (t, expected) in Violations(config, table, o => o.Property))
            throw new ArgumentException($"{t.Property} must be {expected}");
    }
}
