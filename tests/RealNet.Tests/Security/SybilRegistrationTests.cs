using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// Sybil registration on real nodes on loopback: 3 seeds and 8 peers on
/// 127.0.0.1 in this process, each on its own port; the attacker works from 127.0.0.2, another
/// host as far as the nodes can tell. In plaintext and with the cluster key, which the attacker
/// then holds too (a key holder gone bad): the key admits it to the handshake, and nothing more.
/// </summary>
[NonParallelizable]
[TestFixture(false)]
[TestFixture(true)]
public class SybilRegistrationTests(bool keyed)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly NodeAddress AttackerHost = new((127u << 24) | 2, 0);

    private static readonly SeedConfig Seeds = FastTimings.Seed with
    {
        RegistrationBurst = 10,
        RegistrationsPerSecond = 2,
        DialBackTimeout = TimeSpan.FromSeconds(1),
        UnendorsedLinks = 1,
        MemberSweepInterval = TimeSpan.FromSeconds(4),
        MembersPerIp = 8, // the default, said here: the limit the tests count against
    };

    /// <summary>Origins go on creating gossip for the whole test, however long its setup took: a newcomer's first message is never the last one.</summary>
    private static readonly PeerConfig Peers = FastTimings.Peer with { MessagesPerPeer = 100_000 };

    private InProcessNetwork _net = null!;
    private readonly ClusterKey? _key = keyed ? ClusterKey.Generate() : null;
    private TcpTransportOptions? Options => _key == null ? null : new TcpTransportOptions { ClusterKey = _key };

    [SetUp]
    public async Task StartNetwork()
    {
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "sybil", Guid.NewGuid().ToString("N")), Options, seedConfig: Seeds);
        for (int i = 0; i < 8; i++) _net.AddPeer(Options, config: Peers);
        await Eventually.HoldsAsync(() => _net.Peers.All(p => Peer(p).Degree >= 1 && Peer(p).Phase == JoinPhase.Linked), "8 peers register and link", Patience);
    }

    [TearDown]
    public async Task Stop() => await _net.DisposeAsync();

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private string Mode => _key == null ? "plaintext" : "with the cluster key, held by the attacker";

    private async Task<long> SeedsCountAsync(Func<SeedNode, long> count)
    {
        long sum = 0;
        foreach (var s in _net.Seeds) sum += await s.InvokeAsync(n => count((SeedNode)n));
        return sum;
    }

    [Test]
    public async Task OneClient_RegisteringManyAddressesItDoesNotListenOn_IsRateLimited_AndNoneIsAdmitted()
    {
        const int fakes = 200;
        var clients = new List<RawClient>();
        try
        {
            // One connection per fake address and seed, each saying hello as that address: the way a
            // client claims 200 identities in a second or two (longer with the cluster key's handshakes).
            long dialledBefore = await SeedsCountAsync(s => s.DialBacks), refusedBefore = await SeedsCountAsync(s => s.RegistrationsRefused); // the 8 peers' registrations
            var attack = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < fakes; i++)
                foreach (var seed in _net.SeedAddresses)
                {
                    var client = await RawClient.ConnectAsync(seed, fromIp: "127.0.0.2");
                    await client.HandshakeAndSendAsync(_key, AttackerHost with { Port = (ushort)(20000 + i) }, new RegisterRequest(1));
                    clients.Add(client);
                }
            var sent = attack.Elapsed;
            // Counted by the seeds: above 100 a second from one IP, refusals are counted in the trace's events-held summaries instead of traced one by one.
            await Eventually.HoldsAsync(async () => await SeedsCountAsync(s => s.RegistrationsRefused) - refusedBefore >= fakes * 3, "every seed answers every registration", Patience);
            // Per seed: the burst, and the rate over the time the requests took to send, plus a second for the last to arrive.
            int budget = Seeds.RegistrationBurst + (int)Math.Ceiling(sent.TotalSeconds + 1) * Seeds.RegistrationsPerSecond;
            long dialled = await SeedsCountAsync(s => s.DialBacks) - dialledBefore, limited = await SeedsCountAsync(s => s.RegistrationsRefused) - refusedBefore - dialled;
            long traced = 0, held = 0;
            await Eventually.HoldsAsync(() =>
            {
                var trace = _net.Trace.Snapshot();
                traced = trace.Count(e => e.Kind == TraceKind.RegistrationRefused);
                held = trace.Where(e => e.Kind == TraceKind.EventsHeld && e.Detail == "registration-refused").Sum(e => e.A);
                return traced + held == fakes * 3;
            }, "the trace counts every refusal (the summary of a second once it is over)", Patience);
            var members = _net.Trace.Snapshot().Where(e => e.Kind == TraceKind.MemberAdded && e.Peer.Ip == AttackerHost.Ip).ToList();
            TestContext.Out.WriteLine($"probe ({Mode}): one client on 127.0.0.2 registered {fakes} addresses at 3 seeds ({fakes * 3} requests, sent in {sent.TotalSeconds:0.0} s): " +
                                      $"{limited} refused at the rate limit, {dialled} dialled back and refused (nobody listened), {members.Count} admitted; " +
                                      $"the trace has {traced} refusals one by one and {held} in summaries");
            Assert.That(members, Is.Empty, "no address without a listener is admitted");
            Assert.That(dialled, Is.LessThanOrEqualTo(3 * budget), "each seed dialled back at most its burst and rate");
            Assert.That(limited, Is.GreaterThanOrEqualTo(fakes * 3 - 3 * budget));

            var newcomer = _net.AddPeer(Options, config: Peers);
            await Eventually.HoldsAsync(() => Peer(newcomer).Degree >= 1 && Peer(newcomer).GossipReceived > 0, "a newcomer from 127.0.0.1 registers, links and receives gossip", Patience);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Test]
    public async Task FakesThatListen_AcceptLinks_DropGossip_AndClaimHugeDegrees_DoNotCaptureNewcomers()
    {
        var fakes = Enumerable.Range(0, 3).Select(_ => ProbePeer.Start(incarnation: 1, listen: AttackerHost, options: Options)).ToList();
        try
        {
            foreach (var f in fakes)
            {
                await f.RegisterAsync(_net.SeedAddresses, Patience); // they listen, so their dial-backs are echoed
                foreach (var s in _net.SeedAddresses) f.Send(s, new DegreeUpdate(f.Incarnation, 5000, 1));
            }
            var fakeSet = fakes.Select(f => f.Address).ToHashSet();
            await Eventually.HoldsAsync(() => Believed().Count == fakes.Count * 3, "every seed has the fakes' claims", Patience);
            var believed = Believed();
            TestContext.Out.WriteLine($"probe ({Mode}): 3 listening fakes on 127.0.0.2 claim degree 5,000; the seeds believe {string.Join(", ", believed.Values)}");
            Assert.That(believed.Values, Has.All.LessThanOrEqualTo(Seeds.UnendorsedLinks), "no member backs their links");

            var newcomers = new List<NodeHost>();
            for (int i = 0; i < 4; i++)
            {
                var n = _net.AddPeer(Options, config: Peers);
                newcomers.Add(n);
                await Eventually.HoldsAsync(() => Peer(n).Phase == JoinPhase.Linked && Peer(n).GossipReceived > 0, $"newcomer {n.Address} links and receives gossip", Patience);
            }
            var links = new List<NodeAddress>();
            foreach (var n in newcomers) links.AddRange(await n.InvokeAsync(node => ((PeerNode)node).Neighbours.Select(x => x.Address).ToList()));
            int toFakes = links.Count(fakeSet.Contains);
            TestContext.Out.WriteLine($"probe ({Mode}): 4 newcomers made {links.Count} links, {toFakes} to the fakes; each received gossip");
            // What is promised: a real link each, and at most half of a newcomer's links, rounded up, on one host not a seed's
            // (HostSpread). How many of the draws land on the fakes beyond that follows their believed weight and the draws.
            foreach (var n in newcomers)
            {
                var mine = Peer(n).Neighbours.Select(x => x.Address).ToList();
                Assert.That(mine.Any(a => !fakeSet.Contains(a)), Is.True, $"newcomer {n.Address} links to a real peer");
                Assert.That(mine.Count(fakeSet.Contains), Is.LessThanOrEqualTo((mine.Count + 1) / 2), $"newcomer {n.Address}: at most half on the fakes' host");
            }
        }
        finally
        {
            foreach (var f in fakes) await f.DisposeAsync();
        }

        Dictionary<(NodeAddress, NodeAddress), int> Believed()
        {
            var result = new Dictionary<(NodeAddress, NodeAddress), int>();
            foreach (var s in _net.Seeds)
                foreach (var f in fakes)
                {
                    int claimed = s.InvokeAsync(n => ((SeedNode)n).Peers.DegreeOf(f.Address)).GetAwaiter().GetResult();
                    // A claim is capped at the other members' count when it arrives, so any claim above the allowance is the fake's.
                    if (claimed > Seeds.UnendorsedLinks) result[(s.Address, f.Address)] = s.InvokeAsync(n => ((SeedNode)n).Peers.BelievedDegreeOf(f.Address)).GetAwaiter().GetResult();
                }
            return result;
        }
    }

    /// <summary>
    /// Many listening fakes from one host (they echo dial-backs, accept links,
    /// drop gossip, claim degree 5,000 and name each other as links), then 4 newcomers. Before,
    /// 263 of 300 were admitted in about 20 s and captured all 12 of the newcomers' links.
    /// </summary>
    [Test]
    public async Task HundredsOfListeningFakesFromOneHost_AreCutToTheLimitPerIp_AndEveryNewcomerLinksToRealPeersAndReceivesGossip()
    {
        const int count = 300;
        var fakes = new List<ProbePeer>();
        try
        {
            var attack = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                var f = ProbePeer.Start(incarnation: 1, listen: AttackerHost, options: Options);
                fakes.Add(f);
                foreach (var s in _net.SeedAddresses) f.Send(s, new RegisterRequest(1));
            }
            var sent = attack.Elapsed;
            int Unanswered() => fakes.Count(f => !f.Inbox.Snapshot().Any(r => r.Message is RegisterReply));
            async Task<bool> Settled() => Unanswered() == 0 && await SeedsCountAsync(s => s.OpenProposals) == 0;
            async Task<string> State() => $"{Unanswered()} of {count} fakes have no reply, {await SeedsCountAsync(s => s.OpenProposals)} votes open; traced: " +
                string.Join(", ", _net.Trace.Snapshot().Where(e => e.Peer.Ip == AttackerHost.Ip).GroupBy(e => e.Kind).Select(g => $"{g.Key} {g.Count()}"));
            // A registrant asks again when no seed answers, as a peer's join does (SybilStage.AskUntilAnsweredAsync). How many had to is
            // in the probe line.
            int askedAgain = await SybilStage.AskUntilAnsweredAsync(fakes,
                f => f.Inbox.Snapshot().Any(r => r.Message is RegisterReply) ? [] : _net.SeedAddresses, Settled,
                "a seed answers every fake, and no vote is open", State, Patience * 2);
            int unanswered = fakes.Sum(f => _net.SeedAddresses.Count(s => !f.Inbox.Snapshot().Any(r => r.From == s && r.Message is RegisterReply)));
            var admitted = await SybilStage.AdmittedAsync(_net, fakes);
            await SybilStage.ClaimHubDegreesAsync(_net, fakes, admitted, Seeds.UnendorsedLinks, Patience);
            int believedMost = 0;
            foreach (var seed in _net.Seeds)
                foreach (var f in admitted)
                    believedMost = Math.Max(believedMost, await seed.InvokeAsync(n => ((SeedNode)n).Peers.BelievedDegreeOf(f.Address)));
            long refusedForTheHost = _net.Trace.Snapshot().Count(e => e.Kind == TraceKind.RegistrationRefused && e.Detail?.Contains("--members-per-ip") == true);

            var newcomers = new List<NodeHost>();
            for (int i = 0; i < 4; i++)
            {
                var n = _net.AddPeer(Options, config: Peers);
                newcomers.Add(n);
                await Eventually.HoldsAsync(() => Peer(n).Phase == JoinPhase.Linked && Peer(n).GossipReceived > 0, $"newcomer {n.Address} links and receives gossip", Patience);
            }
            var fakeSet = fakes.Select(f => f.Address).ToHashSet();
            var links = new List<NodeAddress>();
            foreach (var n in newcomers) links.AddRange(await n.InvokeAsync(node => ((PeerNode)node).Neighbours.Select(x => x.Address).ToList()));
            int toFakes = links.Count(fakeSet.Contains);
            TestContext.Out.WriteLine($"probe ({Mode}): {count} listening fakes on 127.0.0.2 (started and registering in {sent.TotalSeconds:0.0} s): {admitted.Count} admitted " +
                                      $"(limit {Seeds.MembersPerIp} per IP), {refusedForTheHost} refusals traced naming the limit; claiming 5,000 and naming 64 of each other, " +
                                      $"believed at {believedMost} at most; {unanswered} of {count * 3} requests unanswered ({askedAgain} requests sent again); 4 newcomers made {links.Count} links, {links.Count - toFakes} to real peers and {toFakes} to the fakes; each received gossip");
            // Each seed gives at most the limit of yes votes to one host's registrants, and each add takes a majority of them, so the
            // seeds together admit at most seeds × limit / majority (docs/security.md, "Sybils from one host").
            int seeds = _net.SeedAddresses.Count;
            Assert.That(admitted.Count, Is.LessThanOrEqualTo(Seeds.MembersPerIp * seeds / Quorum.Of(seeds)), "one host holds about the limit of members, never hundreds");
            Assert.That(believedMost, Is.LessThanOrEqualTo(Seeds.UnendorsedLinks + toFakes), "fakes on one host back nothing for each other");
            foreach (var n in newcomers)
            {
                var mine = Peer(n).Neighbours.Select(x => x.Address).ToList();
                Assert.That(mine.Count(a => !fakeSet.Contains(a)), Is.GreaterThanOrEqualTo(1), $"newcomer {n.Address} links to a real peer");
                Assert.That(mine.Count(fakeSet.Contains), Is.LessThanOrEqualTo(HostSpread.Cap(Peers.LinksPerNewcomer)), $"newcomer {n.Address}: at most half its links on one host");
            }
            Assert.That(_net.Peers.All(p => _net.Seeds.All(s => ((SeedNode)s.Node).Peers.IsLive(p.Address))), Is.True, "every real peer stays");
        }
        finally
        {
            foreach (var f in fakes) await f.DisposeAsync();
        }
    }

    [Test]
    public async Task AFakeThatRegistersAndThenAnswersNobody_LeavesTheMembership()
    {
        var fake = ProbePeer.Start(incarnation: 1, listen: AttackerHost, options: Options);
        await fake.RegisterAsync(_net.SeedAddresses, Patience);
        var address = fake.Address;
        await fake.DisposeAsync(); // its port closes: pings go unanswered, as from a fake that stopped answering
        await Eventually.HoldsAsync(() => _net.Trace.Snapshot().Count(e => e.Kind == TraceKind.MemberRemoved && e.Peer == address) == 3,
            "every seed's sweep finds it silent and the seeds remove it", Patience);
        var added = _net.Trace.Snapshot().First(e => e.Kind == TraceKind.MemberAdded && e.Peer == address).Time;
        var removed = _net.Trace.Snapshot().Where(e => e.Kind == TraceKind.MemberRemoved && e.Peer == address).Max(e => e.Time);
        TestContext.Out.WriteLine($"probe ({Mode}): a registered fake went silent; removed at every seed {(removed - added).TotalSeconds:0.0} s after it was listed " +
                                  $"(sweep interval {Seeds.MemberSweepInterval.TotalSeconds} s, probe {Seeds.ProbeTimeout.TotalSeconds} s, proposal {Seeds.ProposalTimeout.TotalSeconds} s)");
        Assert.That(_net.Peers.All(p => _net.Seeds.All(s => ((SeedNode)s.Node).Peers.IsLive(p.Address))), Is.True, "every real peer stays");
    }
}
