using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Host;

namespace GossipSim.Scenarios.Tests.Host;

/// <summary>Which of a peer's roles the repository's node program (the docker runtime's image) lacks: those a host registered from
/// its own code, of any of the three kinds; the engine's own and the shipped samples are in it.</summary>
public class RepositoryNodesTests
{
    private sealed class OwnOverlay : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) { }
    }

    private sealed class OwnBroadcast : BroadcastRole
    {
        public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy) { }
    }

    private static readonly OverlayChoice Overlay = new("test-own-overlay", "a host's own", new OwnOverlay());
    private static readonly BroadcastChoice Broadcast = new("test-own-broadcast", "a host's own", _ => new OwnBroadcast());

    [Test]
    public void TheEnginesRolesAndTheShippedSamples_AreInTheImage()
    {
        Protocols.SampleProtocols.Register();
        var shipped = new PeerConfig
        {
            Broadcast = (BroadcastProtocol)PeerTunables.BroadcastNames.ToList().IndexOf("rumour"),
            Overlay = (Engine.Config.Overlay)PeerTunables.OverlayNames.ToList().IndexOf("uniform"),
            FailureDetector = (FailureDetector)PeerTunables.DetectorNames.ToList().IndexOf("phi-accrual"),
        };
        Assert.That(HostProgram.UnknownToRepositoryNodes(new PeerConfig()), Is.Empty);
        Assert.That(HostProgram.UnknownToRepositoryNodes(shipped), Is.Empty);
    }

    [Test]
    public void AHostsOwnOverlayAndBroadcast_AreNamed()
    {
        var own = new PeerConfig { Overlay = OverlayMenu.Register(Overlay), Broadcast = BroadcastMenu.Register(Broadcast) };
        Assert.That(HostProgram.UnknownToRepositoryNodes(own),
            Is.EqualTo(new[] { "broadcast \"test-own-broadcast\"", "overlay \"test-own-overlay\"" }));
    }
}
