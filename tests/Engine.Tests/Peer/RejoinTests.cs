using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class RejoinTests
{
    [Test]
    public void APeerRemovedWhileCutOff_RejoinsAsANewIncarnation_OnceItCanTalkAgain()
    {
        var h = new SimHarness(3, seed: 33);
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(15);
        int cutOff = h.PeerIndex[7];
        var address = h.Net.AddressOf(cutOff);
        long before = h.Peer(7).Incarnation;
        h.Net.Partition(new Dictionary<int, int> { [cutOff] = 1 }, "one peer cut off");
        h.Run(40);
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.False, "removed while cut off");

        h.Net.Heal();
        h.Run(100);
        Assert.That(h.Trace.Of(TraceKind.Rejoined).Any(e => e.Node == address), Is.True);
        Assert.That(h.Peer(7).Incarnation, Is.GreaterThan(before));
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.True, "listed again at every seed");
        Assert.That(h.Peer(7).Degree, Is.GreaterThan(0), "linked again");
    }
}
