namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// ln ζ(s, q) with its first two derivatives in s, where ζ(s, q) = Σ_{k≥0} (q + k)^-s is the
/// normalising constant of the discrete power law (s = alpha, q = xmin).
/// Euler–Maclaurin: a sum up to a = q + N (a ≥ max(10, s)), then integral, half-term and Bernoulli
/// corrections (error like a^-(s+2M+1)). Terms are relative to q^-s against underflow, which leaves the
/// ln ζ and ratios ζ'/ζ, ζ''/ζ the callers need unchanged.
/// </summary>
public static class HurwitzZeta
{
    /// <summary>ln ζ and the derivative ratios; <c>D1</c> = ζ'/ζ, <c>D2</c> = ζ''/ζ (derivatives in s).</summary>
    public readonly record struct Terms(double Log, double D1, double D2)
    {
        /// <summary>Var[ln X] under the discrete power law = d² ln ζ / ds².</summary>
        public double LogVariance => D2 - D1 * D1;
    }

    // B_{2j} / (2j)! for j = 1..12.
    private static readonly double[] BernoulliOverFactorial =
    {
        1.0 / 6 / 2,
        -1.0 / 30 / 24,
        1.0 / 42 / 720,
        -1.0 / 30 / 40320,
        5.0 / 66 / 3628800,
        -691.0 / 2730 / 479001600,
        7.0 / 6 / 87178291200,
        -3617.0 / 510 / 20922789888000,
        43867.0 / 798 / 6402373705728000,
        -174611.0 / 330 / 2432902008176640000,
        854513.0 / 138 / 1.1240007277776077e21,
        -236364091.0 / 2730 / 6.2044840173323941e23,
    };

    public static double Value(double s, double q) => Math.Exp(Evaluate(s, q, derivatives: false).Log);

    public static double Log(double s, double q) => Evaluate(s, q, derivatives: false).Log;

    public static Terms Evaluate(double s, double q) => Evaluate(s, q, derivatives: true);

    private static Terms Evaluate(double s, double q, bool derivatives)
    {
        if (!(s > 1)) throw new ArgumentOutOfRangeException(nameof(s), s, "Hurwitz zeta needs s > 1");
        if (!(q > 0) || double.IsInfinity(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "Hurwitz zeta needs q > 0");

        double lnQ = Math.Log(q);
        double start = Math.Max(10.0, s);
        int n = q >= start ? 0 : (int)Math.Ceiling(start - q);

        double sum0 = 0, sum1 = 0, sum2 = 0;
        for (int k = 0; k < n; k++)
        {
            double lk = Math.Log(q + k);
            double t = Math.Exp(-s * (lk - lnQ));
            sum0 += t;
            if (derivatives)
            {
                sum1 -= lk * t;
                sum2 += lk * lk * t;
            }
        }

        double a = q + n;
        double la = n == 0 ? lnQ : Math.Log(a);
        double ta = Math.Exp(-s * (la - lnQ)); // (a/q)^-s

        // Integral from a to infinity: a^(1-s)/(s-1); g = 1/(s-1).
        double g = 1.0 / (s - 1), g1 = -g * g, g2 = 2 * g * g * g;
        double integral = a * ta;
        sum0 += integral * g + 0.5 * ta;
        if (derivatives)
        {
            sum1 += integral * (-la * g + g1) - 0.5 * la * ta;
            sum2 += integral * (la * la * g - 2 * la * g1 + g2) + 0.5 * la * la * ta;
        }

        // Bernoulli corrections: C_j · P_j(s) · a^(-s-2j+1), P_j(s) = s(s+1)...(s+2j-2).
        double p = s, p1 = 1, p2 = 0;
        double aPow = ta / a; // scaled a^(-s-1)
        double invA2 = 1.0 / (a * a);
        double previous = double.PositiveInfinity;
        for (int j = 0; j < BernoulliOverFactorial.Length; j++)
        {
            double c = BernoulliOverFactorial[j] * aPow;
            double term = c * p;
            if (Math.Abs(term) > previous) break; // asymptotic series started to diverge
            sum0 += term;
            if (derivatives)
            {
                sum1 += c * (p1 - la * p);
                sum2 += c * (p2 - 2 * la * p1 + la * la * p);
            }
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum0)) break;
            previous = Math.Abs(term);
            // P_{j+1} = P_j (s + 2j + 1)(s + 2j + 2), with the product rule for the derivatives.
            for (int i = 2 * j + 1; i <= 2 * j + 2; i++)
            {
                double f = s + i;
                p2 = p2 * f + 2 * p1;
                p1 = p1 * f + p;
                p *= f;
            }
            aPow *= invA2;
        }

        return new Terms(Math.Log(sum0) - s * lnQ, sum1 / sum0, sum2 / sum0);
    }
}
