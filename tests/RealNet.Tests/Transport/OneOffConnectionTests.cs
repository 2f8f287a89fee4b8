using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>
/// A message that travels alone (a seed's dial-back challenge) goes to whoever listens at its
/// address over a connection opened for it, never over a connection that claimed the address.
/// </summary>
public class OneOffConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task AMessageThatTravelsAlone_ReachesTheListenerAtTheAddress_NotTheConnectionThatClaimedIt()
    {
        await using var seed = TcpTransport.Listen(Loopback.AnyPort);
        var atSeed = new Inbox();
        seed.Start(atSeed.Add);
        await using var listener = TcpTransport.Listen(Loopback.AnyPort);
        var atListener = new Inbox();
        listener.Start(atListener.Add);

        using var claimant = await RawClient.ConnectAsync(seed.LocalAddress);
        await claimant.HelloAndSendAsync(listener.LocalAddress, new RegisterRequest(1));
        await atSeed.WaitForAsync(m => m is RegisterRequest, Patience, "the seed takes the claimant's registration");

        seed.Send(listener.LocalAddress, new DialBackChallenge(seed.LocalAddress, 7));
        seed.Send(listener.LocalAddress, new Ping(8));
        var first = await claimant.ReadMessageAsync(Patience);
        Assert.That(first, Is.EqualTo(new Ping(8)), "the claimant's connection carries what follows, and never the challenge sent before it");

        await atListener.WaitForAsync(m => m is DialBackChallenge { Nonce: 7 }, Patience, "the listener at the address gets the challenge");
        var from = atListener.Snapshot().First(r => r.Message is DialBackChallenge).From;
        Assert.That(from.Ip, Is.EqualTo(seed.LocalAddress.Ip), "from the seed's host");
        Assert.That(from, Is.Not.EqualTo(seed.LocalAddress), "its hello names the one-off connection's own source address, not the seed's");
        Assert.That(atListener.Snapshot().Any(r => r.Message is Ping), Is.False, "only the challenge travelled alone");
    }
}
