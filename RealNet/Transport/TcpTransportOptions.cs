using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Transport;

/// <summary>Every tunable of the TCP transport, with its default and unit in the name.</summary>
public sealed record TcpTransportOptions
{
    /// <summary>Frames with a larger payload are refused on receipt (the connection closes) and never sent.</summary>
    public int MaxFrameBytes { get; init; } = Framing.DefaultMaxFrameBytes;

    /// <summary>An outgoing connect, or an incoming connection's hello, must complete within this time.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A connection that carried no frame either way for this long is closed (reopened on the next send). Zero: never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After a failed connect, sends to that address are dropped for this long, doubling per failure up to the max.</summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames waiting on one connection; beyond this, new sends to it are dropped (best effort, bounded memory).</summary>
    public int MaxQueuedFramesPerConnection { get; init; } = 10_000;

    /// <summary>Open connections (both directions); incoming ones beyond this are refused.</summary>
    public int MaxConnections { get; init; } = 4096;

    /// <summary>On a clean close, how long queued frames (a goodbye) get to leave before connections are cut.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        if (MaxFrameBytes < 64) throw new ArgumentException("MaxFrameBytes must be at least 64");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("ConnectTimeout must be positive");
        if (IdleTimeout < TimeSpan.Zero) throw new ArgumentException("IdleTimeout must be zero (never) or positive");
        if (ReconnectBackoffMin < TimeSpan.Zero || ReconnectBackoffMax < ReconnectBackoffMin)
            throw new ArgumentException("ReconnectBackoffMax must be at least ReconnectBackoffMin, and both non-negative");
        if (MaxQueuedFramesPerConnection < 1) throw new ArgumentException("MaxQueuedFramesPerConnection must be at least 1");
        if (MaxConnections < 1) throw new ArgumentException("MaxConnections must be at least 1");
        if (DrainTimeout < TimeSpan.Zero) throw new ArgumentException("DrainTimeout must not be negative");
    }
}
