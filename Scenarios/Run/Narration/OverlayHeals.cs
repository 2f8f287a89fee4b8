using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Narration;

/// <summary>
/// When the overlay has healed around each crashed peer, as the run's <see cref="TraceFold"/>
/// (its links kept) tells it: every live peer that was linked to the crashed one has dropped
/// that link, each has a link again, and they are connected to each other without it. A crash
/// that leaves them apart gives no heal until they are joined again (or never). Fed each event
/// after the fold.
/// </summary>
public sealed class OverlayHeals(TraceFold nodes)
{
    private sealed class Watch(NodeAddress crashed, TimeSpan at, HashSet<NodeAddress> linked)
    {
        public readonly NodeAddress Crashed = crashed;
        public readonly TimeSpan At = at;
        /// <summary>The live peers that were linked to it.</summary>
        public readonly HashSet<NodeAddress> Linked = linked;
        /// <summary>Of them, those that still hold their link to it.</summary>
        public readonly HashSet<NodeAddress> Holding = new(linked);
        public int NewLinks;
    }

    private readonly List<Watch> _watches = new();

    /// <summary>The heals <paramref name="e"/> completes, in words (usually none).</summary>
    public List<string> After(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.CrashInjected:
            {
                var crashed = e.Node;
                Forget(crashed);
                var linked = nodes.Nodes.Where(n => n.State is { IsPeer: true, IsUp: true } && n.State.Neighbours!.Contains(crashed))
                    .Select(n => n.Address).ToHashSet();
                if (linked.Count > 0 && nodes.Find(crashed) is { IsPeer: true }) _watches.Add(new Watch(crashed, e.Time, linked));
                break; // the crashed peer may have been the last one another heal waited for
            }
            case TraceKind.NodeStopped or TraceKind.NodeStarted:
                Forget(e.Node);
                break;
            case TraceKind.LinkDown:
                foreach (var w in _watches) if (w.Crashed == e.Peer) w.Holding.Remove(e.Node);
                break;
            case TraceKind.LinkUp:
                foreach (var w in _watches) if (w.Crashed != e.Peer && w.Linked.Contains(e.Node)) w.NewLinks++;
                break;
            default:
                return [];
        }
        var healed = new List<string>();
        foreach (var w in _watches.Where(w => w.Holding.Count == 0).ToList())
        {
            if (w.Linked.Count > 0 && !Joined(w.Linked)) continue;
            _watches.Remove(w);
            if (w.Linked.Count == 0) continue; // every peer linked to it is gone too: nothing left to heal
            string links = w.NewLinks == 0 ? "no new link was needed" : w.NewLinks == 1 ? "1 new link" : $"{w.NewLinks} new links";
            string seconds = $"{(e.Time - w.At).TotalSeconds:F1} s after it crashed";
            healed.Add(w.Linked.Count == 1
                ? $"overlay healed: the peer that was linked to peer {w.Crashed} has dropped it and is linked again ({links}), {seconds}"
                : $"overlay healed: the {w.Linked.Count} peers that were linked to peer {w.Crashed} have dropped it and are connected again "
                    + $"without it ({links}), {seconds}");
        }
        return healed;
    }

    /// <summary>Whether <paramref name="peers"/> each have a link and reach each other over the live overlay (a link counts from either
    /// side: one side may trace it a moment before the other).</summary>
    private bool Joined(HashSet<NodeAddress> peers)
    {
        if (peers.Any(p => nodes.Find(p) is not { IsUp: true, Neighbours.Count: > 0 })) return false;
        var links = new Dictionary<NodeAddress, List<NodeAddress>>();
        foreach (var (a, state) in nodes.Nodes)
        {
            if (!state.IsUp) continue;
            foreach (var b in state.Neighbours!)
            {
                if (nodes.Find(b) is not { IsUp: true }) continue;
                (links.TryGetValue(a, out var fromA) ? fromA : links[a] = new()).Add(b);
                (links.TryGetValue(b, out var fromB) ? fromB : links[b] = new()).Add(a);
            }
        }
        var start = peers.First();
        var reached = new HashSet<NodeAddress> { start };
        var next = new Queue<NodeAddress>([start]);
        while (next.Count > 0)
            foreach (var m in links.GetValueOrDefault(next.Dequeue()) ?? [])
                if (reached.Add(m)) next.Enqueue(m);
        return peers.All(reached.Contains);
    }

    /// <summary>A node that stops or starts again is no longer waited for, and a crashed one that restarts needs no heal.</summary>
    private void Forget(NodeAddress node)
    {
        _watches.RemoveAll(w => w.Crashed == node);
        foreach (var w in _watches)
        {
            w.Linked.Remove(node);
            w.Holding.Remove(node);
        }
    }
}
