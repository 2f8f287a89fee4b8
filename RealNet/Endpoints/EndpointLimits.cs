namespace GossipSim.RealNet.Endpoints;

/// <summary>
/// What one client can make a node's HTTP endpoint (its /metrics, the dashboard) hold: the
/// connections at once, in all and from one source IP, how long a connection may wait for its
/// request or take its answer, and the size of a request. A flood of idle connections then
/// costs the process at most <see cref="MaxConnections"/> descriptors, never all of them (the
/// gossip port's own limits are in <see cref="Transport.TcpTransportOptions"/>).
/// </summary>
public sealed record EndpointLimits
{
    /// <summary>
    /// Open connections. At the limit, a new connection closes the oldest one still waiting for
    /// its request (an honest client sends its request at once); if every one is being answered,
    /// the new one is closed at once.
    /// </summary>
    public int MaxConnections { get; init; } = 16;

    /// <summary>Open connections from one source IP; at the limit, its own oldest waiting connection makes room, as above.</summary>
    public int MaxConnectionsPerSource { get; init; } = 4;

    /// <summary>A connection must send its whole request within this time of opening (or of its last answer), and take each answer
    /// within it; otherwise it is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The request line and headers together; a larger request is answered 431 and closed.</summary>
    public int MaxRequestBytes { get; init; } = 8 << 10;

    /// <summary>The request body; a larger one is refused (413).</summary>
    public int MaxBodyBytes { get; init; } = 0;

    /// <summary>/metrics: a scraper (Prometheus, curl) uses one connection at a time and asks with no body.</summary>
    public static EndpointLimits Metrics { get; } = new();

    /// <summary>
    /// The dashboard, on 127.0.0.1 only: every client is the one source 127.0.0.1, so the limit per
    /// source is the limit in all. A browser opens up to 6 connections to a page, one held by its
    /// event stream: room for a few open pages. Commands are small JSON bodies. An idle browser
    /// connection closed after 10 s is reopened by the next request.
    /// </summary>
    public static EndpointLimits Dashboard { get; } = new()
    {
        MaxConnections = 32, MaxConnectionsPerSource = 32, IdleTimeout = TimeSpan.FromSeconds(10),
        MaxRequestBytes = 32 << 10, MaxBodyBytes = 64 << 10,
    };

    public void Validate()
    {
        if (MaxConnections < 1) throw new ArgumentException("MaxConnections must be at least 1");
        if (MaxConnectionsPerSource < 1 || MaxConnectionsPerSource > MaxConnections)
            throw new ArgumentException("MaxConnectionsPerSource must be between 1 and MaxConnections");
        if (IdleTimeout <= TimeSpan.Zero) throw new ArgumentException("IdleTimeout must be positive");
        if (MaxRequestBytes < 256) throw new ArgumentException("MaxRequestBytes must be at least 256");
        if (MaxBodyBytes < 0) throw new ArgumentException("MaxBodyBytes must not be negative");
    }
}
