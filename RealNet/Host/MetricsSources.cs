using System.Runtime.CompilerServices;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Host;

/// <summary>
/// What a node started with --metrics counts, set up before its host: the trace sink and the
/// counting transport the host is given, and the TCP transport under them. <see cref="Serve"/>
/// then opens /metrics. This class holds no Prometheus type, so a node without --metrics never
/// loads the library.
/// </summary>
public sealed class MetricsSources(TcpTransport tcp) : IDisposable
{
    private IDisposable? _server;

    public MetricsTraceSink Trace { get; } = new();
    public MetricsTransport Transport { get; } = new(tcp);
    public TcpTransport Tcp => tcp;

    /// <summary>
    /// Serves http://<paramref name="at"/>/metrics (port 0: a free port the OS picks) for this
    /// host's node; returns the address served. Throws <see cref="System.Net.HttpListenerException"/>
    /// when the address cannot be bound.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public NodeAddress Serve(NodeAddress at, NodeHost host)
    {
        var server = MetricsServer.Start(at, host.Node.Role, this, host.InvokeAsync);
        _server = server;
        return server.Address;
    }

    public void Dispose() => _server?.Dispose();
}
