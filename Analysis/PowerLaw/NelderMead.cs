namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Nelder–Mead minimisation in a few dimensions (standard coefficients, shrink on failure).
/// Deterministic, allocation-light, and it never throws on reaching the iteration cap: it
/// returns the best point found, which is what a likelihood-ratio test needs.
/// </summary>
internal static class NelderMead
{
    public static (double[] Point, double Value) Minimize(Func<double[], double> f, double[] start, double[] step,
        int maxIterations = 2000, double tolerance = 1e-10)
    {
        int d = start.Length;
        var simplex = new double[d + 1][];
        var values = new double[d + 1];
        for (int i = 0; i <= d; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0) simplex[i][i - 1] += step[i - 1];
            values[i] = Safe(f(simplex[i]));
        }
        var centroid = new double[d];
        var trial = new double[d];
        var trial2 = new double[d];
        for (int iter = 0; iter < maxIterations; iter++)
        {
            // Order: best first.
            Array.Sort(values, simplex);
            if (Math.Abs(values[d] - values[0]) <= tolerance * (Math.Abs(values[0]) + tolerance)) break;

            Array.Clear(centroid);
            for (int i = 0; i < d; i++)
                for (int k = 0; k < d; k++) centroid[k] += simplex[i][k] / d;

            Along(centroid, simplex[d], -1.0, trial); // reflection
            double fr = Safe(f(trial));
            if (fr < values[0])
            {
                Along(centroid, simplex[d], -2.0, trial2); // expansion
                double fe = Safe(f(trial2));
                if (fe < fr) Replace(simplex, values, d, trial2, fe);
                else Replace(simplex, values, d, trial, fr);
            }
            else if (fr < values[d - 1])
            {
                Replace(simplex, values, d, trial, fr);
            }
            else
            {
                bool outside = fr < values[d];
                Along(centroid, simplex[d], outside ? -0.5 : 0.5, trial2); // contraction
                double fc = Safe(f(trial2));
                if (fc < Math.Min(fr, values[d]))
                {
                    Replace(simplex, values, d, trial2, fc);
                }
                else
                {
                    for (int i = 1; i <= d; i++)
                    {
                        for (int k = 0; k < d; k++) simplex[i][k] = simplex[0][k] + 0.5 * (simplex[i][k] - simplex[0][k]);
                        values[i] = Safe(f(simplex[i]));
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) if (values[i] < values[best]) best = i;
        return (simplex[best], values[best]);
    }

    // centroid + t · (worst - centroid)
    private static void Along(double[] centroid, double[] worst, double t, double[] into)
    {
        for (int k = 0; k < centroid.Length; k++) into[k] = centroid[k] + t * (worst[k] - centroid[k]);
    }

    private static void Replace(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }

    private static double Safe(double v) => double.IsNaN(v) ? double.PositiveInfinity : v;
}
