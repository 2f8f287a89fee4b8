using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// Numeric options with their range checked at parse time, so a bad value is a clear message
/// naming the option. Durations on the command line are seconds as a decimal number (0.5 = half a second).
/// </summary>
internal static class DurationOption
{
    public static Option<double> Create(string name, TimeSpan defaultValue, string description, bool allowZero = false)
    {
        return new Option<double>(name)
        {
            Description = $"{description} (seconds)",
            HelpName = "s",
            DefaultValueFactory = _ => defaultValue.TotalSeconds,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return defaultValue.TotalSeconds;
                string text = r.Tokens[^1].Value;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    || double.IsNaN(v) || double.IsInfinity(v) || v < 0 || (!allowZero && v == 0) || v > TimeSpan.MaxValue.TotalSeconds / 2)
                {
                    r.AddError($"{name} must be a {(allowZero ? "non-negative" : "positive")} number of seconds, got '{text}'");
                    return 0;
                }
                return v;
            },
        };
    }

    public static Option<int> Count(string name, int defaultValue, string description, int min)
    {
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "n",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return defaultValue;
                string text = r.Tokens[^1].Value;
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min)
                {
                    r.AddError($"{name} must be a whole number of at least {min}, got '{text}'");
                    return 0;
                }
                return v;
            },
        };
    }

    public static TimeSpan Get(ParseResult r, Option<double> option) => TimeSpan.FromSeconds(r.GetValue(option));
}
