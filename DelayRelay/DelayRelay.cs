using GossipSim.RealNet.Transport;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.DelayRelay;

/// <summary>
/// The bed's stand-in for `tc netem` (which this kernel lacks): a TCP relay, invisible to the nodes (the
/// router redirects to it; it dials SO_ORIGINAL_DST, in transparent mode from the client's own address, as
/// nodes check a hello's source IP), holding each chunk for a delay from the simulator's <see cref="LatencyModel"/>.
/// Per direction: bytes in order and complete, a chunk due at read time + delay but never before the one
/// ahead; FIN after the bytes before it, a reset as a reset (a SIGKILLed node looks the same); a refusing
/// destination reset at once; loss is the router's (nftables). Timed by the .NET timer, corrected for its median
/// lateness; <see cref="Stats"/> records the delays applied, so the rest of its error shows in the results. Given which node an
/// address is, a copy is drawn between its two nodes, as the simulator draws it: on the measured Internet (wan) the pair's own delay.
/// </summary>
public sealed class DelayRelay : IAsyncDisposable
{
    private const int SolIp = 0, SoOriginalDst = 80, IpTransparent = 19;
    private readonly bool _transparent;
    private readonly Socket _listener;
    private readonly LatencyModel _model;
    private readonly ulong _seed;
    private readonly Func<Socket, IPEndPoint?> _destinationOf;
    private readonly Func<IPEndPoint, int>? _nodeOf;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private long _connectionCount;
    private Task? _acceptLoop;
    private volatile Spike _spike = new(1, 0);

    private sealed record Spike(double Factor, long ExtraTicks);

    public RelayStats Stats { get; } = new();
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <param name="destinationOf">Where a client's connection was going; by default the original destination the router's redirect
    /// recorded.</param>
    /// <param name="transparent">Connect upstream from the client's address (needs CAP_NET_ADMIN and the bed's policy routing).</param>
    /// <param name="nodeOf">Which node of the model an address is (its index: seeds first, then peers), -1 for an address the run
    /// does not give; without it every copy is drawn without its nodes.</param>
    public DelayRelay(IPEndPoint listen, LatencyModel model, ulong seed,
        Func<Socket, IPEndPoint?>? destinationOf = null, bool transparent = false, Func<IPEndPoint, int>? nodeOf = null)
    {
        _nodeOf = nodeOf;
        _transparent = transparent;
        _model = model;
        _seed = seed;
        _destinationOf = destinationOf ?? OriginalDestination;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(listen);
        _listener.Listen(512);
    }

    public void Start() => _acceptLoop = Task.Run(AcceptLoop);

    /// <summary>A latency spike: drawn delays are multiplied by the factor and the extra added (as the simulator's spike does); (1, 0) ends
    /// it.</summary>
    public void SetSpike(double factor, TimeSpan extra) => _spike = new Spike(factor, extra.Ticks);

    /// <summary>The destination the nftables redirect recorded for this accepted connection, or null when it was not redirected.</summary>
    public static IPEndPoint? OriginalDestination(Socket accepted)
    {
        Span<byte> sa = stackalloc byte[16]; // struct sockaddr_in
        try
        {
            int n = accepted.GetRawSocketOption(SolIp, SoOriginalDst, sa);
            if (n < 8) return null;
        }
        catch (SocketException) { return null; }
        int port = (sa[2] << 8) | sa[3];
        return new IPEndPoint(new IPAddress(sa.Slice(4, 4)), port);
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; }
            catch (ObjectDisposedException) { return; }
            long id = Interlocked.Increment(ref _connectionCount);
            var task = Task.Run(() => Relay(client, id));
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(task);
            }
        }
    }

    private async Task Relay(Socket client, long id)
    {
        client.NoDelay = true;
        CutRideOut.Apply(client); // both legs: a partition's rule drops what either leg sends across it
        var destination = _destinationOf(client);
        if (destination == null)
        {
            Reset(client);
            return;
        }
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        CutRideOut.Apply(upstream);
        try
        {
            if (_transparent)
            {
                upstream.SetRawSocketOption(SolIp, IpTransparent, BitConverter.GetBytes(1));
                upstream.Bind(new IPEndPoint(((IPEndPoint)client.RemoteEndPoint!).Address, 0));
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await upstream.ConnectAsync(destination, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            Interlocked.Increment(ref Stats.RefusedConnections);
            Reset(client);
            upstream.Dispose();
            return;
        }
        Interlocked.Increment(ref Stats.Connections);
        // The client's own address is its node's: the bed's nodes dial from the address they listen on.
        int from = _nodeOf?.Invoke((IPEndPoint)client.RemoteEndPoint!) ?? -1, to = _nodeOf?.Invoke(destination) ?? -1;
        if (from >= 0 && to >= 0) Interlocked.Increment(ref Stats.PlacedConnections);
        // Each direction draws from its own stream: the draws do not depend on thread timing.
        var forward = Pump(client, upstream, RelayStreams.Direction(_seed, id, back: false), from, to);
        var back = Pump(upstream, client, RelayStreams.Direction(_seed, id, back: true), to, from);
        await Task.WhenAll(forward, back);
        client.Dispose();
        upstream.Dispose();
    }

    private readonly record struct Chunk(byte[]? Data, int Length, long ReadTimestamp, long DueTimestamp, long DrawnTicks, bool Reset);

    /// <summary>Reads from one socket into a delay line; a second loop writes each chunk to the other socket when it is due.</summary>
    /// <param name="fromNode">The sender's node (-1: not known), as <paramref name="toNode"/> the receiver's.</param>
    private async Task Pump(Socket from, Socket to, Rng rng, int fromNode, int toNode)
    {
        var line = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var deliver = Deliver(line.Reader, to, DistanceBandOf(fromNode, toNode));
        long lastDue = 0;
        var buffer = new byte[64 * 1024];
        bool reset = false;
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                long now = Stopwatch.GetTimestamp();
                long drawn = Draw(rng, fromNode, toNode);
                long due = Math.Max(now + drawn, lastDue);
                lastDue = due;
                if (n == 0)
                {
                    line.Writer.TryWrite(new Chunk(null, 0, now, due, drawn, false));
                    break;
                }
                var data = ArrayPool<byte>.Shared.Rent(n);
                buffer.AsSpan(0, n).CopyTo(data);
                line.Writer.TryWrite(new Chunk(data, n, now, due, drawn, false));
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            reset = true;
        }
        if (reset)
        {
            long now = Stopwatch.GetTimestamp();
            line.Writer.TryWrite(new Chunk(null, 0, now, Math.Max(now, lastDue), 0, true));
        }
        line.Writer.Complete();
        await deliver;
    }

    /// <param name="band">The distance band between the two nodes' countries (wan), whose figures the chunks count in; -1 for none.</param>
    private async Task Deliver(ChannelReader<Chunk> line, Socket to, int band)
    {
        bool broken = false;
        await foreach (var c in line.ReadAllAsync())
        {
            long release = c.DueTimestamp - Interlocked.Read(ref _timerSlack);
            bool slept = false;
            // Never before due - slack. The timer's own clock is coarser than the Stopwatch (it
            // can wake a few ms early by it, past the slack), so the wait is checked against the
            // Stopwatch and resumed until it is over.
            for (long wait = release - Stopwatch.GetTimestamp(); wait > 0 && !_stop.IsCancellationRequested;
                wait = release - Stopwatch.GetTimestamp())
            {
                slept = true;
                try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency)), _stop.Token); }
                catch (OperationCanceledException) { }
            }
            if (c.Data != null)
            {
                long sent = Stopwatch.GetTimestamp();
                if (slept) TrackTimerSlack(sent - c.DueTimestamp);
                Stats.Record((sent - c.ReadTimestamp) / (double)Stopwatch.Frequency,
                    (sent - c.DueTimestamp) / (double)Stopwatch.Frequency, c.Length, c.DrawnTicks / (double)Stopwatch.Frequency, band);
                if (!broken)
                {
                    try { await to.SendAsync(c.Data.AsMemory(0, c.Length), SocketFlags.None); }
                    catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { broken = true; }
                }
                ArrayPool<byte>.Shared.Return(c.Data);
            }
            else if (c.Reset) Reset(to);
            else
            {
                try { to.Shutdown(SocketShutdown.Send); }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
            }
        }
    }

    /// <summary>
    /// The .NET timer wakes about a millisecond late, which would add that to every delay.
    /// The relay wakes earlier by <see cref="_timerSlack"/>, a running estimate of the median
    /// lateness (moved a small step up when a chunk went out late, down when early), so the
    /// median applied delay matches the drawn one.
    /// </summary>
    private long _timerSlack;
    private static readonly long SlackStep = Stopwatch.Frequency / 100_000;   // 10 µs
    private static readonly long SlackMax = Stopwatch.Frequency * 3 / 1000;  // 3 ms

    private void TrackTimerSlack(long lateTicks)
    {
        long now = Interlocked.Read(ref _timerSlack);
        long next = Math.Clamp(now + (lateTicks > 0 ? SlackStep : -SlackStep), 0, SlackMax);
        Interlocked.CompareExchange(ref _timerSlack, next, now);
    }

    /// <summary>How early the relay now wakes to offset the timer's lateness.</summary>
    public TimeSpan TimerSlack => TimeSpan.FromSeconds(Interlocked.Read(ref _timerSlack) / (double)Stopwatch.Frequency);

    /// <summary>A chunk's delay (Stopwatch ticks): between its two nodes when both are known (the model's pair draw, the
    /// simulator's), else without them.</summary>
    private long Draw(Rng rng, int fromNode, int toNode)
    {
        var spike = _spike;
        long drawn = fromNode >= 0 && toNode >= 0 ? _model.SampleTicks(rng, fromNode, toNode) : _model.SampleTicks(rng);
        double ticks = drawn * spike.Factor + spike.ExtraTicks;
        return (long)(ticks / TimeSpan.TicksPerSecond * Stopwatch.Frequency);
    }

    /// <summary>On the measured Internet, the distance band (<see cref="DistanceBands"/>) between two known nodes' countries; -1 for
    /// another model or a node not known.</summary>
    private int DistanceBandOf(int a, int b) =>
        _model is WanLatency wan && a >= 0 && b >= 0 ? DistanceBands.Of(wan.Atlas.KmBetween(wan.CountryOf(a), wan.CountryOf(b))) : -1;

    /// <summary>Closes with a TCP reset (SO_LINGER 0), as the kernel does for a killed process with unread data.</summary>
    private static void Reset(Socket s)
    {
        try
        {
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _listener.Dispose();
        if (_acceptLoop != null) await _acceptLoop;
        Task[] open;
        lock (_connections) open = _connections.ToArray();
        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _stop.Dispose();
    }
}

/// <summary>What the relay did: connections, bytes, and the one-way delays it actually applied (drawn + timer lateness).</summary>
public sealed class RelayStats
{
    public long Connections;
    public long RefusedConnections;
    /// <summary>Connections between two nodes the relay knows (a model drawn by pair, such as wan, draws their pair's delay).</summary>
    public long PlacedConnections;
    private long _chunks, _bytes;
    private readonly LatencyHistogram _applied = new();
    private readonly object _lock = new();

    public long Chunks => Interlocked.Read(ref _chunks);
    public long Bytes => Interlocked.Read(ref _bytes);

    private readonly LatencyHistogram _late = new();

    /// <summary>By distance band (wan): the delays drawn and applied to chunks between two nodes that far apart.</summary>
    private readonly (LatencyHistogram Drawn, LatencyHistogram Applied)[] _byBand =
        DistanceBands.All.Select(_ => (new LatencyHistogram(), new LatencyHistogram())).ToArray();

    /// <param name="appliedSeconds">From the chunk's read to its write.</param>
    /// <param name="lateSeconds">How long after it was due it was written (timer resolution and load).</param>
    /// <param name="drawnSeconds">The delay the model drew for it.</param>
    /// <param name="band">The distance band between its nodes' countries (<see cref="DistanceBands"/>), -1 for none.</param>
    internal void Record(double appliedSeconds, double lateSeconds, int bytes, double drawnSeconds = 0, int band = -1)
    {
        Interlocked.Increment(ref _chunks);
        Interlocked.Add(ref _bytes, bytes);
        lock (_lock)
        {
            _applied.Add(appliedSeconds);
            _late.Add(Math.Max(0, lateSeconds));
            if (band < 0) return;
            _byBand[band].Drawn.Add(drawnSeconds);
            _byBand[band].Applied.Add(appliedSeconds);
        }
    }

    public Dictionary<string, object> ToDictionary()
    {
        lock (_lock)
            return new Dictionary<string, object>
            {
                ["connections"] = Interlocked.Read(ref Connections),
                ["refusedConnections"] = Interlocked.Read(ref RefusedConnections),
                ["chunks"] = Chunks,
                ["bytes"] = Bytes,
                ["appliedDelayMsP50"] = Math.Round(_applied.Quantile(0.5) * 1000, 3),
                ["appliedDelayMsP90"] = Math.Round(_applied.Quantile(0.9) * 1000, 3),
                ["appliedDelayMsMax"] = Math.Round(_applied.MaxSeconds * 1000, 3),
                ["timerLatenessMsP50"] = Math.Round(_late.Quantile(0.5) * 1000, 3),
                ["timerLatenessMsP99"] = Math.Round(_late.Quantile(0.99) * 1000, 3),
                ["placedConnections"] = Interlocked.Read(ref PlacedConnections),
                ["byDistance"] = Enumerable.Range(0, DistanceBands.All.Count).Where(b => _byBand[b].Applied.Count > 0)
                    .ToDictionary(b => DistanceBands.All[b].Name, b => (object)new Dictionary<string, object>
                    {
                        ["chunks"] = _byBand[b].Applied.Count,
                        ["drawnDelayMsP50"] = Math.Round(_byBand[b].Drawn.Quantile(0.5) * 1000, 3),
                        ["appliedDelayMsP50"] = Math.Round(_byBand[b].Applied.Quantile(0.5) * 1000, 3),
                        ["appliedDelayMsP99"] = Math.Round(_byBand[b].Applied.Quantile(0.99) * 1000, 3),
                    }),
            };
    }
}
