namespace GossipSim.Scenarios.Compare;

/// <summary>
/// How a real hop's cost on loopback follows the load (<see cref="HopLoad"/>: copies of gossip a core serves a second), as two
/// powers of the load over the load a model was measured at, r = load / ReferenceLoad (docs/calibration.md, "Without calibration"):
/// <list type="bullet">
/// <item>a factor on every gossip delay, Scale · r^Exponent: a node process waits for its turn at a core among the others, and
/// both the copies and the processes grow with the peers;</item>
/// <item>a spread, r^SpreadExponent, the power on each of the model's delays over its table's median: on a quiet machine a hop
/// costs about the same every time (10 peers here: 95th percentile 3.4 times the median), on a busy one the turns scatter (30
/// peers: 7 times).</item>
/// </list>
/// Both were fitted on real runs of one scenario at several sizes, where the load grows with the square of the peers.
/// </summary>
/// <param name="ReferenceLoad">The load of the run the model was measured at.</param>
/// <param name="Scale">The factor there, as the fit over all sizes gives it (1 for a model used only at its own load).</param>
/// <param name="Exponent">How fast the factor grows with the load.</param>
/// <param name="SpreadExponent">How fast the spread grows with the load.</param>
/// <param name="Fitted">On which runs the powers were fitted.</param>
public sealed record HopCostByLoad(double ReferenceLoad, double Scale, double Exponent, double SpreadExponent, string Fitted)
{
    /// <summary>The factor at <paramref name="load"/>.</summary>
    public double FactorAt(double load) => Scale * Math.Pow(Ratio(load), Exponent);

    /// <summary>The spread at <paramref name="load"/>: 1 keeps the model's tables as measured, below 1 narrows them.</summary>
    public double SpreadAt(double load) => Math.Pow(Ratio(load), SpreadExponent);

    /// <summary>The load over the reference. A load below a hundredth of it (almost nobody gossiping) counts as that hundredth: its
    /// gossip is too sparse to say more, and a ratio of 0 would make hops free. A model measured where nobody gossiped is not
    /// scaled at all.</summary>
    private double Ratio(double load) => ReferenceLoad > 0 ? Math.Max(load, ReferenceLoad / 100) / ReferenceLoad : 1;

    /// <summary>The same powers for a model measured at <paramref name="load"/> (a calibration's own): factor and spread 1 there.</summary>
    public HopCostByLoad At(double load) => this with
    {
        ReferenceLoad = load,
        Scale = 1,
        Fitted = $"the powers of the model shipped with this build ({Fitted}), from the load of the calibration's own run",
    };
}
