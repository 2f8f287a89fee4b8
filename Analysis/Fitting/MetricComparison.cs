using GossipSim.Analysis.Stats;
using System.Globalization;

namespace GossipSim.Analysis.Fitting;

/// <summary>
/// One quantity compared between the simulator and the real run: both samples, the KS test, and
/// what it means in words. With the model's own runs at other seeds (<see cref="RunToRun"/>) the
/// verdict is the Monte Carlo test's; without them, the naive KS test's, which counts every
/// delivery as an independent draw.
/// </summary>
public sealed record MetricComparison(
    string Key, string Name, string Unit, double Scale,
    double[] Sim, double[] Real, KsResult Ks, double Alpha)
{
    /// <summary>The real run ranked among the model's own runs at other seeds; null when there are none.</summary>
    public MonteCarloKsResult? RunToRun { get; init; }

    public bool Differs => RunToRun is { } mc ? !mc.Agrees : Ks.PValue < Alpha;
    public double SimMedian => Median(Sim);
    public double RealMedian => Median(Real);
    public double SimMean => Sim.Length > 0 ? Sim.Average() : double.NaN;
    public double RealMean => Real.Length > 0 ? Real.Average() : double.NaN;

    /// <param name="modelRuns">This quantity in each of the model's runs at other seeds, for the Monte Carlo test; null: the naive test
    /// decides.</param>
    public static MetricComparison Of(string key, string name, string unit, double scale, double[] sim, double[] real, double alpha,
        IReadOnlyList<IReadOnlyCollection<double>>? modelRuns = null) =>
        new(key, name, unit, scale, sim, real, KolmogorovSmirnov.TwoSample(sim, real), alpha)
        {
            RunToRun = modelRuns is null ? null : MonteCarloKs.Test(real, modelRuns, alpha),
        };

    /// <summary>Which way the real run lies from the simulator: by the medians, or the means when the medians tie.</summary>
    public int Direction
    {
        get
        {
            int byMedian = RealMedian.CompareTo(SimMedian);
            return byMedian != 0 ? byMedian : Math.Round(RealMean - SimMean, 9).CompareTo(0);
        }
    }

    public string Test => RunToRun is { } mc
        ? $"D = {D(Ks.D)}, {D(mc.D)} against the pool of the model's {mc.Runs} runs at other seeds, Monte Carlo p = {MonteCarloP(mc)}: the "
        + $"model's own runs against the pool of the others have D {D(mc.RunDQuantile(0.1))}–{D(mc.RunDQuantile(0.9))} (10th–90th "
        + $"percentile); naive KS p {NaiveP}"
        : $"D = {D(Ks.D)}, p {NaiveP}";

    /// <summary>The asymptotic KS p, "= 0.003" or "&lt; 1e-16".</summary>
    public string NaiveP => (Ks.PValue < 1e-16 ? "" : "= ") + P(Ks.PValue);

    /// <summary>Monte Carlo p's are multiples of 1/(B+1): as many digits as that step needs.</summary>
    public static string MonteCarloP(MonteCarloKsResult mc)
        => mc.PValue.ToString(mc.Runs >= 100 ? "0.000" : "0.00", CultureInfo.InvariantCulture);

    public static string D(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Which way the real run lies, in a word: higher, lower, or differently spread (same centre).</summary>
    public string Way => Direction switch { > 0 => "higher", < 0 => "lower", _ => "differently spread" };

    /// <summary>The centres that show the difference: the medians, or the means when the medians are equal.</summary>
    public string Centres => RealMedian != SimMedian || double.IsNaN(RealMedian)
        ? $"median {Value(RealMedian)} vs {Value(SimMedian)}"
        : $"mean {Value(RealMean)} vs {Value(SimMean)} (medians both {Value(RealMedian)})";

    /// <summary>"real latency is higher: median 3.1 ms vs 1.2 ms (D = 0.41, p &lt; 1e-16)", or "no significant difference ...".</summary>
    public string Verdict
    {
        get
        {
            string medians = $"median {Value(RealMedian)} vs {Value(SimMedian)}, mean {Value(RealMean)} vs {Value(SimMean)}";
            if (!Differs)
                return $"{Name}: no significant difference at α = {Alpha.ToString(CultureInfo.InvariantCulture)} by "
                    + $"the {(RunToRun is null ? "naive KS" : "Monte Carlo")} test ({Test}; real vs simulator {medians})";
            return $"{Name}: differ, real {Name} is {Way}: {Centres} ({Test})";
        }
    }

    public string Value(double v) =>
        double.IsNaN(v) ? "n/a" : (v * Scale).ToString(Scale == 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture)
            + (Unit.Length > 0 ? " " + Unit : "");

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
