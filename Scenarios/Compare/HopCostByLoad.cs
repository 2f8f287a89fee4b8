namespace GossipSim.Scenarios.Compare;

/// <summary>
/// How a real hop's cost on loopback follows the load (<see cref="HopLoad"/>: copies of gossip a core serves a second), as factors
/// on a model measured at one load. A hop's cost is a part that does not grow with the load (the node's own work on a copy) and a
/// part that grows as the square root of it: the load grows with the square of the peers (each creates messages and each
/// message reaches every peer), and a woken node waits for a turn at a core among the others, whose number grows with the
/// peers. So a factor is (floor + √(load / reference)) / (floor + 1): 1 at the reference load, the floor's share at no load.
/// The path (each copy's delay) and the slot (a node's turn after a message's creation) have a floor each.
/// </summary>
/// <param name="ReferenceLoad">The load of the run the model was fitted to, where both factors are 1.</param>
/// <param name="PathFloor">The path's part that does not grow with the load, over its part that does at the reference load.</param>
/// <param name="SlotFloor">The same for the slot.</param>
/// <param name="Fitted">On which runs the floors were fitted, and how well they held on runs held out.</param>
public sealed record HopCostByLoad(double ReferenceLoad, double PathFloor, double SlotFloor, string Fitted)
{
    /// <summary>The path's and the slot's factors at <paramref name="load"/> (a load of 0, nobody gossiping: the floors' shares).</summary>
    public (double Path, double Slot) FactorsAt(double load)
    {
        if (!(ReferenceLoad > 0)) return (1, 1);   // measured where nobody gossiped: no load to scale from
        double root = Math.Sqrt(Math.Max(0, load) / ReferenceLoad);
        return (Factor(PathFloor, root), Factor(SlotFloor, root));
    }

    /// <summary>The same floors for a model measured at <paramref name="load"/> (a calibration's own): its factors are 1 there.</summary>
    public HopCostByLoad At(double load) => this with
    {
        ReferenceLoad = load,
        Fitted = $"the floors of the model shipped with this build ({Fitted}), at the load of the calibration's own run",
    };

    private static double Factor(double floor, double root) => (floor + root) / (floor + 1);
}
