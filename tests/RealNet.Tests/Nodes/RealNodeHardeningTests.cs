using System.Diagnostics;
using System.Globalization;
using System.Text;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.NodeFiles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>
/// Attacks on real node processes (the built executable) on loopback: 3 seeds and 2 gossiping
/// peers, started once for the fixture. Each probe sends garbage, truncated or oversized frames,
/// thousands of idle connections, floods of false dead-node reports, or a hello claiming a live
/// peer's address; then the test checks that every process still runs, that neither live peer
/// was ever removed, and that the network still serves a newcomer. Each test prints what the
/// probe did and how the nodes answered.
/// </summary>
[NonParallelizable]
public class RealNodeHardeningTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    // Short deadlines so the probes finish quickly: a hello, or a frame once started, within 2 s.
    private static readonly string[] Deadlines = ["--connect-timeout", "2", "--frame-timeout", "2"];
    private const double DeadlineSeconds = 2;
    // The fixture's peers gossip for its whole life; a newcomer shares the setting (a peer drops numbers above its own).
    private const int MessagesPerPeer = 100_000;

    private readonly List<NodeProcess> _processes = new();
    private string _dir = "";
    private NodeProcess[] _seeds = [];
    private NodeAddress[] _seedAddresses = [];
    private (NodeProcess Process, NodeAddress Address)[] _peers = [];

    [OneTimeSetUp]
    public async Task StartNetwork()
    {
        Assert.That(File.Exists(NodeProcess.ExecutablePath), $"the node executable is built at {NodeProcess.ExecutablePath}");
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "hardening", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(_dir);
        string seedsFile = Path.Combine(_dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}",
            ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent], FastTimings.SeedArgs, Deadlines)).ToArray();
        var addresses = new List<NodeAddress>();
        foreach (var s in _seeds) addresses.Add(await s.ListeningAsync(Patience));
        _seedAddresses = addresses.ToArray();
        File.WriteAllText(seedsFile + ".tmp", SeedListFile.Format(_seedAddresses));
        File.Move(seedsFile + ".tmp", seedsFile);

        // Two peers that gossip for the whole fixture (a message every 0.5 s).
        string[] peerArgs = ["--gossip-interval", "0.5", "--messages", MessagesPerPeer.ToString(CultureInfo.InvariantCulture), "--ping-interval", "0.5", "--misses", "3", "--witness-probe-timeout", "2",
            "--suspicion-query-timeout", "4", "--register-timeout", "2", "--link-timeout", "2", "--reattach-retry", "1"];
        var peers = new List<(NodeProcess, NodeAddress)>();
        for (int i = 0; i < 2; i++)
        {
            var p = Start("peer", $"peer-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", parent], peerArgs, Deadlines);
            var a = await p.ListeningAsync(Patience);
            await Eventually.HoldsAsync(() => TraceOf(p).Any(e => e.Kind == TraceKind.Registered), $"peer {a} registers", Patience);
            peers.Add((p, a));
        }
        _peers = peers.ToArray();
        await Eventually.HoldsAsync(() => _peers.All(p => TraceOf(p.Process).Any(e => e.Kind == TraceKind.GossipDelivered)), "the two peers gossip", Patience);
        TestContext.Out.WriteLine($"network: seeds {string.Join(", ", _seedAddresses)}, peers {string.Join(", ", _peers.Select(p => p.Address))}; output in {_dir}");
    }

    [OneTimeTearDown]
    public void KillEverything()
    {
        foreach (var p in _processes) p.Dispose();
        _processes.Clear();
    }

    private NodeProcess Start(string role, string name, params string[][] args)
    {
        var p = NodeProcess.Start(role, Path.Combine(_dir, name), args.SelectMany(a => a));
        _processes.Add(p);
        return p;
    }

    private NodeProcess Seed0 => _seeds[0];
    private NodeAddress PeerA => _peers[0].Address;

    private static void Say(string text) => TestContext.Out.WriteLine(text);

    // ---- probes ----

    [Test]
    public async Task GarbageBytes_CostOnlyTheirOwnConnection()
    {
        var targets = new[] { (Name: "seed", Address: _seedAddresses[0], Process: Seed0), (Name: "peer", Address: PeerA, Process: _peers[0].Process) };
        // "A hello, then ...": the whole handshake as that address, then the bytes.
        static NodeAddress As(int n) => new(0x7F000001, (ushort)(200 + n));
        var inputs = new List<(string What, byte[] Bytes)>();
        var afterHello = new List<(string What, NodeAddress As, byte[] Bytes)>();
        for (int i = 0; i < 16; i++)
        {
            var random = new Random(i);
            var blob = new byte[random.Next(1, 2048)];
            random.NextBytes(blob);
            inputs.Add(($"{blob.Length} random bytes", blob));
        }
        inputs.Add(("an HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: node\r\n\r\n")));
        inputs.Add(("a TLS ClientHello", Convert.FromHexString("16030100c4010000c00303" + new string('a', 64))));
        inputs.Add(("an SSH banner", Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n")));
        inputs.Add(("a message frame instead of a hello", RawClient.Frame(new RegisterRequest(1))));
        inputs.Add(("a hello and no handshake finish, then 64 random bytes", [.. RawClient.HelloFrame(As(9)), .. Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11))]));
        afterHello.Add(("a handshake, then 64 random bytes", As(0), [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11))]));
        afterHello.Add(("a handshake, then a frame of unknown kind 0xEE", As(1), [0, 0, 0, 3, 0xEE, 1, 2]));
        afterHello.Add(("a handshake, then a RegisterRequest frame 3 bytes short of its fields", As(2), [0, 0, 0, 6, (byte)MessageKind.RegisterRequest, 0, 0, 0, 0, 0]));
        afterHello.Add(("a handshake, then a Pong claiming 2^31 neighbours", As(3), [0, 0, 0, 21, (byte)MessageKind.Pong, .. new byte[16], 0x7F, 0xFF, 0xFF, 0xFF]));

        foreach (var target in targets)
        {
            var closeTimes = await Task.WhenAll(inputs.Select(input => (input.What, As: (NodeAddress?)null, input.Bytes))
                .Concat(afterHello.Select(input => (input.What, As: (NodeAddress?)input.As, input.Bytes))).Select(async input =>
            {
                using var c = await RawClient.ConnectAsync(target.Address);
                if (input.As is { } claimed) await c.HelloThenWriteAsync(claimed, input.Bytes);
                else await c.WriteAsync(input.Bytes);
                return (input.What, Seconds: (await c.WaitClosedAsync(Patience, $"{input.What} sent to the {target.Name}")).TotalSeconds);
            }));
            var quick = closeTimes.Count(t => t.Seconds < DeadlineSeconds);
            Say($"probe: {inputs.Count} connections to the {target.Name} {target.Address}, each sending garbage (random blobs, HTTP, TLS, SSH, bad frames)");
            Say($"{target.Name}: closed all {inputs.Count}: {quick} at once (at most {closeTimes.Where(t => t.Seconds < DeadlineSeconds).Select(t => t.Seconds).DefaultIfEmpty().Max():0.00} s), " +
                $"{inputs.Count - quick} at the {DeadlineSeconds} s deadline (input that looked like the start of a frame): " +
                string.Join(", ", closeTimes.Where(t => t.Seconds >= DeadlineSeconds).Select(t => t.What)));
            foreach (var line in LogLines(target.Process).Where(l => l.Contains("closing") && l.Contains("incoming connection")).TakeLast(3)) Say($"  log: {line}");
        }
        await AssertNetworkHealthyAsync();
    }

    [Test]
    public async Task TruncatedFrames_AreClosedAtTheFrameDeadline_OrWhenTheSenderGoesAway()
    {
        // Each connection claims its own address: two live connections claiming one address would be refused at once.
        static NodeAddress As(int n) => new(0x7F000001, (ushort)(100 + n));
        var frame = RawClient.Frame(new DeadNodeReport(PeerA, 1, NodeAddress.Parse("127.0.0.1:9")));
        var stalls = new (string What, NodeAddress? As, byte[] Bytes)[]
        {
            ("3 of the hello's 44 bytes, then silence", null, RawClient.HelloFrame(As(0))[..3]),
            ("a handshake and half a DeadNodeReport frame, then silence", As(1), frame[..(frame.Length / 2)]),
            ("a handshake and 2 bytes of a frame header, then silence", As(2), [0, 0]),
            ("a handshake and a header announcing 100 000 bytes, then 50 bytes", As(3), [0, 1, 0x86, 0xA0, .. new byte[50]]),
        };
        var results = await Task.WhenAll(stalls.Select(async s =>
        {
            using var c = await RawClient.ConnectAsync(_seedAddresses[0]);
            if (s.As is { } claimed) await c.HelloThenWriteAsync(claimed, s.Bytes);
            else await c.WriteAsync(s.Bytes);
            return (s.What, Seconds: (await c.WaitClosedAsync(Patience, s.What)).TotalSeconds);
        }));
        foreach (var (what, seconds) in results) Say($"probe: {what} -> seed closed the connection after {seconds:0.0} s (deadline {DeadlineSeconds} s)");
        foreach (var (what, seconds) in results)
            Assert.That(seconds, Is.GreaterThan(DeadlineSeconds * 0.5), $"{what}: not closed before the deadline could have run");

        // Half a frame, then the sender closes: the node notices at once.
        using (var c = await RawClient.ConnectAsync(_seedAddresses[0]))
            await c.HelloThenWriteAsync(As(4), frame[..(frame.Length - 1)]);
        await Eventually.HoldsAsync(() => LogLines(Seed0).Any(l => l.Contains("in the middle of a frame")), "the cut frame is logged", Patience);
        foreach (var line in LogLines(Seed0).Where(l => l.Contains("arrived within") || l.Contains("no hello within") || l.Contains("in the middle of a frame")).TakeLast(5))
            Say($"  seed log: {line}");
        Assert.That(LogLines(Seed0).Count(l => l.Contains($"dead-node message received from 127.0.0.1:10")), Is.Zero, "no part of a cut frame reached the node");
        await AssertNetworkHealthyAsync();
    }

    [Test]
    public async Task HugeLengthPrefix_IsRefusedBeforeAnythingIsAllocated()
    {
        var hello = NodeAddress.Parse("127.0.0.1:9");
        var probes = new (string What, NodeAddress? As, byte[] Bytes, string Expected)[]
        {
            ("handshake, then length 0xFFFFFFFF", hello, [0xFF, 0xFF, 0xFF, 0xFF], "frame of 4294967295 bytes exceeds the 1048576-byte cap"),
            ("handshake, then length 0x7FFFFFFF", hello, [0x7F, 0xFF, 0xFF, 0xFF], "frame of 2147483647 bytes exceeds the 1048576-byte cap"),
            ("handshake, then the cap + 1", hello, [0x00, 0x10, 0x00, 0x01], "frame of 1048577 bytes exceeds the 1048576-byte cap"),
            ("length 0xFFFFFFFF instead of a hello", null, [0xFF, 0xFF, 0xFF, 0xFF], "frame of 4294967295 bytes exceeds the 40-byte cap"),
        };
        foreach (var (name, process, address) in new[] { ("seed", Seed0, _seedAddresses[0]), ("peer", _peers[0].Process, PeerA) })
        {
            long rssBefore = RssKiB(process);
            foreach (var (what, claimed, bytes, expected) in probes)
            {
                using var c = await RawClient.ConnectAsync(address);
                if (claimed is { } a) await c.HelloThenWriteAsync(a, bytes);
                else await c.WriteAsync(bytes);
                var t = await c.WaitClosedAsync(Patience, what);
                await Eventually.HoldsAsync(() => LogLines(process).Any(l => l.Contains(expected)), $"the {name} logs '{expected}'", Patience);
                Say($"probe: {what} to the {name} -> closed after {t.TotalSeconds:0.00} s; log: ...{expected}");
            }
            Say($"{name}: resident memory {rssBefore / 1024} MiB before, {RssKiB(process) / 1024} MiB after (a 4 GiB frame was never allocated)");
        }
        await AssertNetworkHealthyAsync();
    }

    [Test]
    public async Task ThousandsOfIdleConnections_AreShed_WhileTheSeedServesARegistration()
    {
        int softLimit = OpenFileLimit();
        // This process holds one descriptor per idle socket (the seed process has its own limit,
        // and holds at most --max-connections of them): leave room for everything else.
        int count = Math.Min(2000, softLimit - 512);
        Say($"open-file limit here: {softLimit} (ulimit -n); opening {count} idle sockets to seed {_seedAddresses[0]} (max connections 1024, hello deadline {DeadlineSeconds} s)");
        Assert.That(count, Is.GreaterThanOrEqualTo(200), "the descriptor limit leaves room for a meaningful number of sockets");

        var clock = Stopwatch.StartNew();
        var clients = new RawClient?[count];
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try { clients[i] = await RawClient.ConnectAsync(_seedAddresses[0], timeout: TimeSpan.FromSeconds(60)); }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException) { }
                finally { gate.Release(); }
            }));
        }
        var open = clients.Where(c => c != null).Select(c => c!).ToArray();
        double openedAt = clock.Elapsed.TotalSeconds;
        try
        {
            // While they are all there (the seed is at its limit), a peer registers with this seed.
            await using var probe = ProbePeer.Start(incarnation: 1);
            var registering = Stopwatch.StartNew();
            await probe.RegisterAsync([_seedAddresses[0]], Patience);
            double registeredAfter = registering.Elapsed.TotalSeconds;

            var closes = await Task.WhenAll(open.Select(async c => await c.ClosedWithinAsync(Patience) ? clock.Elapsed.TotalSeconds : double.NaN));
            Assert.That(closes.Count(double.IsNaN), Is.Zero, "the seed closed every idle socket");
            var log = LogLines(Seed0);
            Say($"probe: {open.Length} of {count} sockets connected in {openedAt:0.0} s and sent nothing");
            Say($"seed: registered a peer at its limit in {registeredAfter:0.00} s; closed all {open.Length} idle sockets by {closes.Max():0.0} s " +
                $"({closes.Count(t => t < openedAt + DeadlineSeconds * 0.5)} evicted before the hello deadline could fire)");
            Say($"seed log: {log.Count(l => l.Contains("connection limit"))} lines about the connection limit, {log.Count(l => l.Contains("no hello within"))} about missing hellos, " +
                $"{log.Count(l => l.Contains("not logged one by one"))} summary lines; e.g. {log.FirstOrDefault(l => l.Contains("not logged one by one"))}");
            await probe.LeaveAsync([_seedAddresses[0]]);
        }
        finally
        {
            foreach (var c in open) c.Dispose();
        }
        await AssertNetworkHealthyAsync(newcomer: true);
    }

    [Test]
    public async Task FloodOfFalseDeadReports_FromAnUnregisteredClient_RemovesNobody()
    {
        await using var liar = ProbePeer.Start(incarnation: 1);
        // Not PeerA: the registered liar's test (before this one) accuses PeerA, and the reports its flood had held in the seeds'
        // cooldown are decided by one vote each when the cooldown ends, which may fall in this test (CI saw 3 such proposals).
        var victim = _peers[1].Address;
        int proposalsBefore = _seeds.Sum(s => Proposals(s, victim));
        const int perSeed = 300, forged = 100;
        long droppedBefore = 0;
        foreach (var s in _seeds) droppedBefore += await FreshStatusCountAsync(s, "reportsDropped");
        foreach (var s in _seedAddresses)
        {
            for (int i = 0; i < perSeed; i++) liar.Send(s, new DeadNodeReport(victim, i, liar.Address));
            // Claiming to be the other live peer in the report's reporter field.
            for (int i = 0; i < forged; i++) liar.Send(s, new DeadNodeReport(victim, i, PeerA));
        }
        int expected = (perSeed + forged) * _seeds.Length;
        // Each report is read and rejected, or dropped unread over the sender's rate (32 at once, then 8 a second) and counted in status.json.
        int Rejected() => liar.Inbox.Snapshot().Count(r => r.Message is ReportRejected);
        long Dropped() => _seeds.Sum(s => StatusCount(s, "reportsDropped")) - droppedBefore;
        await Eventually.HoldsAsync(() => Rejected() + Dropped() == expected, $"all {expected} reports are answered or counted as dropped", Patience);
        var reasons = liar.Inbox.Snapshot().Select(r => r.Message).OfType<ReportRejected>().GroupBy(r => r.Reason).Select(g => $"{g.Count()} x '{g.Key}'");
        Say($"probe: an unregistered client sent {perSeed} dead-node reports about live peer {victim} to each seed, and {forged} more naming another live peer as reporter");
        Say($"seeds: rejected {Rejected()}: {string.Join("; ", reasons)}; dropped {Dropped()} over the client's rate; removal proposals started: {_seeds.Sum(s => Proposals(s, victim)) - proposalsBefore}");
        Assert.That(_seeds.Sum(s => Proposals(s, victim)), Is.EqualTo(proposalsBefore), "no report from an unregistered client even starts a vote");
        await AssertNetworkHealthyAsync();
    }

    [Test]
    public async Task FloodOfFalseDeadReports_FromARegisteredLiar_RemovesNobody()
    {
        await using var liar = ProbePeer.Start(incarnation: 1);
        await liar.RegisterAsync(_seedAddresses, Patience);
        var victim = PeerA;
        int proposalsBefore = _seeds.Sum(s => Proposals(s, victim)), rejectedBefore = _seeds.Sum(s => Rejections(s, victim)), noBefore = _seeds.Sum(s => NoVotes(s, victim));
        long droppedBefore = 0;
        foreach (var s in _seeds) droppedBefore += await FreshStatusCountAsync(s, "reportsDropped");
        const int perSeed = 300;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < perSeed; i++)
        {
            foreach (var s in _seedAddresses) liar.Send(s, new DeadNodeReport(victim, i, liar.Address));
            await Task.Delay(10); // spread over ~3 s, so reports keep arriving as votes conclude
        }
        // Every proposal ends: rejected, because each seed's own probe of the victim is answered.
        await Eventually.HoldsAsync(() => _seeds.Sum(s => Proposals(s, victim)) - proposalsBefore == _seeds.Sum(s => Rejections(s, victim)) - rejectedBefore
                                          && _seeds.Sum(s => Proposals(s, victim)) > proposalsBefore,
            "every removal proposal the reports started is rejected", Patience);
        int proposals = _seeds.Sum(s => Proposals(s, victim)) - proposalsBefore;
        int noVotes = _seeds.Sum(s => NoVotes(s, victim)) - noBefore;
        long dropped = -droppedBefore;
        foreach (var s in _seeds) dropped += await FreshStatusCountAsync(s, "reportsDropped");
        Say($"probe: a registered peer sent {perSeed} false dead-node reports about live peer {victim} to each seed over {clock.Elapsed.TotalSeconds:0.0} s");
        Say($"seeds: started {proposals} removal votes, all rejected ({noVotes} 'no' votes in all, each after the seed's own probe was answered); " +
            $"the liar got {liar.Inbox.Snapshot().Count(r => r.Message is ReportRejected)} rejections; the seeds dropped {dropped} over its rate");
        await liar.LeaveAsync(_seedAddresses);
        await AssertNetworkHealthyAsync(newcomer: true);
    }

    [Test]
    public async Task HelloClaimingALivePeersAddress_CannotSpeakForIt()
    {
        // A registered client learns the victim's incarnation from a pong, and makes every seed
        // contact the victim (one false report each), so every seed holds a connection with it.
        await using var spy = ProbePeer.Start(incarnation: 1);
        await spy.RegisterAsync(_seedAddresses, Patience);
        var victim = PeerA;
        long incarnation = await spy.IncarnationOfAsync(victim, Patience);
        foreach (var s in _seedAddresses) spy.Send(s, new DeadNodeReport(victim, 1, spy.Address));
        await Eventually.HoldsAsync(() => spy.Inbox.Snapshot().Count(r => r.Message is ReportRejected) >= _seeds.Length, "each seed probed the victim and rejected the report", Patience);
        await Task.Delay(TimeSpan.FromSeconds(DeadlineSeconds + 1)); // older than the connect timeout: both sides dialling at once is over

        foreach (var s in _seedAddresses)
        {
            using var impostor = await RawClient.ConnectAsync(s);
            await impostor.HelloAndSendAsync(victim, new Goodbye(incarnation), new DeadNodeReport(_peers[1].Address, 1, victim));
            await impostor.WaitClosedAsync(Patience, $"a hello claiming {victim} at seed {s}");
        }
        await spy.LeaveAsync(_seedAddresses);
        var refusals = _seeds.Select(s => LogLines(s).LastOrDefault(l => l.Contains($"its hello claims {victim}"))).ToArray();
        Say($"probe: at each seed, a connection says hello as live peer {victim} and sends its Goodbye (incarnation {incarnation}, learnt from a pong) and a report that the other peer is dead");
        foreach (var r in refusals) Say($"  seed log: {r}");
        Assert.That(refusals, Has.All.Not.Null, "every seed refused the impostor");
        foreach (var s in _seeds)
            Assert.That(LogLines(s).Any(l => l.Contains($"peer {victim} says goodbye")), Is.False, "no seed took the Goodbye");
        await AssertNetworkHealthyAsync();
    }

    // ---- checks ----

    /// <summary>
    /// Every node process still runs, neither live peer was ever removed, every seed registers a
    /// new peer, and (with <paramref name="newcomer"/>) a real peer node joins and receives gossip.
    /// </summary>
    private async Task AssertNetworkHealthyAsync(bool newcomer = false)
    {
        foreach (var p in _processes)
            Assert.That(p.HasExited, Is.False, $"node in {p.OutDir} is still running; stderr: {string.Join(" | ", p.Errors)}");
        foreach (var s in _seeds)
            foreach (var (_, a) in _peers)
                Assert.That(TraceOf(s).Where(e => e.Kind == TraceKind.MemberRemoved && e.Peer == a), Is.Empty, $"live peer {a} was never removed at {s.OutDir}");
        foreach (var p in _processes)
            Assert.That(LogLines(p), Has.None.Contains("INTERNAL ERROR"), $"{p.OutDir} has no internal error");

        await using (var probe = ProbePeer.Start(incarnation: 1))
        {
            await probe.RegisterAsync(_seedAddresses, Patience);
            await probe.LeaveAsync(_seedAddresses);
        }
        Say("health: every node runs, no live peer was removed, every seed accepts a registration");
        if (!newcomer) return;

        var trace = new CollectingTraceSink();
        var transport = TcpTransport.Listen(Loopback.AnyPort);
        transport.RestrictSenders(SenderPolicy.ForPeer(_seedAddresses));
        var node = new PeerNode(FastTimings.Peer with { Originates = false, MessagesPerPeer = MessagesPerPeer }, _seedAddresses, incarnation: 1, identity: new PeerIdentity(transport.Identity, transport.Keys));
        var host = new NodeHost(node, transport, new NodeHostOptions { Random = new Rng(7), Trace = trace });
        var clock = Stopwatch.StartNew();
        host.Start();
        try
        {
            await Eventually.HoldsAsync(() => trace.Snapshot().Any(e => e.Kind == TraceKind.Registered), "a newcomer registers", Patience);
            double registered = clock.Elapsed.TotalSeconds;
            var origins = _peers.Select(p => p.Address).ToHashSet();
            await Eventually.HoldsAsync(() => trace.Snapshot().Any(e => e.Kind == TraceKind.GossipDelivered && origins.Contains(e.Message.Origin)),
                "the newcomer receives gossip from the live peers", Patience);
            Say($"health: a new peer registered after {registered:0.00} s and received the live peers' gossip after {clock.Elapsed.TotalSeconds:0.00} s");
        }
        finally
        {
            await host.StopAsync(sayGoodbye: true);
        }
    }

    /// <summary>A counter of the node's status.json (0 before the first).</summary>
    private static long StatusCount(NodeProcess node, string name) => Status(node) is { } s ? s.GetProperty(name).GetInt64() : 0;

    /// <summary>The counter once the node has rewritten its status.json after this call: it counts everything before it.</summary>
    private static async Task<long> FreshStatusCountAsync(NodeProcess node, string name)
    {
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await Eventually.HoldsAsync(() => Status(node) is { } s && s.GetProperty("t").GetDouble() > now, $"{node.OutDir} rewrites its status", Patience);
        return StatusCount(node, name);
    }

    private static System.Text.Json.JsonElement? Status(NodeProcess node)
    {
        string path = Path.Combine(node.OutDir, "status.json");
        if (!File.Exists(path)) return null;
        using var status = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return status.RootElement.Clone();
    }

    private static int Proposals(NodeProcess seed, NodeAddress victim) =>
        TraceOf(seed).Count(e => e.Kind == TraceKind.Proposed && e.Peer == victim && e.Detail == "remove");

    private static int NoVotes(NodeProcess seed, NodeAddress victim) =>
        TraceOf(seed).Count(e => e.Kind == TraceKind.Voted && e.Peer == victim && e.B == 0);

    private static int Rejections(NodeProcess seed, NodeAddress victim) =>
        TraceOf(seed).Count(e => e.Kind == TraceKind.ProposalRejected && e.Peer == victim);
}
