using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GossipSim.DelayRelay;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.DelayRelay.Tests;

/// <summary>The relay on loopback (no namespaces needed): it forwards to a fixed upstream instead of the redirect's original destination.</summary>
public class DelayRelayTests
{
    private TcpListener _upstream = null!;
    private readonly List<IAsyncDisposable> _relays = new();
    private readonly List<Socket> _sockets = new();

    [SetUp]
    public void SetUp()
    {
        _upstream = new TcpListener(IPAddress.Loopback, 0);
        _upstream.Start();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var s in _sockets) s.Dispose();
        foreach (var r in _relays) await r.DisposeAsync();
        _sockets.Clear();
        _relays.Clear();
        _upstream.Stop();
    }

    private DelayRelay Relay(LatencyModel model, IPEndPoint? upstream = null, Func<IPEndPoint, int>? nodeOf = null)
    {
        var target = upstream ?? (IPEndPoint)_upstream.LocalEndpoint;
        var relay = new DelayRelay(new IPEndPoint(IPAddress.Loopback, 0), model, seed: 5, destinationOf: _ => target, nodeOf: nodeOf);
        relay.Start();
        _relays.Add(relay);
        return relay;
    }

    /// <summary>A client connected through the relay, and the upstream's side of that connection.</summary>
    private async Task<(Socket client, Socket server)> Connect(DelayRelay relay)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _sockets.Add(client);
        await client.ConnectAsync(relay.LocalEndPoint);
        var server = await _upstream.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        server.NoDelay = true;
        _sockets.Add(server);
        return (client, server);
    }

    private static async Task<byte[]> ReceiveExactly(Socket s, int count)
    {
        var buf = new byte[count];
        int got = 0;
        while (got < count)
        {
            int n = await s.ReceiveAsync(buf.AsMemory(got), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (n == 0) throw new EndOfStreamException($"stream ended after {got} of {count} bytes");
            got += n;
        }
        return buf;
    }

    [Test]
    public async Task Bytes_AreHeldForTheDrawnDelay_EachWay()
    {
        var (client, server) = await Connect(Relay(new ConstantLatency(40)));
        var sw = Stopwatch.StartNew();
        await client.SendAsync(new byte[] { 1, 2, 3 }, SocketFlags.None);
        Assert.That(await ReceiveExactly(server, 3), Is.EqualTo(new byte[] { 1, 2, 3 }));
        double oneWay = sw.Elapsed.TotalMilliseconds;
        await server.SendAsync(new byte[] { 4 }, SocketFlags.None);
        await ReceiveExactly(client, 1);
        double roundTrip = sw.Elapsed.TotalMilliseconds;
        // The relay may wake up to its timer slack early (at most 3 ms, and about 0 this early in its life).
        Assert.That(oneWay, Is.GreaterThanOrEqualTo(37), "one way");
        Assert.That(roundTrip, Is.GreaterThanOrEqualTo(74), "round trip");
    }

    [Test]
    public async Task Jitter_NeverReordersTheStream()
    {
        var (client, server) = await Connect(Relay(new UniformLatency(0, 20)));
        var sent = new byte[4000];
        for (int i = 0; i < sent.Length; i++) sent[i] = (byte)(i * 7);
        for (int i = 0; i < sent.Length; i += 40)
        {
            await client.SendAsync(sent.AsMemory(i, 40), SocketFlags.None);
            await Task.Delay(1); // separate chunks, each with its own draw
        }
        Assert.That(await ReceiveExactly(server, sent.Length), Is.EqualTo(sent));
    }

    [Test]
    public async Task EndOfStream_IsPassedOnAfterTheBytesAhead_AndTheOtherWayStaysOpen()
    {
        var (client, server) = await Connect(Relay(new ConstantLatency(10)));
        await client.SendAsync(new byte[] { 9, 8 }, SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);
        Assert.That(await ReceiveExactly(server, 2), Is.EqualTo(new byte[] { 9, 8 }));
        var buf = new byte[1];
        Assert.That(await server.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(0), "half-close reached the server");
        await server.SendAsync(new byte[] { 7 }, SocketFlags.None);
        Assert.That(await ReceiveExactly(client, 1), Is.EqualTo(new byte[] { 7 }), "the reverse direction still works");
    }

    [Test]
    public async Task Reset_IsPassedOnAsAReset()
    {
        var (client, server) = await Connect(Relay(new ConstantLatency(5)));
        server.LingerState = new LingerOption(true, 0);
        server.Close(); // RST, as the kernel sends for a killed process
        var ex = Assert.ThrowsAsync<SocketException>(async () =>
        {
            var buf = new byte[1];
            for (int i = 0; i < 10; i++)
                await client.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
        });
        Assert.That(ex!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
    }

    [Test]
    public async Task RefusedDestination_ResetsTheCaller()
    {
        // A socket bound but not listening holds the port, so no other test's listener can take it
        // meanwhile (test assemblies run in parallel), and a connection to it is refused.
        var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(closed);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)closed.LocalEndPoint!;
        var relay = Relay(new ConstantLatency(1), endpoint);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(client);
        // The relay accepts, is refused upstream at once and resets the caller: on a loaded machine the
        // reset can arrive before the caller's connect has been reported done, so it may surface from
        // the connect as well as from the first receive. Either way the caller must see a reset.
        var ex = Assert.ThrowsAsync<SocketException>(async () =>
        {
            await client.ConnectAsync(relay.LocalEndPoint);
            var buf = new byte[1];
            await client.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
        });
        Assert.That(ex!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(relay.Stats.RefusedConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task Spike_MultipliesAndAddsToTheDelay_AndEnds()
    {
        var relay = Relay(new ConstantLatency(20));
        var (client, server) = await Connect(relay);
        // The spike is long (3 s) so that "it ended" is told apart from a slow machine by seconds, not milliseconds.
        var spikeExtra = TimeSpan.FromSeconds(3);
        relay.SetSpike(2, spikeExtra);
        var sw = Stopwatch.StartNew();
        await client.SendAsync(new byte[] { 1 }, SocketFlags.None);
        await ReceiveExactly(server, 1);
        Assert.That(sw.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(20 * 2 + spikeExtra.TotalMilliseconds - 3), "during the spike");
        relay.SetSpike(1, TimeSpan.Zero);
        sw.Restart();
        await client.SendAsync(new byte[] { 2 }, SocketFlags.None);
        await ReceiveExactly(server, 1);
        Assert.That(sw.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(17), "the link's own delay still holds");
        Assert.That(sw.Elapsed, Is.LessThan(spikeExtra), "the spike no longer applies");
    }

    [Test]
    public async Task Stats_RecordTheAppliedDelays()
    {
        var relay = Relay(new ConstantLatency(15));
        var (client, server) = await Connect(relay);
        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync(new byte[] { (byte)i }, SocketFlags.None);
            await ReceiveExactly(server, 1);
        }
        var d = relay.Stats.ToDictionary();
        Assert.That(d["chunks"], Is.EqualTo(5L));
        Assert.That(d["bytes"], Is.EqualTo(5L));
        Assert.That((double)d["appliedDelayMsP50"], Is.InRange(12.0, 15 + 500));
        Assert.That(d["connections"], Is.EqualTo(1L));
    }

    [Test]
    public async Task OnTheMeasuredInternet_AChunkIsHeldForItsPairsDelay_AndCountedInItsDistanceBand()
    {
        var atlas = WanAtlas.Shipped;
        byte Code(string c) => atlas.TryIndex(c, out byte i) ? i : throw new ArgumentException(c);
        // Node 0 in Germany dials node 1 in Australia (the upstream listener), as the bed's address list would say.
        var model = (WanLatency)new WanLatency(CountryMix.OfName("atlas", atlas), [Code("DE"), Code("AU")], 2).ForRun(5);
        int upstreamPort = ((IPEndPoint)_upstream.LocalEndpoint).Port;
        var relay = Relay(model, nodeOf: ep => ep.Port == upstreamPort ? 1 : 0);
        var (client, server) = await Connect(relay);
        double oneWayBaseMs = model.BaseRttMs(0, 1) / 2;
        var sw = Stopwatch.StartNew();
        await client.SendAsync(new byte[] { 1 }, SocketFlags.None);
        await ReceiveExactly(server, 1);
        // The relay may wake up to its timer slack early (at most 3 ms); the jitter only adds.
        Assert.That(sw.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(oneWayBaseMs - 3), "held at least the pair's base, one way");

        var d = relay.Stats.ToDictionary();
        Assert.That(d["placedConnections"], Is.EqualTo(1L));
        var bands = (Dictionary<string, object>)d["byDistance"];
        Assert.That(bands.Keys, Is.EqualTo(new[] { DistanceBands.All[DistanceBands.Of(atlas.KmBetween(Code("DE"), Code("AU")))].Name }));
        var far = (Dictionary<string, object>)bands.Values.Single();
        Assert.That(far["chunks"], Is.EqualTo(1L));
        // The histogram's buckets are a few per cent wide, and the jitter (a twentieth of the row's spread, on average) only adds.
        Assert.That((double)far["drawnDelayMsP50"], Is.InRange(oneWayBaseMs * 0.95, oneWayBaseMs * 1.2));
    }
}
