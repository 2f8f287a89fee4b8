using System.Collections.Concurrent;
using GossipSim.Engine.Bytes;
using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// A user's overlay on the contract (<see cref="OverlayRole"/>), registered as a host registers its own and run through crash-hub on
/// the simulator: one that links and greets its neighbours with its own messages passes every check; one that throws, speaks to a
/// stranger or asks the same member twice stops the run with one line naming the node, the time and what it was doing.
/// </summary>
public class OverlayContractTests : RunFolder
{
    private sealed record Hello : ProtocolMessage
    {
        public override ushort Type => 1;
        public override void Write(WireWriter writer) { }
    }

    private sealed record Welcome : ProtocolMessage
    {
        public override ushort Type => 2;
        public override void Write(WireWriter writer) { }
    }

    /// <summary>Asks three members it may, takes asks up to six, asks again when a link is lost or refused; greets each
    /// link it asked for (Hello), and answers each greeting (Welcome) to its sender.</summary>
    private sealed class Greeter : OverlayRole
    {
        public static readonly ConcurrentDictionary<NodeAddress, int> Hellos = new(), Welcomes = new();
        public static int Downs;

        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => Ask(peer, candidates);
        public override void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => Ask(peer, candidates);
        public override void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why) => peer.RequestPeers();
        public override void OnRefresh(OverlayContext peer)
        {
            if (peer.Neighbours.Length + peer.PendingLinks < 3) peer.RequestPeers();
        }

        public override void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink)
        {
            Interlocked.Increment(ref Downs);
            peer.RequestPeers();
        }

        public override void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked)
        {
            if (asked) peer.Send(neighbour, new Hello());
        }

        public override void OnMessage(OverlayContext peer, NodeAddress from, ProtocolMessage message)
        {
            if (message is Hello)
            {
                Hellos.AddOrUpdate(peer.Self, 1, (_, n) => n + 1);
                peer.Send(from, new Welcome()); // an answer to its sender: allowed whoever it is
            }
            else if (message is Welcome) Welcomes.AddOrUpdate(peer.Self, 1, (_, n) => n + 1);
        }

        public override ProtocolMessage ReadMessage(ushort type, ref WireReader body) => type switch
        {
            1 => new Hello(),
            2 => new Welcome(),
            _ => throw new WireFormatException($"no message of type {type}"),
        };

        /// <summary>In an order drawn from the peer's stream: the seeds list by address, and every peer asking the lowest three
        /// would only be refused.</summary>
        private static void Ask(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            var order = candidates.Select(c => c.Address).ToArray();
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = peer.Random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            foreach (var a in order)
            {
                if (peer.Neighbours.Length + peer.PendingLinks >= 3) return;
                if (peer.CanAsk(a)) peer.AskLink(a);
            }
        }
    }

    private sealed class Thrower : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) =>
            throw new InvalidOperationException("this overlay is not finished yet");
    }

    /// <summary>Sends its own message to a member it never asked to link.</summary>
    private sealed class Stranger : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            foreach (var c in candidates)
                if (c.Address != peer.Self) peer.Send(c.Address, new Hello());
        }
    }

    /// <summary>Asks the same member twice.</summary>
    private sealed class Twice : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            foreach (var c in candidates)
            {
                if (!peer.CanAsk(c.Address)) continue;
                peer.AskLink(c.Address);
                peer.AskLink(c.Address);
            }
        }
    }

    /// <summary>Greets the links it asks for, and answers each greeting's "origin" (its sender's address stands in for one a walk
    /// would name) twice: the second answer is one too many.</summary>
    private sealed class Echo : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            foreach (var c in candidates)
                if (peer.PendingLinks < 3 && peer.CanAsk(c.Address)) peer.AskLink(c.Address);
        }

        public override void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked)
        {
            if (asked) peer.Send(neighbour, new Hello());
        }

        public override void OnMessage(OverlayContext peer, NodeAddress from, ProtocolMessage message)
        {
            peer.AnswerOrigin(from, new Welcome());
            peer.AnswerOrigin(from, new Welcome());
        }

        public override ProtocolMessage ReadMessage(ushort type, ref WireReader body) => new Hello();
    }

    /// <summary>Answers a walk's origin with no message in hand: a send to a stranger on nobody's word.</summary>
    private sealed class Unasked : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            foreach (var c in candidates)
                if (c.Address != peer.Self) peer.AnswerOrigin(c.Address, new Welcome());
        }
    }

    private static readonly OverlayChoice GreeterChoice = new("test-greeter", "links three, greets them", new Greeter());
    private static readonly OverlayChoice ThrowsChoice = new("test-throws", "throws", new Thrower());
    private static readonly OverlayChoice StrangerChoice = new("test-stranger", "speaks to strangers", new Stranger());
    private static readonly OverlayChoice TwiceChoice = new("test-twice", "asks twice", new Twice());
    private static readonly OverlayChoice EchoChoice = new("test-echo", "answers an origin twice", new Echo());
    private static readonly OverlayChoice UnaskedChoice = new("test-unasked", "answers an origin unasked", new Unasked());

    private static GossipSim.Scenarios.Definition.Scenario Under(OverlayChoice choice) =>
        CrashHubUnder.OnTheSimulator(BroadcastProtocol.Flood, FailureDetector.Classic, OverlayMenu.Register(choice));

    [Test]
    public void AUsersOverlay_LinksGreetsAndHeals_AndTheRunPassesEveryCheck()
    {
        var s = Under(GreeterChoice);
        var result = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Dir, _ => { });

        Assert.That(result.Summary.Checks!.Where(c => c.Verdict != Analysis.Summary.CheckVerdict.Passed).Select(c => c.Line()), Is.Empty,
            "every check passed, and had something to check (the hub's crash waits for every peer to link)");
        Assert.That(result.Summary.Gossip.DeliveryRatio, Is.EqualTo(1.0));
        int hellos = Greeter.Hellos.Values.Sum(), welcomes = Greeter.Welcomes.Values.Sum();
        TestContext.Out.WriteLine($"hellos {hellos}, welcomes {welcomes}, links down {Greeter.Downs}");
        foreach (var line in GossipSim.Scenarios.Results.RunSummaryLines.Of(result)) TestContext.Out.WriteLine(line);
        Assert.That(hellos, Is.GreaterThanOrEqualTo(s.Peers), "every peer greeted the links it asked for");
        Assert.That(welcomes, Is.EqualTo(hellos), "every greeting answered to its sender, and only those");
        Assert.That(Greeter.Downs, Is.GreaterThan(0), "the hub's crash ended links, and the overlay was told");
    }

    [Test]
    public void AnOverlayThatThrows_StopsTheRun_NamingTheNodeTheTimeAndWhatItDid() =>
        Assert.That(RoleFailureLine.Of(Under(ThrowsChoice), Dir, "overlay", "joining"), Does.EndWith(": this overlay is not finished yet"));

    [Test]
    public void AnOverlayThatSpeaksToAStranger_HitsTheBound() =>
        Assert.That(RoleFailureLine.Of(Under(StrangerChoice), Dir, "overlay", "joining"),
            Does.Contain("which is not a neighbour, not asked to link and not the sender of the message being answered"));

    [Test]
    public void AnOverlayThatAnswersAWalksOriginTwiceForOneMessage_HitsTheBound() =>
        Assert.That(RoleFailureLine.Of(Under(EchoChoice), Dir, "overlay", "Hello from "), Does.Contain("twice for one message handled"));

    [Test]
    public void AnOverlayThatAnswersAnOriginWithNoMessageInHand_HitsTheBound() =>
        Assert.That(RoleFailureLine.Of(Under(UnaskedChoice), Dir, "overlay", "joining"),
            Does.Contain("outside the handling of a message (OnMessage)"));

    [Test]
    public void AnOverlayThatAsksTheSameMemberTwice_HitsTheBound() =>
        Assert.That(RoleFailureLine.Of(Under(TwiceChoice), Dir, "overlay", "joining"), Does.Contain("a request to it is out already"));

    [Test]
    public void ATakenName_ABadOne_OrNoRole_IsRefused_WhileTheSameChoiceAgainIsHarmless()
    {
        Assert.That(OverlayMenu.Register(GreeterChoice), Is.EqualTo(OverlayMenu.Register(GreeterChoice)));
        Assert.That(() => OverlayMenu.Register(new OverlayChoice("hyparview", "another", new Thrower())),
            Throws.ArgumentException.With.Message.EqualTo("an overlay named \"hyparview\" is on the menu already"));
        Assert.That(() => OverlayMenu.Register(new OverlayChoice("My Overlay", "?", new Thrower())),
            Throws.ArgumentException.With.Message.Contains("\"My Overlay\" is not"));
        Assert.That(() => OverlayMenu.Register(new OverlayChoice("test-none", "?", null)),
            Throws.ArgumentException.With.Message.Contains("has no role"));
        Assert.That(PeerTunables.OverlayNames, Does.Contain("test-greeter").And.Contain("seed-pa").And.Contain("hyparview"));
    }
}
