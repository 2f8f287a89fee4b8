using System.Globalization;
using System.Text;
using System.Text.Json;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// One protocol's run in a protocol comparison: its figures from the run's summary and trace. <see cref="PayloadSentPerPeerMean"/>
/// is the per-node load: payload copies each peer sent (gossip-counters), the quantity a broadcast tree is meant to cut;
/// <see cref="SuspicionsCleared"/> are false suspicions (the suspect answered); <see cref="ProbesPerPeer"/> is SWIM's probing load
/// (none under the classic detector, whose pings are every neighbour's each interval); <see cref="ReliabilityDuringFailure"/> is the
/// mean share of the live peers reached by the messages created while a crash was unrepaired (HyParView's figure), with the worst
/// message's (<see cref="LowestDuringFailure"/>); <see cref="MaxDegree"/> shows an active view's bound.
/// </summary>
public sealed record ProtocolFigures(string Protocol, string Folder, CheckCounts Checks, double DeliveryRatio, double Redundancy,
    double IhavesPerReceipt, double GraftsPerReceipt, long PrunesSent, long GivenUp, double LatencyP50, double LatencyP90,
    double LatencyP99, double MeanHops, int MaxHops, double PayloadSentPerPeerMean, long PayloadSentPerPeerMax,
    string? Victim, double? FirstSuspectedAfter, double? RemovedAfter, int Suspicions, int SuspicionsCleared, double? ProbesPerPeer,
    long Events, double? ReliabilityDuringFailure, double? LowestDuringFailure, int MaxDegree)
{
    /// <summary>The figures of a finished run (<paramref name="trace"/>: its trace file, for the per-peer load).</summary>
    public static ProtocolFigures Of(string protocol, string folder, RunSummary s, IEnumerable<TraceEvent> trace)
    {
        var sent = trace.Where(e => e.Kind == TraceKind.GossipCounters).Select(e => e.B).ToArray();
        var tree = s.Gossip.Plumtree;
        var failure = s.Failures.FirstOrDefault();
        return new ProtocolFigures(protocol, folder, CheckCounts.Of(s.Checks ?? []), s.Gossip.DeliveryRatio, s.Gossip.Redundancy,
            tree?.IhavesPerReceipt ?? 0, tree?.GraftsPerReceipt ?? 0, tree?.PrunesSent ?? 0, tree?.GivenUp ?? 0,
            s.Gossip.LatencySeconds.P50, s.Gossip.LatencySeconds.P90, s.Gossip.LatencySeconds.P99, s.Gossip.Hops.Mean, s.Gossip.Hops.Max,
            sent.Length > 0 ? sent.Average() : 0, sent.Length > 0 ? sent.Max() : 0,
            failure?.Node, failure?.SuspectedAt - failure?.At, failure?.RemovedAt - failure?.At, s.Membership.Suspicions,
            s.Membership.SuspicionsCleared, s.Membership.Swim?.ProbesPerPeer, s.Events, s.Gossip.DuringFailure?.Reliability,
            s.Gossip.DuringFailure?.Lowest, s.Degree.Max);
    }
}

/// <summary>The comparison's report: one table row per protocol, the same scenario, seed and victims (comparison.md and .json).</summary>
public sealed record ProtocolComparison(string Scenario, ulong Seed, string Command, IReadOnlyList<ProtocolFigures> Runs,
    IReadOnlyList<string> Plots)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
        { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n";

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# Protocols compared: {Scenario}, seed {Seed}\n\n");
        md.Append("Each protocol ran the same scenario on the simulator with the same seed: the same joins, the same overlay draws up to ")
          .Append("the first message, the same fault schedule and victims. Redundancy counts payload copies only; IHAVE and GRAFT are ")
          .Append("Plumtree's small control messages, counted apart. A suspicion cleared is a false one: the suspect answered again.\n\n");
        string[] head =
        [
            "protocol", "checks", "delivery", "redundancy (extra payload copies per first receipt)", "IHAVE per receipt",
            "GRAFT per receipt", "PRUNE sent", "given up", "latency p50 / p90 / p99 (ms)", "hops mean / max",
            "payload sent per peer, mean / max", "crashed", "crash → first suspicion / removal (s)", "suspicions / cleared",
            "SWIM probes per peer", "reached while unrepaired, mean / worst", "max degree", "events",
        ];
        md.Append("| ").Append(string.Join(" | ", head)).Append(" |\n|").Append(string.Concat(head.Select(_ => "---|"))).Append('\n');
        foreach (var r in Runs)
        {
            string[] cells =
            [
                $"[{r.Protocol}]({r.Folder}/report.html)", r.Checks.Sentence(), F(r.DeliveryRatio, "0.#####"), F(r.Redundancy, "0.###"),
                F(r.IhavesPerReceipt, "0.##"), F(r.GraftsPerReceipt, "0.####"), r.PrunesSent.ToString("N0", Inv), r.GivenUp.ToString("N0", Inv),
                $"{F(r.LatencyP50 * 1000, "0.#")} / {F(r.LatencyP90 * 1000, "0.#")} / {F(r.LatencyP99 * 1000, "0.#")}",
                $"{F(r.MeanHops, "0.##")} / {r.MaxHops}", $"{F(r.PayloadSentPerPeerMean, "0.#")} / {r.PayloadSentPerPeerMax:N0}",
                r.Victim ?? "none", $"{Opt(r.FirstSuspectedAfter)} / {Opt(r.RemovedAfter)}",
                $"{r.Suspicions.ToString("N0", Inv)} / {r.SuspicionsCleared.ToString("N0", Inv)}",
                r.ProbesPerPeer is { } p ? F(p, "0.#") : "—",
                r.ReliabilityDuringFailure is { } mean ? $"{F(mean, "0.####")} / {F(r.LowestDuringFailure ?? 0, "0.####")}" : "—",
                r.MaxDegree.ToString(Inv), r.Events.ToString("N0", Inv),
            ];
            md.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
        md.Append('\n');
        foreach (var plot in Plots) md.Append(Inv, $"![{plot}]({plot})\n");
        md.Append(Inv, $"\nReproduce from {(Host.HostProgram.Name != null ? "the folder it ran in" : "the repository root")}:\n\n    {Command}\n");
        return md.ToString();
    }

    private static string F(double v, string format) => v.ToString(format, Inv);

    private static string Opt(double? seconds) => seconds is { } s ? s.ToString("0.##", Inv) : "none";
}
