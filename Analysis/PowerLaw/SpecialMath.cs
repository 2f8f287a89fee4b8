namespace GossipSim.Analysis.PowerLaw;

/// <summary>The few accurate elementary functions the likelihoods need that System.Math lacks.</summary>
internal static class SpecialMath
{
    private const double Ln2 = 0.69314718055994530942;
    private const double LnSqrt2Pi = 0.91893853320467274178;

    /// <summary>e^x - 1, accurate for small x (via tanh, which is).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5) return Math.Exp(x) - 1;
        double t = Math.Tanh(x / 2);
        return 2 * t / (1 - t);
    }

    /// <summary>ln(1 + x), accurate for small x (Goldberg's correction).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>ln(1 - e^a) for a ≤ 0 (Mächler 2012).</summary>
    public static double Log1MinusExp(double a) => a > -Ln2 ? Math.Log(-Expm1(a)) : Log1p(-Math.Exp(a));

    /// <summary>ln Φ(z), the standard normal CDF, without underflow far in the lower tail.</summary>
    public static double LogNormalCdf(double z)
    {
        if (z > 0) return Log1p(-0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2)));
        if (z > -37) return Math.Log(0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z / Math.Sqrt(2)));
        // Mills-ratio asymptotics: Φ(z) ≈ φ(z)/|z| · (1 - 1/z² + 3/z⁴ - 15/z⁶ + 105/z⁸).
        double w = 1 / (z * z);
        return -0.5 / w - LnSqrt2Pi - Math.Log(-z) + Math.Log(1 - w + 3 * w * w - 15 * w * w * w + 105 * w * w * w * w);
    }

    /// <summary>ln(Φ(b) - Φ(a)) for a &lt; b, from whichever side of the normal keeps the precision.</summary>
    public static double LogNormalInterval(double a, double b)
    {
        if (a >= 0)
        {
            // Upper tail: Φ(b) - Φ(a) = Φ(-a) - Φ(-b).
            double la = LogNormalCdf(-a), lb = LogNormalCdf(-b);
            return la + Log1MinusExp(lb - la);
        }
        if (b <= 0)
        {
            double lb = LogNormalCdf(b), la = LogNormalCdf(a);
            return lb + Log1MinusExp(la - lb);
        }
        return Math.Log(1 - Math.Exp(LogNormalCdf(a)) - Math.Exp(LogNormalCdf(-b)));
    }
}
