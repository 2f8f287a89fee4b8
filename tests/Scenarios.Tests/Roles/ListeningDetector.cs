using System.Collections.Concurrent;
using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// The classic detector, noting each failed send it hears of (<see cref="FailureDetectorRole.OnSendFailed"/>) as a "ticks peer
/// neighbour" line in <paramref name="heard"/> (peers run on several threads: a concurrent bag), and holding the contract's promise
/// that it is told only of a neighbour. The tests of failed sends (a crashed neighbour, a partition) register it under a name each.
/// </summary>
internal sealed class ListeningDetector(FailureDetectorRole inner, ConcurrentBag<string> heard) : FailureDetectorRole
{
    /// <summary>A menu entry of the listening classic detector, noting into <paramref name="heard"/>.</summary>
    public static FailureDetectorChoice Choice(string name, ConcurrentBag<string> heard) =>
        new(name, "the classic detector, noting the failed sends it hears of",
            c => new ListeningDetector(FailureDetectorMenu.Choices[(int)FailureDetector.Classic].Create(c), heard));

    public override void OnStart(DetectorContext peer) => inner.OnStart(peer);
    public override void OnTimer(DetectorContext peer, long arg) => inner.OnTimer(peer, arg);
    public override void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at) => inner.OnAnswered(peer, neighbour, at);
    public override void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer) => inner.OnWitnessAnswer(peer, answer);
    public override void OnReportRejected(DetectorContext peer, NodeAddress dead) => inner.OnReportRejected(peer, dead);
    public override void OnPinged(DetectorContext peer, NodeAddress from) => inner.OnPinged(peer, from);
    public override void OnLinkUp(DetectorContext peer, NodeAddress neighbour) => inner.OnLinkUp(peer, neighbour);
    public override void OnLinkDown(DetectorContext peer, NodeAddress neighbour) => inner.OnLinkDown(peer, neighbour);
    public override void OnStop(DetectorContext peer) => inner.OnStop(peer);

    public override void OnSendFailed(DetectorContext peer, NodeAddress neighbour)
    {
        Assert.That(peer.IndexOf(neighbour), Is.GreaterThanOrEqualTo(0), "told only of a neighbour");
        heard.Add($"{peer.Now.Ticks} {peer.Self} {neighbour}");
        inner.OnSendFailed(peer, neighbour);
    }
}
