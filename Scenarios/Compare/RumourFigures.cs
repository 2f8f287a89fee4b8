using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Compare;

/// <summary>One rumour's epidemic as Demers et al. (PODC 1987, Table 1) measure it: the residue s (the share of the n sites that
/// never heard it), and the convergence, in cycles, t_ave (the mean cycle a site that heard it first heard it) and t_last (the
/// cycle the last one did).</summary>
public sealed record RumourEpidemic(MessageId Rumour, double Residue, double TAve, int TLast);

/// <summary>
/// Demers et al.'s figures from a run's trace: each rumour's residue and convergence (<see cref="RumourEpidemic"/>), and the
/// traffic m, rumour pushes (gossip sent) per site per rumour. A delivery's cycle is its delay from the rumour's creation divided
/// by the cycle, rounded down: the originator's first push lands in cycle 1 plus a link's delay, a receiver pushes a cycle after
/// its receipt, so a site reached in round j is reached at j cycles plus the few milliseconds its path's links took.
/// </summary>
public sealed class RumourFigures
{
    public required IReadOnlyList<RumourEpidemic> Rumours { get; init; }

    /// <summary>Pushes per site per rumour: every peer's gossip sent (its counters at stop), over sites and rumours.</summary>
    public required double Traffic { get; init; }

    /// <param name="sites">n: every peer of the run (the originator included, as in the paper).</param>
    public static RumourFigures Of(IEnumerable<TraceEvent> trace, int sites, TimeSpan cycle)
    {
        var created = new List<MessageId>();
        var cycles = new Dictionary<MessageId, List<int>>();
        long pushes = 0;
        foreach (var e in trace)
        {
            switch (e.Kind)
            {
                case TraceKind.GossipCreated:
                    created.Add(e.Message);
                    cycles[e.Message] = [];
                    break;
                case TraceKind.GossipDelivered when cycles.TryGetValue(e.Message, out var at):
                    at.Add((int)Math.Floor((e.Time.Ticks - e.B) / (double)cycle.Ticks));
                    break;
                case TraceKind.GossipCounters:
                    pushes += e.B;
                    break;
            }
        }
        var rumours = created.Select(id =>
        {
            var at = cycles[id];
            return new RumourEpidemic(id, (sites - 1 - at.Count) / (double)sites, at.Count == 0 ? 0 : at.Average(), at.Count == 0 ? 0 : at.Max());
        }).ToArray();
        return new RumourFigures { Rumours = rumours, Traffic = rumours.Length == 0 ? 0 : pushes / (double)sites / rumours.Length };
    }
}
