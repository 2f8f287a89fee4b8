using System.Globalization;

namespace GossipSim.Analysis.Plots;

/// <summary>A tick on a log₁₀ axis, at a data value; major ticks (whole decades) carry a label such as 10³.</summary>
public readonly record struct LogTick(double Value, bool Major, string Label);

/// <summary>
/// Decade ticks for a log axis: ScottPlot draws log axes as linear axes over log₁₀ of the data, so
/// the tick positions and their 10ⁿ labels are given to it from here.
/// </summary>
public static class LogTicks
{
    /// <summary>The whole decades around [min, max]: the axis limits of a log axis.</summary>
    public static (double Min, double Max) DecadeLimits(double min, double max)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"a log axis needs a positive, finite range, not [{min}, {max}]");
        if (max < min) (min, max) = (max, min);
        double lo = Math.Floor(Math.Log10(min) + 1e-9), hi = Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi <= lo) hi = lo + 1;
        return (Math.Pow(10, lo), Math.Pow(10, hi));
    }

    /// <summary>A major tick at each decade in [min, max] labelled 10ⁿ, minor ticks at 2..9 times each decade.</summary>
    public static List<LogTick> For(double min, double max)
    {
        var (lo, hi) = DecadeLimits(min, max);
        var ticks = new List<LogTick>();
        int first = (int)Math.Round(Math.Log10(lo)), last = (int)Math.Round(Math.Log10(hi));
        for (int d = first; d <= last; d++)
        {
            double decade = Math.Pow(10, d);
            ticks.Add(new LogTick(decade, true, Label(d)));
            if (d < last)
                for (int k = 2; k <= 9; k++) ticks.Add(new LogTick(k * decade, false, ""));
        }
        return ticks;
    }

    /// <summary>"10" with the exponent in superscript digits (and a true minus sign), e.g. 10⁻³.</summary>
    public static string Label(int exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string e = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return "10" + (exponent < 0 ? "⁻" : "") + string.Concat(e.Select(c => digits[c - '0']));
    }
}
