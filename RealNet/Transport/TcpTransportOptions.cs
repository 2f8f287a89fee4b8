using GossipSim.RealNet.Security;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Transport;

/// <summary>Every tunable of the TCP transport, with its default and unit in the name.</summary>
public sealed record TcpTransportOptions
{
    /// <summary>Frames with a larger payload are refused on receipt (the connection closes) and never sent.</summary>
    public int MaxFrameBytes { get; init; } = Framing.DefaultMaxFrameBytes;

    /// <summary>An outgoing connect, or an incoming connection's whole handshake, must complete within this time. Its default is the
    /// simulator's too (<see cref="Engine.Core.TransportTimeouts.Connect"/>): a send across a partition fails after it on both.</summary>
    public TimeSpan ConnectTimeout { get; init; } = Engine.Core.TransportTimeouts.Connect;

    /// <summary>
    /// Once the first byte of a frame has arrived, the rest must arrive within this time; and a
    /// frame being written must be taken by the other side within it. A client that dribbles
    /// bytes, or stops reading, loses its connection instead of holding it.
    /// </summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection that carried no frame either way for this long is closed (reopened on the next send). Zero: never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A connection to a node that is neither a link nor a seed (a walk's reply, an indirect probe, a passive peer tried once) is
    /// closed after this much idleness instead (never later than <see cref="IdleTimeout"/>): one-off contacts would otherwise
    /// hold a socket each for minutes and fill a node's descriptors toward the live count. Zero: as <see cref="IdleTimeout"/>.
    /// </summary>
    public TimeSpan ContactIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failed connect, sends to that address are dropped for this long, doubling per failure up to the max.</summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames waiting on one connection; beyond this, new sends to it are dropped (best effort, bounded memory).</summary>
    public int MaxQueuedFramesPerConnection { get; init; } = 10_000;

    /// <summary>Bytes waiting on one connection (a reader that stalls cannot make a node hold more for it); never less than one largest
    /// frame.</summary>
    public int MaxQueuedBytesPerConnection { get; init; } = 8 << 20;

    /// <summary>Bytes waiting on all connections together; beyond this, new sends are dropped. Never less than one connection's
    /// share.</summary>
    public long MaxQueuedBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Open incoming connections. When the limit is reached, a new connection closes the oldest
    /// one still waiting for its hello; if every connection has said hello, the new one is
    /// accepted and closed at once. Either way one log line per second says so.
    /// </summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>Open outgoing connections; a send that would open one more is dropped (a node cannot be made to dial without
    /// bound).</summary>
    public int MaxOutgoingConnections { get; init; } = 1024;

    /// <summary>
    /// Frames read from one connection a second, once it has sent <see cref="FrameBurst"/> at once.
    /// Beyond it the connection is read more slowly: TCP holds its sender back, and the node spends
    /// nothing on what it has not read, so one flooding neighbour cannot crowd out the others. An
    /// honest neighbour relays each message at most once, so its rate is at most the network's: one
    /// frame per origin per gossip interval, plus pings; a thousand a second is 500 origins gossiping
    /// every 0.5 s, all of it over one link. 0: no limit.
    /// </summary>
    public int MaxFramesPerSecond { get; init; } = 1000;

    /// <summary>Frames one connection may send at once, before <see cref="MaxFramesPerSecond"/> applies (a peer's first peer list, a burst
    /// of relays).</summary>
    public int FrameBurst { get; init; } = 2000;

    /// <summary>
    /// Incoming handshakes taken from one IP a second, after a burst of <see cref="HandshakeBurst"/>:
    /// each costs an ECDSA signature and a check. Beyond it a handshake waits its turn, and one that
    /// would wait past half the connect timeout goes unanswered and is closed at the connect
    /// timeout (held, so a flooder cannot come straight back), so a flood of handshakes costs
    /// bounded work while other hosts' connections are not held back. Every node of a loopback
    /// network shares one IP, hence room for a few hundred joining at once. 0: no limit.
    /// </summary>
    public int MaxHandshakesPerSecond { get; init; } = 100;

    /// <summary>Handshakes one IP may make at once before <see cref="MaxHandshakesPerSecond"/> applies.</summary>
    public int HandshakeBurst { get; init; } = 200;

    /// <summary>
    /// Refuse a connection whose hello names an IP other than the one it comes from, so a host
    /// cannot claim another host's address. Outgoing connections are bound to the listen IP so
    /// that theirs match. Turn off only where a NAT rewrites source addresses.
    /// </summary>
    public bool CheckHelloIp { get; init; } = true;

    /// <summary>With a key, every connection is also authenticated by the cluster key and encrypted (<see cref="Handshake"/>); null:
    /// plaintext.</summary>
    public ClusterKey? ClusterKey { get; init; }

    /// <summary>The node's own key pair, proven in every handshake; null: a key made for this transport's lifetime.</summary>
    public NodeIdentity? Identity { get; init; }

    /// <summary>On a clean close, how long queued frames (a goodbye) get to leave before connections are cut.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest payload on the wire: a message of <see cref="MaxFrameBytes"/>, plus the encryption's counter and tag with a
    /// key.</summary>
    internal int MaxWirePayloadBytes => MaxFrameBytes + (ClusterKey != null ? SecureSession.Overhead : 0);

    /// <summary>The idleness after which a contact's connection closes, in ms; 0: never.</summary>
    internal long ContactIdleMs
    {
        get
        {
            long idle = (long)IdleTimeout.TotalMilliseconds, contact = (long)ContactIdleTimeout.TotalMilliseconds;
            return contact == 0 ? idle : idle == 0 ? contact : Math.Min(idle, contact);
        }
    }

    internal long ConnectionQueueBytes => Math.Max(MaxQueuedBytesPerConnection, (long)MaxWirePayloadBytes + Framing.HeaderBytes);

    internal long TotalQueueBytes => Math.Max(MaxQueuedBytes, ConnectionQueueBytes);

    public void Validate()
    {
        if (MaxFrameBytes < 64 || MaxFrameBytes > 1 << 30) throw new ArgumentException("MaxFrameBytes must be between 64 and 1073741824");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("ConnectTimeout must be positive");
        if (FrameTimeout <= TimeSpan.Zero) throw new ArgumentException("FrameTimeout must be positive");
        if (IdleTimeout < TimeSpan.Zero) throw new ArgumentException("IdleTimeout must be zero (never) or positive");
        if (ContactIdleTimeout < TimeSpan.Zero) throw new ArgumentException("ContactIdleTimeout must be zero (as IdleTimeout) or positive");
        if (ReconnectBackoffMin < TimeSpan.Zero || ReconnectBackoffMax < ReconnectBackoffMin)
            throw new ArgumentException("ReconnectBackoffMax must be at least ReconnectBackoffMin, and both non-negative");
        if (MaxQueuedFramesPerConnection < 1) throw new ArgumentException("MaxQueuedFramesPerConnection must be at least 1");
        if (MaxQueuedBytesPerConnection < 1 || MaxQueuedBytes < 1)
            throw new ArgumentException("MaxQueuedBytesPerConnection and MaxQueuedBytes must be positive");
        if (MaxConnections < 1) throw new ArgumentException("MaxConnections must be at least 1");
        if (MaxOutgoingConnections < 1) throw new ArgumentException("MaxOutgoingConnections must be at least 1");
        if (DrainTimeout < TimeSpan.Zero) throw new ArgumentException("DrainTimeout must not be negative");
        if (MaxFramesPerSecond < 0 || MaxHandshakesPerSecond < 0)
            throw new ArgumentException("MaxFramesPerSecond and MaxHandshakesPerSecond must be zero (no limit) or positive");
        if (FrameBurst < 1 || HandshakeBurst < 1) throw new ArgumentException("FrameBurst and HandshakeBurst must be at least 1");
    }
}
