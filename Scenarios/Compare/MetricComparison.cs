using GossipSim.Analysis.Stats;
using System.Globalization;

namespace GossipSim.Scenarios.Compare;

/// <summary>One quantity compared between the simulator and the real run: both samples, the KS test, and what it means in words.</summary>
public sealed record MetricComparison(
    string Key, string Name, string Unit, double Scale,
    double[] Sim, double[] Real, KsResult Ks, double Alpha)
{
    public bool Differs => Ks.PValue < Alpha;
    public double SimMedian => Median(Sim);
    public double RealMedian => Median(Real);
    public double SimMean => Sim.Length > 0 ? Sim.Average() : double.NaN;
    public double RealMean => Real.Length > 0 ? Real.Average() : double.NaN;

    public static MetricComparison Of(string key, string name, string unit, double scale, double[] sim, double[] real, double alpha) =>
        new(key, name, unit, scale, sim, real, KolmogorovSmirnov.TwoSample(sim, real), alpha);

    /// <summary>Which way the real run lies from the simulator: by the medians, or the means when the medians tie.</summary>
    public int Direction
    {
        get
        {
            int byMedian = RealMedian.CompareTo(SimMedian);
            return byMedian != 0 ? byMedian : Math.Round(RealMean - SimMean, 9).CompareTo(0);
        }
    }

    public string Test => $"D = {Ks.D.ToString("0.000", CultureInfo.InvariantCulture)}, p {(Ks.PValue < 1e-16 ? "" : "= ")}{P(Ks.PValue)}";

    /// <summary>The centres that show the difference: the medians, or the means when the medians are equal.</summary>
    public string Centres => RealMedian != SimMedian || double.IsNaN(RealMedian)
        ? $"median {Value(RealMedian)} vs {Value(SimMedian)}"
        : $"mean {Value(RealMean)} vs {Value(SimMean)} (medians both {Value(RealMedian)})";

    /// <summary>"real latency is higher: median 3.1 ms vs 1.2 ms (D = 0.41, p < 1e-16)", or "no significant difference ...".</summary>
    public string Verdict
    {
        get
        {
            string medians = $"median {Value(RealMedian)} vs {Value(SimMedian)}, mean {Value(RealMean)} vs {Value(SimMean)}";
            if (!Differs) return $"{Name}: no significant difference at α = {Alpha.ToString(CultureInfo.InvariantCulture)} ({Test}; real vs simulator {medians})";
            string way = Direction switch { > 0 => "higher", < 0 => "lower", _ => "differently spread" };
            return $"{Name}: differ, real {Name} is {way}: {Centres} ({Test})";
        }
    }

    public string Value(double v) =>
        double.IsNaN(v) ? "n/a" : (v * Scale).ToString(Scale == 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : "");

    public static string P(double p) => p switch
    {
        < 1e-16 => "< 1e-16",
        < 0.001 => p.ToString("0.0e+0", CultureInfo.InvariantCulture),
        _ => p.ToString("0.000", CultureInfo.InvariantCulture),
    };

    private static double Median(double[] xs)
    {
        if (xs.Length == 0) return double.NaN;
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
