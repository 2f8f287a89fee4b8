using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Degrees, backed by the other end of each link (R3). Every member reports its degree to one
/// seed, which relays it to the other seeds; its reports also name the peers that accepted its
/// links (<see cref="DegreeUpdate.Linked"/>), and the seed counts each naming as an endorsement
/// of the target's degree, relays it with the degrees (<see cref="DegreeRelay"/>), and hands out
/// and draws by the believed degree (<see cref="DegreeBacking"/>). Reports and endorsements go
/// out in batches: when a batch fills, or when the relay delay is up.
/// </summary>
internal sealed class DegreeReports(SeedSelf self, PeerList peers, MemberCheck members, Renewals renewals)
{
    private List<DegreeReport>? _relayQueue; // reports to pass on, in the order they came
    private List<Endorsement>? _endorsementQueue; // and the endorsements
    private bool _relayFlushArmed;

    public void OnDegreeUpdate(NodeAddress from, DegreeUpdate m)
    {
        if (members.TellIfNotMember(from, m.Incarnation)) return;
        if (m.Refresh) renewals.AnswerRefresh(from, m.Incarnation);
        // Reports and refreshes go to one seed, which counts the member's silence: one that crashed still registering has
        // reported (its kept links) but never refreshed, and would otherwise be counted nowhere.
        peers.HeardReport(from, m.Incarnation);
        if (m.Linked != null) TakeEndorsements(new PeerId(from, m.Incarnation), m.Linked);
        int before = peers.DegreeOf(from);
        // A peer cannot have more links than there are other peers: a liar's claim is capped there.
        int degree = Math.Clamp(m.Degree, 0, Math.Max(0, peers.LiveCount - 1));
        if (!peers.SetDegree(from, m.Incarnation, degree, m.Report) || before == degree) return; // a refresh with no news is not relayed
        if (self.OtherSeeds.Length == 0) return;
        (_relayQueue ??= new List<DegreeReport>(self.Config.DegreeRelayBatch)).Add(new DegreeReport(from, m.Incarnation, degree, m.Report));
        RelayWhenDue(_relayQueue.Count);
    }

    /// <summary>A member's degree report named the peers that accepted its links: each naming endorses the target, here and, relayed, at
    /// the other seeds.</summary>
    private void TakeEndorsements(PeerId endorser, NodeAddress[] targets)
    {
        foreach (var target in targets)
        {
            if (!peers.Endorse(endorser, target, self.Config.EndorsementsPerMember) || self.OtherSeeds.Length == 0) continue;
            (_endorsementQueue ??= new()).Add(new Endorsement(endorser, target));
            RelayWhenDue(_endorsementQueue.Count);
        }
    }

    /// <summary>A list to relay grew to <paramref name="queued"/>: sent when it fills a batch, or when the relay delay is up.</summary>
    private void RelayWhenDue(int queued)
    {
        if (queued >= self.Config.DegreeRelayBatch) FlushRelay();
        else if (!_relayFlushArmed)
        {
            _relayFlushArmed = true;
            self.Ctx.SetTimer(self.Config.DegreeRelayDelay, new TimerTag(TimerKind.DegreeRelayFlush));
        }
    }

    /// <summary>The relay delay is up.</summary>
    public void OnRelayFlush()
    {
        _relayFlushArmed = false;
        FlushRelay();
    }

    /// <summary>One message for every other seed with the reports and endorsements gathered since the last.</summary>
    private void FlushRelay()
    {
        int reports = _relayQueue?.Count ?? 0, endorsements = _endorsementQueue?.Count ?? 0;
        if (reports == 0 && endorsements == 0) return;
        // immutable: one message for every seed
        var relay = new DegreeRelay(reports > 0 ? _relayQueue!.ToArray() : [], endorsements > 0 ? _endorsementQueue!.ToArray() : []);
        _relayQueue?.Clear();
        _endorsementQueue?.Clear();
        foreach (var s in self.OtherSeeds) self.Send(s, relay);
    }

    public void OnDegreeRelay(DegreeRelay m)
    {
        foreach (var e in m.Endorsements) peers.Endorse(e.Endorser, e.Target, self.Config.EndorsementsPerMember);
        peers.SetDegrees(m.Reports);
    }
}
