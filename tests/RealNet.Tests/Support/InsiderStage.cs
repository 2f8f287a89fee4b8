using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.RealNet.Host;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// The stage of the insider tests on real TCP on loopback: 3 seeds and two linked peers in this process, and registered members
/// (<see cref="ProbePeer"/>s, the project's codec and handshake) linked to a peer as any member may be.
/// </summary>
public static class InsiderStage
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Three seeds, in a folder of the test's own under <paramref name="name"/>.</summary>
    public static InProcessNetwork Seeds(string name) =>
        InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, name, Guid.NewGuid().ToString("N")));

    /// <summary>Peer A, then peer B, which links to it; returns once each has the other as its one neighbour.</summary>
    public static async Task<(NodeHost a, NodeHost b)> TwoLinkedPeers(this InProcessNetwork net, PeerConfig config)
    {
        var a = net.AddPeer(config: config);
        await Eventually.HoldsAsync(() => ((PeerNode)a.Node).Phase != JoinPhase.Registering, "peer A registers", Patience);
        var b = net.AddPeer(config: config);
        await Eventually.HoldsAsync(() => ((PeerNode)a.Node).Degree == 1 && ((PeerNode)b.Node).Degree == 1, "A and B link", Patience);
        return (a, b);
    }

    /// <summary>A question to a peer, asked on its own loop.</summary>
    public static Task<T> On<T>(NodeHost h, Func<PeerNode, T> query) => h.InvokeAsync(n => query((PeerNode)n));

    /// <summary>A registered member that asked <paramref name="victim"/> for a link (the classic overlay's request) and was accepted.</summary>
    public static async Task<ProbePeer> LinkedMember(this InProcessNetwork net, NodeHost victim)
    {
        var member = ProbePeer.Start(incarnation: 1);
        await member.RegisterAsync(net.SeedAddresses, Patience);
        member.Send(victim.Address, new LinkRequest(1, member.Certificate));
        await member.Inbox.WaitForAsync(m => m is LinkReply { Accepted: true }, Patience, $"{victim.Address} links the member");
        return member;
    }
}
