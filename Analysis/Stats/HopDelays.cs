using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Stats;

/// <summary>One copy of a gossip message crossing one link: how long it took (or at least took), and how many copies its sender sent at
/// once.</summary>
public readonly record struct HopDelay(Duration Delay, int SenderFanOut);

/// <summary>
/// Every gossip hop of a run, from its trace: a copy leaves a peer when the peer first receives
/// (or creates) the message, and goes to each neighbour it did not come from. Its delay runs from
/// that first receipt at the sender to the first receipt at the neighbour, so it holds the
/// sender's own work and queueing, the link, and the receiver's reading: all a simulator's one
/// link delay stands for. The copy the neighbour first received is seen whole; every other copy
/// sent to it before that receipt is censored there (it was still under way). Copies sent after the
/// neighbour already had the message tell nothing and are left out.
/// </summary>
public static class HopDelays
{
    /// <param name="endTime">Events at or after this time are left out; null = up to the trace's run-end event.</param>
    public static List<HopDelay> Of(IEnumerable<TraceEvent> events, TimeSpan? endTime = null)
    {
        var nodes = new TraceFold(neighbours: true);
        var receipts = new Dictionary<(MessageId, NodeAddress), long>();
        var underWay = new Dictionary<(MessageId, NodeAddress), List<(NodeAddress from, long sent, int fanOut)>>();
        var hops = new List<HopDelay>();
        foreach (var e in events)
        {
            if (e.Kind == TraceKind.RunEnded || (endTime is { } stop && e.Time >= stop)) break;
            nodes.Apply(e);
            if (e.Kind == TraceKind.GossipCreated && receipts.TryAdd((e.Message, e.Node), e.Time.Ticks))
                Send(e.Message, e.Node, NodeAddress.None, e.Time.Ticks);
            else if (e.Kind == TraceKind.GossipDelivered && receipts.TryAdd((e.Message, e.Node), e.Time.Ticks))
            {
                long at = e.Time.Ticks;
                bool winnerSeen = false;
                if (underWay.Remove((e.Message, e.Node), out var copies))
                    foreach (var (from, sent, fanOut) in copies)
                    {
                        if (sent > at) continue;
                        hops.Add(new HopDelay(new Duration(Seconds(at - sent), from == e.Peer), fanOut));
                        winnerSeen |= from == e.Peer;
                    }
                // A link the trace shows only after the copy crossed it: the winner still counts, its fan-out unknown (0).
                if (!winnerSeen && receipts.TryGetValue((e.Message, e.Peer), out long sentByWinner) && sentByWinner <= at)
                    hops.Add(new HopDelay(new Duration(Seconds(at - sentByWinner), true), 0));
                Send(e.Message, e.Node, e.Peer, at);
            }
        }
        return hops;

        void Send(MessageId message, NodeAddress sender, NodeAddress cameFrom, long at)
        {
            var neighbours = nodes.Get(sender).Neighbours!;
            int fanOut = neighbours.Count - (neighbours.Contains(cameFrom) ? 1 : 0);
            foreach (var to in neighbours)
            {
                if (to == cameFrom || receipts.ContainsKey((message, to))) continue;
                if (!underWay.TryGetValue((message, to), out var copies)) underWay[(message, to)] = copies = new();
                copies.Add((sender, at, fanOut));
            }
        }
    }

    private static double Seconds(long ticks) => ticks / (double)TimeSpan.TicksPerSecond;
}
