using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Analysis.Wan;

/// <summary>
/// Where a run's nodes are on the measured Internet: each node's country as the run's wan model placed it. The placement is a pure
/// function of the run's seed and the node's index, so the results ask the model (the same one the network drew delays from) rather
/// than the trace carrying a country per node; the runtime says how an address maps to an index.
/// </summary>
public sealed class NodePlaces
{
    private readonly WanLatency _model;
    private readonly Func<NodeAddress, int> _indexOf;
    private readonly string[] _continents;

    /// <param name="model">The run's model (<see cref="WanLatency.ForRun"/> with the run's seed): another seed places nodes elsewhere.</param>
    /// <param name="indexOf">A node's index in the run (seeds first), -1 for an address the run did not give.</param>
    public NodePlaces(WanLatency model, Func<NodeAddress, int> indexOf)
    {
        _model = model;
        _indexOf = indexOf;
        _continents = model.Atlas.Codes.Select(c => Continents.Of(c) ?? Continents.Antarctica).ToArray();
    }

    public WanAtlas Atlas => _model.Atlas;
    /// <summary>The mix's name as the model describes it ("atlas", "even", "5 countries").</summary>
    public string Mix => _model.Mix.Name;

    /// <summary>The node's country (an index into <see cref="WanAtlas.Codes"/>), or -1 for a node the run did not place.</summary>
    public int CountryOf(NodeAddress node) => _indexOf(node) is >= 0 and var i ? _model.CountryOf(i) : -1;

    public string ContinentOf(int country) => _continents[country];

    /// <summary>The node's index in the run, or -1.</summary>
    public int IndexOf(NodeAddress node) => _indexOf(node);
}
