using System.Diagnostics.CodeAnalysis;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer's neighbours and what it tells the seeds about them: a link made or lost is traced
/// and reported as the peer's degree, and the first link starts the failure detector and the gossip timer.
/// </summary>
internal struct Neighbourhood
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public Neighbourhood() { }

    private NeighbourTable _table = new(); // a mutable struct held in place (never copied)
    private bool _pingingStarted;                 // the failure detector and the gossip timer run from the first link on
    private long _degreeReports;                  // numbers the reports, so seeds can put them in order
    private List<NodeAddress>? _linksToName;      // peers that accepted our link requests since the last report
    private bool _degreeReportDue;                // links were added while our link requests were out

    /// <summary>The table itself, changed in place through the ref.</summary>
    [UnscopedRef] public ref NeighbourTable Table => ref _table;

    public int Count => _table.Count;

    public bool Contains(NodeAddress a) => _table.Contains(a);

    /// <param name="life">The life its messages carry (its pongs are checked against it).</param>
    /// <param name="certificate">The membership certificate it showed with the link: the key it binds (from now on only that key
    /// may speak for <paramref name="a"/> here), and the membership incarnation the link is of, so a removal of an earlier one
    /// (a rejoined member's, still spreading) does not end it, whatever the protocol.</param>
    public void AddNeighbour(PeerNode peer, NodeAddress a, long life, in MembershipCertificate certificate, string why)
    {
        var ctx = peer.Self.Ctx;
        _table.Add(a, life, certificate.Incarnation);
        if (certificate.Key is { } key) peer.Self.Identity.Bind(a, key);
        peer.Linker.LinkMade();
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.LinkUp, peer.Self.Address, a));
        peer.Gossip.OnLink(peer, a, up: true);
        peer.Liveness.OnLink(peer, a, up: true);
        // Not Detail(() => ...): a lambda capturing the parameters costs two objects per call
        // (its closure is made on entry to the method), logged or not.
        if (ctx.LogEnabled) peer.Self.Log($"connected to neighbour {a} ({why}); degree {_table.Count}");
        // While our own link requests are out, one report when the last is answered (or times
        // out) says the same as one per link: a newcomer reports its three links once, not three
        // times over (each report is also relayed to the other seeds).
        if (peer.Linker.PendingLinkCount > 0) _degreeReportDue = true;
        else ReportDegree(peer);
        if (_pingingStarted) return;
        _pingingStarted = true;
        var config = peer.Self.Config;
        peer.Liveness.OnFirstLink(peer);
        if (config.Originates && config.MessagesPerPeer > 0)
            ctx.SetTimer(config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    /// <returns>Whether the link was one this peer asked for (<see cref="NeighbourEntry.Chosen"/>): its loss is this peer's to
    /// replace (<see cref="SeedPa.LinkLoss"/>).</returns>
    public bool RemoveNeighbour(PeerNode peer, NodeAddress a, string why)
    {
        int at = _table.IndexOf(a);
        if (at < 0) return false;
        bool chosen = _table.At(at).Chosen;
        _table.Remove(a);
        peer.Liveness.OnLink(peer, a, up: false);
        peer.Self.Identity.Unbind(a);
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.LinkDown, peer.Self.Address, a, Detail: why));
        peer.Gossip.OnLink(peer, a, up: false);
        ReportDegree(peer);
        return chosen; // the caller tells the overlay (Linker.LinkDown) once it has done its part

    }

    /// <summary>A peer accepted our link request: the next degree report names it.</summary>
    public void NameAtNextReport(NodeAddress acceptor) => (_linksToName ??= new List<NodeAddress>()).Add(acceptor);

    public void ReportDegreeIfDue(PeerNode peer)
    {
        if (_degreeReportDue && peer.Linker.PendingLinkCount == 0) ReportDegree(peer);
    }

    /// <summary>
    /// Seeds need degrees for preferential attachment (R3). One seed is told, always the same one, and it relays to the others;
    /// the reports are numbered, as messages (and relays) can overtake each other. A report names the peers that accepted our
    /// link requests since the last (<see cref="DegreeUpdate.Linked"/>): the seeds believe a degree as far as the other ends back it.
    /// </summary>
    /// <param name="refresh">The periodic one: the seed answers it with a renewal of this peer's certificate and the recent removals.</param>
    public void ReportDegree(PeerNode peer, bool refresh = false)
    {
        _degreeReportDue = false;
        if (peer.Joiner.AcceptedCount == 0) return;
        var linked = _linksToName is { Count: > 0 } ? _linksToName.ToArray() : null;
        _linksToName = null; // most peers link only while they join: a settled peer keeps no empty list
        peer.Self.SendToSeed(peer.Joiner.ReportSeed(peer, refresh), new DegreeUpdate(peer.Joiner.Incarnation, _table.Count, ++_degreeReports, linked, refresh));
    }
}
