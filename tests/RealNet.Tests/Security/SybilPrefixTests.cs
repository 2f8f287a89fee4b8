using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// Sybils on many addresses of one /24, on real nodes on loopback: 3 seeds and 8 peers on 127.0.0.1 in this
/// process, each on its own port; 300 listening fakes on 38 addresses of another /24 (127.1.0.2 to
/// 127.1.0.39), 8 or 7 to an address, so the per-IP limit passes nearly all of them and the /24's
/// limit is what cuts. They echo dial-backs, accept links, drop gossip, claim degree 5,000 and name
/// 64 of each other as links (fakes on other IPs of their /24 do back each other). Then 4 newcomers.
/// </summary>
[NonParallelizable]
public class SybilPrefixTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const int Fakes = 300, Addresses = 38;

    private static readonly SeedConfig Seeds = FastTimings.Seed with
    {
        RegistrationBurst = 10,
        RegistrationsPerSecond = 2,
        UnendorsedLinks = 1,
        MemberSweepInterval = TimeSpan.FromSeconds(4),
    };

    /// <summary>Origins go on creating gossip for the whole test.</summary>
    private static readonly PeerConfig Peers = FastTimings.Peer with { MessagesPerPeer = 100_000 };

    private InProcessNetwork _net = null!;

    private async Task StartNetwork(int fullListMax)
    {
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "sybil-prefix", Guid.NewGuid().ToString("N")),
            seedConfig: Seeds with { FullPeerListMax = fullListMax });
        for (int i = 0; i < 8; i++) _net.AddPeer(config: Peers);
        await Eventually.HoldsAsync(() => _net.Peers.All(p => Peer(p).Degree >= 1 && Peer(p).Phase == JoinPhase.Linked), "8 peers register and link", Patience);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_net != null) await _net.DisposeAsync();
    }

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private static NodeAddress FakeHost(int i) => new((127u << 24) | (1u << 16) | (uint)(2 + i % Addresses), 0);

    private async Task<long> SeedsCountAsync(Func<SeedNode, long> count)
    {
        long sum = 0;
        foreach (var s in _net.Seeds) sum += await s.InvokeAsync(n => count((SeedNode)n));
        return sum;
    }

    /// <param name="fullListMax">Up to this many members a seed offers its whole list; above, 24 draws by degree: with 100 the newcomers
    /// get draws, which the fakes' weight fills.</param>
    [TestCase(1000)]
    [TestCase(100)]
    public async Task ThreeHundredFakesOn38AddressesOfOneSlash24_TakeAtMostTwoOfANewcomersThreeLinks_AndEveryNewcomerReceivesGossip(int fullListMax)
    {
        await StartNetwork(fullListMax);
        var fakes = new List<ProbePeer>();
        try
        {
            // One fake per address at a time, each round answered before the next: a patient attacker, whose dial-backs all
            // get their echo on a loaded machine.
            for (int round = 0; round * Addresses < Fakes; round++)
            {
                var batch = new List<ProbePeer>();
                for (int i = round * Addresses; i < Math.Min(Fakes, (round + 1) * Addresses); i++)
                {
                    var f = ProbePeer.Start(incarnation: 1, listen: FakeHost(i));
                    batch.Add(f);
                    foreach (var s in _net.SeedAddresses) f.Send(s, new RegisterRequest(1));
                }
                fakes.AddRange(batch);
                IEnumerable<NodeAddress> NotYet(ProbePeer f) => _net.SeedAddresses.Where(s => !f.Inbox.Snapshot().Any(r => r.From == s && r.Message is RegisterReply));
                await SybilStage.AskUntilAnsweredAsync(batch, NotYet, () => Task.FromResult(batch.All(f => !NotYet(f).Any())),
                    $"every seed answers round {round} of the fakes", () => Task.FromResult($"{batch.Count(f => NotYet(f).Any())} of {batch.Count} not answered by every seed"), Patience);
            }
            await Eventually.HoldsAsync(async () => fakes.All(f => f.Inbox.Snapshot().Any(r => r.Message is RegisterReply)) && await SeedsCountAsync(s => s.OpenProposals) == 0,
                "a seed answers every fake, and no vote is open", Patience * 2);
            var admitted = await SybilStage.AdmittedAsync(_net, fakes);
            var reasons = fakes.SelectMany(f => f.Inbox.Snapshot().Select(r => r.Message).OfType<RegisterReply>().Where(r => !r.Accepted))
                .GroupBy(r => System.Text.RegularExpressions.Regex.Replace(r.Reason, "[0-9.:]+", "#")).Select(g => $"{g.Count()}x {g.Key}");
            TestContext.Out.WriteLine("refusals: " + string.Join(" | ", reasons));
            await SybilStage.ClaimHubDegreesAsync(_net, fakes, admitted, Seeds.UnendorsedLinks, Patience);
            int believedMost = 0;
            foreach (var f in admitted)
                believedMost = Math.Max(believedMost, await _net.Seeds[0].InvokeAsync(n => ((SeedNode)n).Peers.BelievedDegreeOf(f.Address)));

            var honest = _net.Peers.ToList();
            var newcomers = new List<NodeHost>();
            for (int i = 0; i < 4; i++)
            {
                var n = _net.AddPeer(config: Peers);
                newcomers.Add(n);
                await Eventually.HoldsAsync(() => Peer(n).Phase == JoinPhase.Linked, $"newcomer {n.Address} links", Patience);
            }
            // Gossip flows on: every peer that was there receives 40 more messages, which a linked newcomer hears of too.
            var before = honest.ToDictionary(p => p.Address, p => Peer(p).GossipReceived);
            await Eventually.HoldsAsync(() => honest.All(p => Peer(p).GossipReceived >= before[p.Address] + 40), "the others receive 40 more messages", Patience);

            var fakeSet = fakes.Select(f => f.Address).ToHashSet();
            var lines = new List<string>();
            int toFakes = 0, links = 0;
            foreach (var n in newcomers)
            {
                var mine = await n.InvokeAsync(node => ((PeerNode)node).Neighbours.Select(x => x.Address).ToList());
                links += mine.Count;
                toFakes += mine.Count(fakeSet.Contains);
                lines.Add($"{n.Address}: {mine.Count(fakeSet.Contains)} of {mine.Count} links to fakes, {Peer(n).GossipReceived} messages received");
            }
            TestContext.Out.WriteLine($"probe (whole list up to {fullListMax} members): {Fakes} listening fakes on {Addresses} addresses of 127.1.0.0/24: {admitted.Count} admitted (limits {Seeds.MembersPerIp} per IP, " +
                                      $"{Seeds.MembersPerPrefix} per /24), believed at {believedMost} at most; 4 newcomers made {links} links, {links - toFakes} to real peers " +
                                      $"and {toFakes} to the fakes; while the 8 others received 40 more messages each: {string.Join("; ", lines)}");
            foreach (var n in newcomers)
            {
                var mine = Peer(n).Neighbours.Select(x => x.Address).ToList();
                Assert.That(mine.Count(a => !fakeSet.Contains(a)), Is.GreaterThanOrEqualTo(1), $"newcomer {n.Address} links to a real peer");
                Assert.That(mine.Count(fakeSet.Contains), Is.LessThanOrEqualTo(HostSpread.Cap(Peers.LinksPerNewcomer)), $"newcomer {n.Address}: at most half its links in the fakes' /24");
                Assert.That(Peer(n).GossipReceived, Is.GreaterThan(0), $"newcomer {n.Address} receives gossip");
            }
            Assert.That(honest.All(p => _net.Seeds.All(s => ((SeedNode)s.Node).Peers.IsLive(p.Address))), Is.True, "every real peer stays");
        }
        finally
        {
            foreach (var f in fakes) await f.DisposeAsync();
        }
    }
}
