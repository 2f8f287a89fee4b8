namespace GossipSim.Analysis.Stats;

/// <summary>The Monte Carlo KS test's outcome for one quantity.</summary>
/// <param name="D">KS D between the real sample and the pool of all the model's runs: the effect size.</param>
/// <param name="PValue">(1 + #{b: D_b ≥ D}) / (B + 1): how the real run ranks among the model's own runs.</param>
/// <param name="RunDs">D_b of each model run against the pool of the others (leave one out).</param>
/// <param name="NaiveRejections">How many of the model's runs the naive KS test at α calls different from the pool of the others.</param>
public sealed record MonteCarloKsResult(double D, double PValue, double Alpha, double[] RunDs, int NaiveRejections)
{
    public int Runs => RunDs.Length;

    private readonly double[] _sortedRunDs = RunDs.Order().ToArray();

    /// <summary>The q-quantile of the model runs' D (0.5: what D one more run of the model would show).</summary>
    public double RunDQuantile(double q) => Percentiles.Of(_sortedRunDs, q);
    /// <summary>The real run is consistent with being one more run of the model: p &gt; α.</summary>
    public bool Agrees => PValue > Alpha;
}

/// <summary>
/// Does a real sample look like one more run of a model? A Monte Carlo two-sample KS test: one run's
/// values are not independent (one overlay, shared paths), so the asymptotic p-value rejects a model even
/// against its own runs; the reference is the model's run-to-run scatter instead. With B runs y_b,
/// D_obs = D(x, pool of all B), D_b = D(y_b, pool of the other B−1), p = (1 + #{b: D_b ≥ D_obs}) / (B + 1):
/// uniform under H0 (exchangeable runs), a little conservative (B−1 pools), and in-sample when the model
/// was fitted to x.
/// </summary>
public static class MonteCarloKs
{
    /// <summary>The fewest model runs with which the test can reject at <paramref name="alpha"/>: the least p is 1/(B+1), so B + 1 ≥
    /// 1/α.</summary>
    public static int MinRuns(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must lie between 0 and 1");
        // 1/α rounded up, with room for 1/0.01 landing a hair above 100 in binary.
        return (int)Math.Ceiling(1 / alpha - 1e-9) - 1;
    }

    /// <summary>(1 + #{b: D_b ≥ observed}) / (B + 1); ties count against the real run.</summary>
    public static double PValue(double observed, IReadOnlyCollection<double> runDs) =>
        (1.0 + runDs.Count(d => d >= observed)) / (runDs.Count + 1);

    /// <param name="real">The real run's values.</param>
    /// <param name="runs">Each model run's values (other seeds than any run the model was fitted on).</param>
    /// <param name="alpha">The level the verdict and the naive count use; needs at least <see cref="MinRuns"/> runs.</param>
    public static MonteCarloKsResult Test(IReadOnlyCollection<double> real, IReadOnlyList<IReadOnlyCollection<double>> runs, double alpha)
    {
        int minRuns = MinRuns(alpha);
        if (runs.Count < Math.Max(2, minRuns))
            throw new ArgumentException($"{runs.Count} model runs cannot reject at α "
                + $"= {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the least p is 1/(runs + 1), so at "
                + $"least {Math.Max(2, minRuns)} are needed");
        if (real.Count == 0 || runs.Any(r => r.Count == 0))
            throw new ArgumentException("the real sample and every run need at least one value");
        var x = Sorted(real);
        var sortedRuns = runs.Select(Sorted).ToArray();
        var pool = new double[sortedRuns.Sum(r => r.Length)];
        int at = 0;
        foreach (var r in sortedRuns) { r.CopyTo(pool, at); at += r.Length; }
        Array.Sort(pool);
        double observed = KolmogorovSmirnov.Statistic(x, pool);
        var runDs = sortedRuns.Select(r => LeaveOneOutD(pool, r)).ToArray();
        int naive = sortedRuns.Zip(runDs).Count(t => KolmogorovSmirnov.PValue(t.Second, t.First.Length,
            pool.Length - t.First.Length) < alpha);
        return new MonteCarloKsResult(observed, PValue(observed, runDs), alpha, runDs, naive);
    }

    /// <summary>
    /// KS D between one run (ascending) and the pool of the others: <paramref name="pool"/>
    /// (ascending) holds every run's values, this one's among them. Both CDFs only step at pool
    /// values, so the sup is taken there, without building the pool of the others.
    /// </summary>
    public static double LeaveOneOutD(double[] pool, double[] run)
    {
        int others = pool.Length - run.Length;
        if (others <= 0) throw new ArgumentException("the pool must hold values of other runs too");
        double d = 0;
        int i = 0, j = 0;
        while (i < pool.Length)
        {
            double x = pool[i];
            while (i < pool.Length && pool[i] <= x) i++;
            while (j < run.Length && run[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)j / run.Length - (double)(i - j) / others));
        }
        return d;
    }

    private static double[] Sorted(IReadOnlyCollection<double> xs)
    {
        var a = xs.ToArray();
        if (a.Any(double.IsNaN)) throw new ArgumentException("samples must not contain NaN");
        Array.Sort(a);
        return a;
    }
}
