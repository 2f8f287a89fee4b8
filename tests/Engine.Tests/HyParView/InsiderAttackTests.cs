using GossipSim.Engine.Roles;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.HyParView;

/// <summary>
/// On the simulator: registered members (insiders, each with its own certificate) send a victim the raw
/// messages of the overlay (unsolicited link acceptances, urgent NEIGHBORs, JOINs, FORWARDJOINs and SHUFFLEs with counts the
/// protocol never sends) and the victim is held to the protocol's bounds: its active view keeps links no insider's word can drop,
/// it still receives gossip, every walk ends, its dials stay within a sender's budget, and a classic peer never passes its cap.
/// </summary>
public class InsiderAttackTests
{
    /// <summary>What an insider does, every <see cref="Round"/> once it holds its certificate.</summary>
    public enum Attack
    {
        /// <summary>Link acceptances nobody asked for, urgent NEIGHBORs and JOINs; once linked, FORWARDJOINs naming its accomplices.</summary>
        Eclipse,
        /// <summary>Only link acceptances nobody asked for (the classic overlay's cap).</summary>
        Acceptances,
        /// <summary>Links (urgent NEIGHBOR) and, once linked, sends <see cref="Burst"/> once: nothing else.</summary>
        Burst,
    }

    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(500);

    /// <summary>A registered member that speaks the overlay's messages as the test says and relays no gossip.</summary>
    private sealed class Insider(NodeAddress victim, NodeAddress[] seeds, Attack attack, Func<NodeAddress[]> accomplices,
        Func<Insider, IEnumerable<Message>>? burst = null) : Node
    {
        private int _accepted;
        private bool _burstSent;
        public MembershipCertificate Certificate { get; private set; }
        public bool Linked { get; private set; }
        public override NodeRole Role => NodeRole.Peer;

        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c: Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); break;
                case RegisterReply { Accepted: true } reply:
                    Certificate = reply.Certificate;
                    if (++_accepted == seeds.Length) Ctx.SetTimer(Round, new TimerTag(TimerKind.GossipTick));
                    break;
                case Ping p: Ctx.Send(from, new Pong(p.Nonce, 1, [])); break;
                // Whatever the victim asks (a walk's end, a promotion) is accepted: the insider wants every link it can get.
                case LinkRequest or NeighbourRequest: Ctx.Send(from, new LinkReply(true, 1, Certificate)); break;
                case LinkReply { Accepted: true } when from == victim: Linked = true; break;
                case LinkClose when from == victim: Linked = false; break;
            }
        }

        public override void OnTimer(TimerTag tag)
        {
            Ctx.SetTimer(Round, tag);
            switch (attack)
            {
                case Attack.Acceptances:
                    Ctx.Send(victim, new LinkReply(true, 1, Certificate));
                    break;
                case Attack.Eclipse when !Linked:
                    Ctx.Send(victim, new LinkReply(true, 1, Certificate));
                    Ctx.Send(victim, new NeighbourRequest(NeighbourAsk.High, 1, Certificate));
                    Ctx.Send(victim, new NeighbourRequest(NeighbourAsk.Join, 1, Certificate));
                    break;
                case Attack.Eclipse:
                    foreach (var a in accomplices()) if (a != Address) Ctx.Send(victim, new ForwardJoin(a, 0));
                    Ctx.Send(victim, new NeighbourRequest(NeighbourAsk.High, 1, Certificate));
                    break;
                case Attack.Burst when !Linked:
                    Ctx.Send(victim, new NeighbourRequest(NeighbourAsk.High, 1, Certificate));
                    break;
                case Attack.Burst when !_burstSent:
                    _burstSent = true;
                    foreach (var m in burst!(this)) Ctx.Send(victim, m);
                    break;
            }
        }
    }

    /// <summary>Counts what reaches an address nobody runs a peer at: the victim dialled it.</summary>
    private sealed class Sink : Node
    {
        public int Received { get; private set; }
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() { }
        public override void OnMessage(NodeAddress from, Message message) => Received++;
        public override void OnTimer(TimerTag tag) { }
    }

    private static NodeAddress InsiderAddress(int i) => new((10u << 24) + ((uint)(20 + i) << 16) + 1, 7000);
    private static NodeAddress SinkAddress(int i) => new((10u << 24) + (9u << 16) + (uint)(i + 1), 9000);

    private static PeerConfig HyParViewPeer() => SimHarness.FastPeer() with
    {
        Overlay = Overlay.Hyparview,
        MessagesPerPeer = 90, // gossip all through the attack
    };

    /// <summary>30 honest HyParView peers, settled; the victim is a peer whose active view is full.</summary>
    private static (SimHarness h, int victim) SettledHyParView(ulong seed)
    {
        var h = new SimHarness(3, seed, HyParViewPeer());
        h.AddPeers(30, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        h.Run(20);
        int victim = Enumerable.Range(0, 30).First(i => h.Peer(i).Degree == h.PeerConfig.HyParViewActiveSize);
        return (h, victim);
    }

    private static Insider[] AddInsiders(SimHarness h, int count, NodeAddress victim, Attack attack, TimeSpan at,
        Func<Insider, IEnumerable<Message>>? burst = null)
    {
        var insiders = new Insider[count];
        var addresses = Enumerable.Range(0, count).Select(InsiderAddress).ToArray();
        for (int i = 0; i < count; i++)
        {
            int k = i;
            h.Net.AddNode(addresses[i], _ => insiders[k] = new Insider(victim, h.SeedAddresses, attack, () => addresses, burst), at);
        }
        return insiders;
    }

    [Test]
    public void SixInsiders_HoldAtMostTheSeatsOfOthersWord_AndTheVictimStillReceivesGossip()
    {
        var (h, v) = SettledHyParView(seed: 50);
        var victim = h.Peer(v);
        var insiders = AddInsiders(h, 6, victim.Address, Attack.Eclipse, TimeSpan.FromSeconds(20));
        var isInsider = new HashSet<NodeAddress>(Enumerable.Range(0, 6).Select(InsiderAddress));
        int mostHeld = 0;
        for (int s = 21; s <= 80; s++)
        {
            h.Run(s);
            mostHeld = Math.Max(mostHeld, victim.Neighbours.Count(n => isInsider.Contains(n.Address)));
        }
        // The honest peers' messages created from 30 s to 70 s (the attack under way), and how many of them reached the victim.
        var created = h.Trace.Of(Trace.TraceKind.GossipCreated)
            .Where(e => e.Time >= TimeSpan.FromSeconds(30) && e.Time < TimeSpan.FromSeconds(70) && e.Node != victim.Address)
            .Select(e => e.Message).ToHashSet();
        int reached = h.Trace.Of(Trace.TraceKind.GossipDelivered).Count(e => e.Node == victim.Address && created.Contains(e.Message));
        var other = h.Peer(v == 0 ? 1 : 0).Address;
        int reachedOther = h.Trace.Of(Trace.TraceKind.GossipDelivered).Count(e => e.Node == other && created.Contains(e.Message));
        int held = victim.Neighbours.Count(n => isInsider.Contains(n.Address));
        TestContext.Out.WriteLine($"insiders in the victim's view: {held} at the end, {mostHeld} at most; victim's view {victim.Degree}; "
            + $"the others' messages of 30 s to 70 s received: {reached} of {created.Count} (another honest peer: {reachedOther}); "
            + $"unsolicited acceptances "
            + $"{victim.UnsolicitedAcceptances}, walks refused {victim.WalksRefused}");
        Assert.That(insiders.All(i => !i.Certificate.IsNone), Is.True, "every insider is a registered member");
        Assert.That(mostHeld, Is.LessThanOrEqualTo(h.PeerConfig.HyParViewActiveSize - h.PeerConfig.HyParViewOwnLinks),
            "insiders hold at most the seats others' word may hold");
        Assert.That(victim.Degree - held, Is.GreaterThanOrEqualTo(1), "the victim keeps an honest link");
        Assert.That(reached, Is.GreaterThanOrEqualTo(Math.Min(reachedOther, created.Count * 95 / 100)),
            "the victim receives the others' messages as an honest peer does");
        Assert.That(victim.UnsolicitedAcceptances, Is.GreaterThan(0), "the acceptances nobody asked for were seen, and ignored");
    }

    [Test]
    public void TwelveUnsolicitedAcceptances_LeaveAClassicPeerAtItsCap()
    {
        var h = new SimHarness(3, seed: 51, SimHarness.FastPeer() with { MaxNeighbours = 4 });
        h.AddPeers(10, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(10);
        var victim = h.Peer(0);
        AddInsiders(h, 12, victim.Address, Attack.Acceptances, TimeSpan.FromSeconds(10));
        int most = 0;
        for (int s = 11; s <= 30; s++)
        {
            h.Run(s);
            most = Math.Max(most, h.LivePeers.Max(p => p.Degree));
        }
        TestContext.Out.WriteLine($"victim's degree at most {most} (cap 4); unsolicited acceptances {victim.UnsolicitedAcceptances}");
        Assert.That(most, Is.LessThanOrEqualTo(4), "no peer passes --max-neighbours, whatever arrives");
        Assert.That(victim.UnsolicitedAcceptances, Is.GreaterThan(0));
    }

    [Test]
    public void TwentyShufflesWithTheLongestCount_EndWithinTheWalkLength_OnceTheInsiderLeaves()
    {
        var (h, v) = SettledHyParView(seed: 52);
        var victim = h.Peer(v);
        var insiders = AddInsiders(h, 1, victim.Address, Attack.Burst, TimeSpan.FromSeconds(20), insider =>
            Enumerable.Range(0, 20).Select(_ => (Message)new Shuffle(insider.Address, int.MaxValue, [insider.Address])));
        h.Run(30);
        Assert.That(insiders[0].Linked, Is.True, "the insider linked and sent its SHUFFLEs");
        h.Net.Crash(h.Net.IndexOf(InsiderAddress(0)));
        h.Run(31);
        long before = WalkMessages(h);
        h.Run(61);
        long hops = WalkMessages(h) - before;
        // The honest shuffles of 30 s: every peer starts one an interval (at most 4 in 30 s), each walks the walk length at most and
        // is answered once (the overlay's messages are counted together: walks' steps and answers, and FORWARDJOINs, none here).
        var c = h.PeerConfig;
        long bound = 30L * (30 / (int)c.HyParViewShuffleInterval.TotalSeconds + 1) * (c.HyParViewActiveWalk + 1);
        TestContext.Out.WriteLine($"HyParView's walk messages from 1 s to 31 s after the insider left: {hops} (honest bound {bound})");
        Assert.That(hops, Is.LessThanOrEqualTo(bound), "every walk ended within the walk length");
    }

    [Test]
    public void TwoHundredForwardJoinsAndShuffles_NamingStrangers_MakeTheVictimDialAtMostItsBudget()
    {
        var (h, v) = SettledHyParView(seed: 53);
        var victim = h.Peer(v);
        var sinks = new Sink[400];
        for (int i = 0; i < sinks.Length; i++)
        {
            int k = i;
            h.Net.AddNode(SinkAddress(i), _ => sinks[k] = new Sink(), TimeSpan.FromSeconds(20));
        }
        var insiders = AddInsiders(h, 1, victim.Address, Attack.Burst, TimeSpan.FromSeconds(20), _ =>
            Enumerable.Range(0, 200).Select(i => (Message)new ForwardJoin(SinkAddress(i), 0))
                .Concat(Enumerable.Range(200, 200).Select(i => (Message)new Shuffle(SinkAddress(i), 0, [SinkAddress(i)]))));
        h.Run(40);
        Assert.That(insiders[0].Linked, Is.True, "the insider linked and sent its messages");
        int dialled = sinks.Count(s => s.Received > 0);
        TestContext.Out.WriteLine($"addresses dialled of the 400 named: {dialled}; walks refused {victim.WalksRefused}");
        Assert.That(dialled, Is.LessThanOrEqualTo(h.PeerConfig.HyParViewWalksPerSource), "at most one sender's budget");
        Assert.That(victim.WalksRefused, Is.GreaterThan(0));
    }

    /// <summary>HyParView's own messages delivered: its walks' steps and answers (the only protocol messages a run of it sends).</summary>
    private static long WalkMessages(SimHarness h) => h.Net.EventsByKind().TryGetValue(nameof(MessageKind.Protocol), out long n) ? n : 0;
}
