namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// The tables of Marsaglia and Tsang's ziggurat for the standard exponential (J. Stat. Softw. 5(8), 2000), 256 layers: a draw
/// is one 64-bit word, a multiplication and a compare 98.9 % of the time, where the inverse transform, -ln(1 - U), costs a
/// logarithm every time (PHOLD at 10^3 processes spent 17.6 % of its samples in <c>log</c>, docs/performance.md section 1).
/// Exact: the layers cover the density; a point outside the curve is rejected and drawn again, the tail beyond
/// <see cref="R"/> drawn as <see cref="R"/> plus an exponential (the distribution forgets where it starts).
/// </summary>
/// <remarks>
/// Layer i (1 to 255) is the rectangle of width X[i] between heights F[i] = e^-X[i] and F[i+1]; every layer, the base one with the
/// tail included, has the area <see cref="V"/>. X decreases from X[0] = V / e^-R (the base's width) through X[1] = R to X[256] = 0.
/// </remarks>
internal static class ExponentialZiggurat
{
    /// <summary>Where the tail starts: the rightmost layer edge for 256 layers.</summary>
    public const double R = 7.69711747013104972;
    /// <summary>Each layer's area.</summary>
    public const double V = 0.0039496598225815571993;

    public static readonly double[] X = new double[257];
    public static readonly double[] F = new double[257];

    static ExponentialZiggurat()
    {
        X[0] = V / Math.Exp(-R);
        X[1] = R;
        // Each layer's area is V: e^-X[i+1] = e^-X[i] + V / X[i].
        for (int i = 1; i < 255; i++) X[i + 1] = -Math.Log(V / X[i] + Math.Exp(-X[i]));
        X[256] = 0;
        for (int i = 0; i < 257; i++) F[i] = Math.Exp(-X[i]);
    }
}
