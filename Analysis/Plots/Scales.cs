using System.Globalization;

namespace GossipSim.Analysis.Plots;

/// <summary>A tick: major ticks carry a label (with an optional superscript, for 10^k).</summary>
public readonly record struct Tick(double Value, bool Major, string Label = "", string? Superscript = null);

/// <summary>Maps data values to [0, 1] along an axis and says where the ticks go.</summary>
public abstract class Scale
{
    public double Min { get; }
    public double Max { get; }

    protected Scale(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
            throw new ArgumentException($"axis range [{min}, {max}] is empty or not finite");
        Min = min;
        Max = max;
    }

    /// <summary>0 at Min, 1 at Max.</summary>
    public abstract double Normalize(double value);

    public abstract IReadOnlyList<Tick> Ticks();

    public bool Contains(double v) => v >= Min - 1e-9 * Math.Abs(Min) && v <= Max + 1e-9 * Math.Abs(Max);
}

/// <summary>Linear axis with 1-2-5 steps, ~5 labelled ticks and minor ticks between them.</summary>
public sealed class LinearScale : Scale
{
    public double Step { get; }

    private LinearScale(double min, double max, double step) : base(min, max) => Step = step;

    /// <summary>Range widened to whole steps around [min, max] (a flat range gets a unit width).</summary>
    public static LinearScale Nice(double min, double max, int targetTicks = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentException("axis range must be finite");
        if (max < min) (min, max) = (max, min);
        if (max == min) { min -= 0.5; max += 0.5; }
        double step = NiceStep((max - min) / Math.Max(1, targetTicks - 1));
        return new LinearScale(Math.Floor(min / step + 1e-9) * step, Math.Ceiling(max / step - 1e-9) * step, step);
    }

    /// <summary>Exactly [min, max] (when the range means something, like a fraction in [0, 1]).</summary>
    public static LinearScale Fixed(double min, double max, double step) => new(min, max, step);

    public static double NiceStep(double rough)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / magnitude;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    public override double Normalize(double value) => (value - Min) / (Max - Min);

    public override IReadOnlyList<Tick> Ticks()
    {
        var ticks = new List<Tick>();
        double mantissa = Step / Math.Pow(10, Math.Floor(Math.Log10(Step) + 1e-12));
        int minorPerMajor = Math.Abs(mantissa - 2) < 1e-9 ? 4 : 5;
        double minor = Step / minorPerMajor;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-12));
        long first = (long)Math.Ceiling(Min / minor - 1e-9), last = (long)Math.Floor(Max / minor + 1e-9);
        for (long i = first; i <= last; i++)
        {
            double v = i * minor;
            bool major = i % minorPerMajor == 0;
            if (Math.Abs(v) < minor * 1e-9) v = 0;
            ticks.Add(new Tick(v, major, major ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : ""));
        }
        return ticks;
    }
}

/// <summary>Base-10 log axis over whole decades: majors at 10^k labelled "10" with superscript k, minors at 2..9 × 10^k.</summary>
public sealed class LogScale : Scale
{
    private readonly double _logMin, _logMax;

    private LogScale(double min, double max) : base(min, max)
    {
        _logMin = Math.Log10(min);
        _logMax = Math.Log10(max);
    }

    /// <summary>
    /// Whole decades around [min, max] (both positive), widened by <paramref name="pad"/> of the
    /// span at each end so that markers on a decade are not cut in half by the frame.
    /// </summary>
    public static LogScale Decades(double min, double max, double pad = 0.03)
    {
        if (!(min > 0) || !(max > 0)) throw new ArgumentException($"log axis needs positive values, got [{min}, {max}]");
        if (max < min) (min, max) = (max, min);
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi <= lo) hi = lo + 1;
        double margin = pad * (hi - lo);
        return new LogScale(Math.Pow(10, lo - margin), Math.Pow(10, hi + margin));
    }

    public override double Normalize(double value) => (Math.Log10(value) - _logMin) / (_logMax - _logMin);

    public override IReadOnlyList<Tick> Ticks()
    {
        var ticks = new List<Tick>();
        int lo = (int)Math.Ceiling(_logMin - 1e-9), hi = (int)Math.Floor(_logMax + 1e-9);
        int decades = hi - lo;
        int labelEvery = Math.Max(1, (int)Math.Ceiling(decades / 8.0));
        bool minors = decades <= 12;
        for (int k = lo; k <= hi; k++)
        {
            double v = Math.Pow(10, k);
            bool labelled = (k - lo) % labelEvery == 0;
            ticks.Add(new Tick(v, true, labelled ? "10" : "", labelled ? Exponent(k) : null));
            if (!minors) continue;
            for (int m = 2; m <= 9; m++)
                if (m * v <= Max) ticks.Add(new Tick(m * v, false));
        }
        if (minors)
            for (int m = 9; m >= 2; m--)
                if (m * Math.Pow(10, lo - 1) >= Min) ticks.Insert(0, new Tick(m * Math.Pow(10, lo - 1), false));
        return ticks;
    }

    /// <summary>The exponent as typeset: a true minus sign (U+2212), not a hyphen.</summary>
    private static string Exponent(int k) => k < 0 ? "\u2212" + (-k).ToString(CultureInfo.InvariantCulture) : k.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A linear axis without ticks, for categorical rows (their labels are drawn by the chart).</summary>
public sealed class RowScale(double min, double max) : Scale(min, max)
{
    public override double Normalize(double value) => (value - Min) / (Max - Min);
    public override IReadOnlyList<Tick> Ticks() => Array.Empty<Tick>();
}
