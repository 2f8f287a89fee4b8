using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run;

/// <summary>Which peers create gossip: the same peers on every runtime, for the same scenario and seed.</summary>
public static class OriginPicker
{
    /// <summary>All peers (classic), or k drawn from the run's own stream.</summary>
    public static bool[] Choose(Scenario s, ulong seed)
    {
        int k = ScenarioConfig.OriginsOf(s);
        var result = new bool[s.Peers];
        if (k < 0) { Array.Fill(result, true); return result; }
        var rng = RunStreams.Originators(seed);
        var order = Enumerable.Range(0, s.Peers).ToArray();
        rng.Shuffle(order.AsSpan());
        foreach (int i in order.Take(k)) result[i] = true;
        return result;
    }
}
