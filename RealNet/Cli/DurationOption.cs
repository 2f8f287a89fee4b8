using System.CommandLine;

namespace GossipSim.RealNet.Cli;

/// <summary>Durations on the command line are seconds as a decimal number (0.5 = half a second).</summary>
internal static class DurationOption
{
    public static Option<double> Create(string name, TimeSpan defaultValue, string description, bool allowZero = false)
    {
        var option = new Option<double>(name)
        {
            Description = $"{description} (seconds)",
            HelpName = "s",
            DefaultValueFactory = _ => defaultValue.TotalSeconds,
        };
        option.Validators.Add(r =>
        {
            double v = r.GetValueOrDefault<double>();
            if (double.IsNaN(v) || double.IsInfinity(v) || v < 0 || (!allowZero && v == 0) || v > TimeSpan.MaxValue.TotalSeconds / 2)
                r.AddError($"{name} must be a {(allowZero ? "non-negative" : "positive")} number of seconds, got {v}");
        });
        return option;
    }

    public static Option<int> Count(string name, int defaultValue, string description, int min)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "n", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v < min) r.AddError($"{name} must be at least {min}, got {v}");
        });
        return option;
    }

    public static TimeSpan Get(ParseResult r, Option<double> option) => TimeSpan.FromSeconds(r.GetValue(option));
}
