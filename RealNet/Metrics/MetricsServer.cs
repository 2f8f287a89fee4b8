using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using Prometheus;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// /metrics in the Prometheus text format, with prometheus-net: a registry of the node's own
/// metrics (<see cref="MetricsTable"/>, no process or runtime collectors), filled from one fresh
/// <see cref="MetricsReading"/> just before each scrape, and served by its HttpListener-based
/// <see cref="MetricServer"/>. A node that has stopped keeps its last reading.
/// </summary>
internal sealed class MetricsServer : IDisposable
{
    private readonly IMetricServer _server;

    private MetricsServer(IMetricServer server, NodeAddress address)
    {
        _server = server;
        Address = address;
    }

    public NodeAddress Address { get; }

    public static MetricsServer Start(NodeAddress at, NodeRole role, MetricsSources sources,
        Func<Func<Node, MetricsReading>, Task<MetricsReading>> onLoop)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        registry.SetStaticLabels(new Dictionary<string, string> { ["role"] = role == NodeRole.Seed ? "seed" : "peer" });
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);

        var rows = MetricsTable.For(role).Select(d => (Definition: d, Set: Setter(factory, d))).ToArray();
        var sent = factory.CreateCounter(MetricsTable.MessagesSent, "Protocol messages this node handed to the transport, by kind (sent "
            + "unless the transport dropped them)", MetricsTable.KindLabel);
        var received = factory.CreateCounter(MetricsTable.MessagesReceived,
            "Protocol messages this node received, by kind", MetricsTable.KindLabel);
        var kinds = Enum.GetValues<MessageKind>().Select(k => (Kind: k, Label: MetricsTable.LabelOf(k))).ToArray();

        MetricsReading? last = null;
        registry.AddBeforeCollectCallback(async cancel =>
        {
            try
            {
                last = await onLoop(node => MetricsReading.Take(node, sources.Trace)).WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The node's loop has ended: its last reading stands.
            }
            var transport = TransportReading.Of(sources.Tcp);
            if (last != null)
                foreach (var (d, set) in rows) set(d.Value(last, transport));
            foreach (var (kind, label) in kinds)
            {
                // Only kinds seen so far, so a peer does not list the seed-to-seed kinds as zeros.
                if (sources.Transport.Sent(kind) is > 0 and var s) sent.WithLabels(label).IncTo(s);
                if (sources.Transport.Received(kind) is > 0 and var r) received.WithLabels(label).IncTo(r);
            }
        });

        int port = at.Port != 0 ? at.Port : FreePort(at);
        string host = at.Ip == 0 ? "+" : at.IpText;
        var server = new MetricServer(host, port, "metrics/", registry).Start();
        return new MetricsServer(server, NodeAddress.FromIp(at.ToEndPoint().Address, port));
    }

    /// <summary>Sets the row's series to a value: a counter moves up to it (it never goes down), a gauge takes it.</summary>
    private static Action<double> Setter(MetricFactory factory, MetricDefinition d)
    {
        string[] labels = d.LabelName is null ? [] : [d.LabelName];
        if (d.Type == MetricType.Counter)
        {
            var counter = factory.CreateCounter(d.Name, d.Help, labels);
            ICounter series = d.LabelValue is null ? counter : counter.WithLabels(d.LabelValue);
            return series.IncTo;
        }
        var gauge = factory.CreateGauge(d.Name, d.Help, labels);
        IGauge value = d.LabelValue is null ? gauge : gauge.WithLabels(d.LabelValue);
        return value.Set;
    }

    /// <summary>HttpListener cannot bind port 0: take the port the OS gives a socket bound to it, then free it for the listener.</summary>
    private static int FreePort(NodeAddress at)
    {
        var probe = new TcpListener(at.ToEndPoint().Address, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose() => _server.Dispose();
}
