using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Endpoints;
using Prometheus;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// /metrics in the Prometheus text format, with prometheus-net: a registry of the node's own
/// metrics (<see cref="MetricsTable"/>, no process or runtime collectors), filled from one fresh
/// <see cref="MetricsReading"/> just before each scrape, and served by an <see cref="HttpEndpoint"/>
/// under <see cref="EndpointLimits.Metrics"/> (prometheus-net's own server, on HttpListener, has no
/// connection limit: 1,100 idle connections took every descriptor of a node at ulimit -n 1024 and
/// killed it). A node that has stopped keeps its last reading.
/// </summary>
internal sealed class MetricsServer : IDisposable
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private readonly HttpEndpoint _endpoint;

    private MetricsServer(HttpEndpoint endpoint) => _endpoint = endpoint;

    public NodeAddress Address => _endpoint.Address;

    public ConnectionGate Gate => _endpoint.Gate;

    /// <summary>Serves /metrics at <paramref name="at"/> (port 0: the OS picks); throws <see cref="System.Net.Sockets.SocketException"/>
    /// when it cannot bind.</summary>
    public static MetricsServer Start(NodeAddress at, NodeRole role, MetricsSources sources,
        Func<Func<Node, MetricsReading>, Task<MetricsReading>> onLoop, Action<string> log, EndpointLimits? limits = null)
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
            // Messages by kind first, the transport's bytes and frames after: a message is counted in bytes before it is delivered
            // and counted by kind, so read in this order a page never shows a message without its bytes (a CI run under load scraped
            // a seed showing a register request received and 0 bytes).
            foreach (var (kind, label) in kinds)
            {
                // Only kinds seen so far, so a peer does not list the seed-to-seed kinds as zeros.
                if (sources.Transport.Sent(kind) is > 0 and var s) sent.WithLabels(label).IncTo(s);
                if (sources.Transport.Received(kind) is > 0 and var r) received.WithLabels(label).IncTo(r);
            }
            // The transport's counters are read without the loop: shown even before the node's first reading.
            var transport = TransportReading.Of(sources.Tcp);
            var reading = last ?? MetricsReading.Empty(role);
            foreach (var (d, set) in rows) set(d.Value(reading, transport));
        });

        var endpoint = HttpEndpoint.Start(at, limits ?? EndpointLimits.Metrics, async (path, cancel) =>
        {
            if (path is not ("/metrics" or "/metrics/")) return HttpEndpoint.Text(404, "not found: the metrics are at /metrics\n");
            using var page = new MemoryStream();
            await registry.CollectAndExportAsTextAsync(page, cancel).ConfigureAwait(false);
            return new HttpEndpoint.Answer(200, ContentType, page.ToArray());
        }, line => log("metrics: " + line));
        return new MetricsServer(endpoint);
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

    public void Dispose() => _endpoint.Dispose();
}
