using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R8: preferential attachment. Pure: candidates, how many, what to avoid, and the node's Rng.
/// </summary>
public static class NeighbourChoice
{
    /// <summary>
    /// From what the seeds sent: their degree-proportional draws in order, then, for links still
    /// wanted, a degree-proportional choice from their whole lists. Each part is preferential
    /// attachment on its own; a pool holds both only while the seeds' lists cross the size at
    /// which they stop sending the whole list.
    /// </summary>
    public static List<NodeAddress> FromPool(IReadOnlyList<PeerListEntry> draws, IReadOnlyList<PeerListEntry> whole, int count,
        Func<NodeAddress, bool> excluded, Rng rng,
        HostSpread? spread = null)
    {
        var passed = spread == null ? null : new List<NodeAddress>();
        var chosen = FromDraws(draws, count, excluded, spread, passed);
        if (chosen.Count < count && whole.Count > 0)
            chosen.AddRange(FromCompleteList(whole, count - chosen.Count, a => excluded(a) || chosen.Contains(a)
                || passed?.Contains(a) == true, rng, spread, passed));
        // Nobody left on another IP: the peers passed over, in the order they were drawn.
        if (passed != null)
            for (int i = 0; i < passed.Count && chosen.Count < count; i++)
                if (!chosen.Contains(passed[i])) chosen.Add(passed[i]);
        return chosen;
    }

    /// <summary>
    /// From a complete peer list: <paramref name="count"/> distinct peers, each drawn with
    /// probability proportional to max(degree, 1) among those not yet drawn.
    /// </summary>
    /// <param name="passed">Where the candidates the spread passed over go, in the order drawn (they stay out of this choice).</param>
    public static List<NodeAddress> FromCompleteList(IReadOnlyList<PeerListEntry> entries, int count,
        Func<NodeAddress, bool> excluded, Rng rng,
        HostSpread? spread = null, List<NodeAddress>? passed = null)
    {
        var candidates = new List<PeerListEntry>();
        var index = new Dictionary<NodeAddress, int>();
        foreach (var e in entries)
        {
            if (excluded(e.Address)) continue;
            if (index.TryGetValue(e.Address, out int i))
            {
                // Two seeds may report a degree a little apart: take the newer (larger) one.
                if (e.Degree > candidates[i].Degree) candidates[i] = e;
                continue;
            }
            index[e.Address] = candidates.Count;
            candidates.Add(e);
        }
        var chosen = new List<NodeAddress>(count);
        var weights = candidates.Select(c => (long)Math.Max(c.Degree, 1)).ToArray();
        long total = weights.Sum();
        while (chosen.Count < count && total > 0)
        {
            long target = (long)rng.NextUInt64((ulong)total);
            int pick = 0;
            for (; pick < weights.Length; pick++)
            {
                if (target < weights[pick]) break;
                target -= weights[pick];
            }
            var address = candidates[pick].Address;
            total -= weights[pick];
            weights[pick] = 0;
            if (spread != null && !spread.Allows(address))
            {
                passed?.Add(address);
                continue;
            }
            spread?.Take(address);
            chosen.Add(address);
        }
        return chosen;
    }

    /// <summary>
    /// From degree-proportional draws made by the seeds: each entry already is one
    /// preferential-attachment draw, so take them in order, skipping repeats and exclusions.
    /// </summary>
    public static List<NodeAddress> FromDraws(IReadOnlyList<PeerListEntry> draws, int count, Func<NodeAddress, bool> excluded,
        HostSpread? spread = null, List<NodeAddress>? passed = null)
    {
        var chosen = new List<NodeAddress>(count);
        foreach (var e in draws)
        {
            if (chosen.Count == count) break;
            if (excluded(e.Address) || chosen.Contains(e.Address)) continue;
            if (spread != null && !spread.Allows(e.Address))
            {
                if (passed?.Contains(e.Address) == false) passed.Add(e.Address);
                continue;
            }
            spread?.Take(e.Address);
            chosen.Add(e.Address);
        }
        return chosen;
    }
}
