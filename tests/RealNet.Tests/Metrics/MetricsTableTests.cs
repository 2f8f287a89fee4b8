using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Metrics;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Metrics;

/// <summary>The metric table's names follow Prometheus's conventions, and the trace sink counts what the table reads.</summary>
public class MetricsTableTests
{
    private static readonly NodeAddress Self = new(0x7F000001, 5001), Other = new(0x7F000001, 5002);

    [Test]
    public void EveryName_HasThePrefix_CountersEndInTotal_GaugesDoNot()
    {
        foreach (var d in MetricsTable.All)
        {
            Assert.That(d.Name, Does.StartWith("gossipsim_").And.Match("^[a-z_]+$"), d.Name);
            if (d.Type == MetricType.Counter) Assert.That(d.Name, Does.EndWith("_total"), d.Name);
            else Assert.That(d.Name, Does.Not.EndWith("_total"), d.Name);
            if (d.Name.Contains("bytes")) Assert.That(d.Name, Does.EndWith("_bytes_total"), d.Name);
        }
    }

    [Test]
    public void RowsSharingAName_AgreeOnTypeHelpAndLabel_AndDifferInLabelValue()
    {
        foreach (var group in MetricsTable.All.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            Assert.That(group.Select(d => (d.Type, d.Help, d.LabelName, d.Role)).Distinct().Count(), Is.EqualTo(1), group.Key);
            Assert.That(group.Select(d => d.LabelValue).Distinct().Count(), Is.EqualTo(group.Count()), group.Key);
        }
    }

    [TestCase(MessageKind.Ping, "ping")]
    [TestCase(MessageKind.SuspectQuery, "suspect_query")]
    [TestCase(MessageKind.DeadNodeReport, "dead_node_report")]
    [TestCase(MessageKind.Vote, "vote")]
    public void MessageKindLabel_IsSnakeCase(MessageKind kind, string label) =>
        Assert.That(MetricsTable.LabelOf(kind), Is.EqualTo(label));

    [TestCase(NodeRole.Peer, "gossipsim_degree", true)]
    [TestCase(NodeRole.Peer, "gossipsim_commits_total", false)]
    [TestCase(NodeRole.Seed, "gossipsim_commits_total", true)]
    [TestCase(NodeRole.Seed, "gossipsim_gossip_first_receipts_total", false)]
    [TestCase(NodeRole.Seed, "gossipsim_members_known", true)]
    [TestCase(NodeRole.Peer, "gossipsim_transport_frame_errors_total", true)]
    public void ARole_ExportsOnlyItsOwnMetrics(NodeRole role, string name, bool exported) =>
        Assert.That(MetricsTable.For(role).Any(d => d.Name == name), Is.EqualTo(exported));

    [Test]
    public void TraceSink_CountsByKind_SumsWitnesses_SplitsVotesAndCommits()
    {
        var sink = new MetricsTraceSink();
        TraceEvent E(TraceKind kind, long a = 0, long b = 0, string? detail = null) => new(TimeSpan.Zero, kind, Self, Other, A: a, B: b, Detail: detail);
        sink.Write(E(TraceKind.Suspected, a: 3));
        sink.Write(E(TraceKind.Suspected, a: 2));
        sink.Write(E(TraceKind.Voted, b: 1));
        sink.Write(E(TraceKind.Voted, b: 0));
        sink.Write(E(TraceKind.Voted, b: 1));
        sink.Write(E(TraceKind.Committed, detail: "add"));
        sink.Write(E(TraceKind.Committed, detail: "remove"));
        sink.Write(E(TraceKind.PeerListReceived, a: 4, b: 9));

        Assert.That(sink.Count(TraceKind.Suspected), Is.EqualTo(2));
        Assert.That(sink.WitnessQueries, Is.EqualTo(5));
        Assert.That(sink.Count(TraceKind.Voted), Is.EqualTo(3));
        Assert.That(sink.VotesFor, Is.EqualTo(2));
        Assert.That(sink.Count(TraceKind.Committed), Is.EqualTo(2));
        Assert.That(sink.RemovalsCommitted, Is.EqualTo(1));
        Assert.That(sink.MembersReported, Is.EqualTo(9));
        Assert.That(sink.Count(TraceKind.GossipDelivered), Is.Zero);
    }

    [TestCase(10, 1, 6, 3)]
    [TestCase(5, 0, 5, 0)]
    public void Duplicates_AreGossipReceivedNeitherRefusedNorNew(long received, long refused, long firstReceipts, long duplicates)
    {
        var counts = new long[256];
        counts[(byte)TraceKind.GossipDelivered] = firstReceipts;
        var r = new MetricsReading { Role = NodeRole.Peer, TraceCounts = counts, GossipReceived = received, GossipRefused = refused };
        Assert.That(r.GossipDuplicates, Is.EqualTo(duplicates));
    }
}
