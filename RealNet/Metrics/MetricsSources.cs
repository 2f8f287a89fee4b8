using System.Runtime.CompilerServices;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// What a node started with --metrics counts, set up before its host: the trace sink and the
/// counting transport the host is given, and the TCP transport under them. <see cref="TryServe"/>
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
    /// host's node: true and the address served, or false and why the address cannot be bound.
    /// Not inlined: the caller then does not load the Prometheus library unless a node serves metrics.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool TryServe(NodeAddress at, NodeHost host, Action<string> log, out NodeAddress served, out string? error)
    {
        try
        {
            var server = MetricsServer.Start(at, host.Node.Role, this, host.InvokeAsync, log);
            _server = server;
            served = server.Address;
            error = null;
            return true;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            served = default;
            error = e.Message;
            return false;
        }
    }

    public void Dispose() => _server?.Dispose();
}
