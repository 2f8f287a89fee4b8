using System.Runtime.InteropServices;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Liveness;

/// <summary>
/// R11's failure detector, a <see cref="FailureDetectorRole"/>: every neighbour is pinged each interval; a ping still unanswered
/// at the next round is a miss, and the threshold of misses in a row makes a suspect (<see cref="ClassicRules.AtMiss"/>); some of
/// its other neighbours are asked to probe it, and their answers report it or not by <see cref="SuspicionVerdict"/>. It keeps no
/// state of its own: one object serves every peer of a process, and a peer's misses in a row are in its
/// <see cref="DetectorContext.State"/>, made at its first miss and let go when no neighbour has one (most peers never miss a ping).
/// </summary>
internal sealed class ClassicDetector : FailureDetectorRole
{
    public static readonly ClassicDetector Instance = new();

    private ClassicDetector() { }

    /// <summary>The timer of the ping round; any other argument is a round of witnesses' number (from 1 up), its timeout.</summary>
    private const long RoundTimer = 0;

    /// <summary>How many pings in a row a neighbour missed, and how many there had been when it was last reported. Few at any time
    /// (a crashed neighbour, until the seeds remove it), so kept here and not in every neighbour's entry; none is 0 and 0.</summary>
    private record struct MissCount(int InARow, int AtReport);

    public override void OnStart(DetectorContext peer) => peer.SetTimer(peer.Config.PingInterval, RoundTimer);

    public override void OnTimer(DetectorContext peer, long arg)
    {
        if (arg != RoundTimer)
        {
            if (peer.TryGetRound(arg, out var round)) Conclude(peer, round, VerdictOf(round, timeUp: true));
            return;
        }
        var neighbours = peer.Neighbours;
        for (int i = 0; i < neighbours.Length; i++)
        {
            if (peer.PingOutstanding(i)) OnPingMissed(peer, i, neighbours[i]);
            peer.Ping(i);
        }
        peer.SetTimer(peer.Config.PingInterval, RoundTimer);
    }

    private static void OnPingMissed(DetectorContext peer, int link, NodeAddress address)
    {
        var missed = peer.State as Dictionary<NodeAddress, MissCount>;
        if (missed == null) peer.State = missed = new Dictionary<NodeAddress, MissCount>();
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(missed, address, out _);
        int misses = ++count.InARow;
        var step = ClassicRules.AtMiss(peer.Health(link), misses, count.AtReport, peer.Config.MissesBeforeSuspect);
        peer.Missed(link, misses);
        if (step == MissStep.Count) return;
        if (step == MissStep.SuspectAgain) peer.SuspectAgain(link);
        var witnesses = peer.DrawWitnesses(link, peer.Config.SuspicionWitnesses);
        if (step == MissStep.Suspect)
        {
            peer.Suspect(link, witnesses.Length);
            if (peer.LogEnabled)
                peer.Log($"suspect {address}: no answer to {misses} liveness checks in a row; asking {witnesses.Length} of its "
                    + "other neighbours to probe it");
        }
        if (witnesses.Length == 0)
        {
            Decided(peer, link, address, SuspicionVerdict.Decide(0, 0, 0, timeUp: false), 0, 0);
            return;
        }
        long ask = peer.AskWitnesses(link, witnesses);
        peer.SetTimer(peer.Config.SuspicionQueryTimeout, ask);
    }

    public override void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer)
    {
        var verdict = VerdictOf(answer.Round, timeUp: false);
        if (verdict != Verdict.Wait) Conclude(peer, answer.Round, verdict);
    }

    private static Verdict VerdictOf(in WitnessRound r, bool timeUp) => SuspicionVerdict.Decide(r.Asked, r.Unreachable, r.Reachable, timeUp);

    private static void Conclude(DetectorContext peer, in WitnessRound round, Verdict verdict)
    {
        peer.EndRound(round.Ask);
        int link = peer.IndexOf(round.Suspect);
        if (link < 0) return; // removed meanwhile
        if (peer.Health(link) != NeighbourHealth.QueryingWitnesses) return; // it answered meanwhile
        Decided(peer, link, round.Suspect, verdict, round.Unreachable, round.Asked);
        if (verdict == Verdict.NotConfirmed && peer.LogEnabled)
            peer.Log($"suspicion of {round.Suspect} not confirmed: {round.Unreachable} of {round.Asked} asked could not reach "
                + $"it, {round.Reachable} could");
    }

    private static void Decided(DetectorContext peer, int link, NodeAddress suspect, Verdict verdict, int agreeing, int asked)
    {
        if (verdict != Verdict.Report)
        {
            peer.NotConfirmed(link);
            return;
        }
        // Reported at this count: with no answer from the seeds, report again after as many more.
        if (peer.State is Dictionary<NodeAddress, MissCount> missed && missed.TryGetValue(suspect, out var count))
            missed[suspect] = count with { AtReport = count.InARow };
        peer.Report(link, agreeing, asked);
    }

    /// <summary>The neighbour answered: its misses in a row end (its count at the last report matters only once reported again,
    /// which sets it anew).</summary>
    public override void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at) => Forget(peer, neighbour);

    /// <summary>Its link ended: a later link to the same address starts at no misses.</summary>
    public override void OnLinkDown(DetectorContext peer, NodeAddress neighbour) => Forget(peer, neighbour);

    private static void Forget(DetectorContext peer, NodeAddress neighbour)
    {
        if (peer.State is not Dictionary<NodeAddress, MissCount> missed || !missed.Remove(neighbour) || missed.Count > 0) return;
        peer.State = null; // a lossy network leaves misses at many peers for a moment: none keeps an empty dictionary
    }
}
