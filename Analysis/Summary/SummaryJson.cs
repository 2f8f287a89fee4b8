using System.Text.Json;

namespace GossipSim.Analysis.Summary;

/// <summary>summary.json as the report's key/value table: nested objects flattened to dotted keys.</summary>
public static class SummaryJson
{
    /// <summary>Keys left out: bulky or shown elsewhere in the report.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
        { "degree.histogram", "failures", "checks", "extra.eventsByKind" };

    /// <summary>What each quantity of summary.json measures, for the report's table (README "Results" explains the main ones).</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["scenario"] = "the scenario's name",
        ["runtime"] = "where it ran: sim (the simulator), real (node processes on this machine), netns (the namespace bed), docker",
        ["seed"] = "the run's random seed: the same scenario and seed give the same run (byte for byte on the simulator)",
        ["seeds"] = "seeds in the run",
        ["peers"] = "peers in the run",
        ["wallSeconds"] = "how long the run took on the clock on the wall",
        ["simulatedSeconds"] = "length of the run: virtual seconds on the simulator, wall seconds on real nodes",
        ["events"] = "trace events the run produced (each send, receipt, timer, link change, suspicion, vote...)",
        ["eventsPerSecond"] = "events per second of wall time: the run's speed",
        ["peakWorkingSetBytes"] = "peak memory of the process that ran the run (the simulator, or the launcher with any in-process nodes)",
        ["peakWorkingSetPerNodeBytes"] = "peak memory of the largest node process (real runs with a process a node)",
        ["traceHash"] = "SHA-256 of the trace: the run's fingerprint (the same scenario and seed give the same hash)",
        ["traceLines"] = "lines of the trace (one event each)",
        ["degree.mean"] = "mean number of links of a live peer at the end",
        ["degree.max"] = "links of the best-linked live peer at the end (the hub)",
        ["degree.min"] = "links of the least-linked live peer at the end",
        ["degree.alpha"] = "power-law exponent of the degrees, maximum likelihood (Clauset, Shalizi & Newman 2009)",
        ["degree.alphaStdErr"] = "standard error of alpha",
        ["degree.xmin"] = "smallest degree of the power-law tail, chosen by the smallest KS distance",
        ["degree.ntail"] = "live peers in the tail (degree of xmin or more)",
        ["degree.ks"] = "Kolmogorov-Smirnov distance between the tail and the fitted power law",
        ["degree.p"] = "bootstrap goodness of fit: 0.1 or more, a power law is plausible",
        ["degree.vsLognormal.R"] = "log-likelihood ratio against a log-normal: above 0 favours the power law",
        ["degree.vsLognormal.p"] = "significance of that ratio's sign (small: the sign can be trusted)",
        ["degree.vsExponential.R"] = "log-likelihood ratio against an exponential: above 0 favours the power law",
        ["degree.vsExponential.p"] = "significance of that ratio's sign (small: the sign can be trusted)",
        ["gossip.messages"] = "gossip messages created",
        ["gossip.deliveries"] = "first receipts: each (message, peer) counted once, duplicates not",
        ["gossip.expectedDeliveries"] = "first receipts owed: for each message, the peers linked at its creation and alive at the end",
        ["gossip.deliveryRatio"] = "first receipts divided by the receipts owed (1: every message reached every peer it should)",
        ["gossip.redundancy"] = "extra copies received per first receipt (the cost of flooding)",
        ["gossip.latencySeconds.p50"] = "median time from a message's creation to its first receipt at a peer",
        ["gossip.latencySeconds.p90"] = "90th percentile of that time",
        ["gossip.latencySeconds.p99"] = "99th percentile of that time",
        ["gossip.latencySeconds.max"] = "the longest such time",
        ["gossip.latencySeconds.mean"] = "mean of that time",
        ["gossip.hops.mean"] = "mean number of links a message crossed to its first receipt",
        ["gossip.hops.max"] = "the most links a message crossed to a first receipt",
        ["gossip.plumtree.ihavesSent"] = "Plumtree: IHAVE announcements sent on lazy links",
        ["gossip.plumtree.ihaveMessagesSent"] = "Plumtree: the IHAVE messages those announcements went in (one a neighbour a dispatch)",
        ["gossip.plumtree.graftsSent"] = "Plumtree: GRAFT requests sent (a missing message asked for, the link made eager)",
        ["gossip.plumtree.prunesSent"] = "Plumtree: PRUNE messages sent (a duplicate's link made lazy)",
        ["gossip.plumtree.givenUp"] = "Plumtree: messages announced to a peer that it never received after asking every announcer",
        ["gossip.plumtree.ihavesPerReceipt"] = "Plumtree: IHAVE announcements sent per first receipt (not counted in the redundancy)",
        ["gossip.plumtree.graftsPerReceipt"] = "Plumtree: GRAFT requests sent per first receipt (tree repairs, and lazy links that were faster)",
        ["gossip.duringFailure.messages"] = "messages created while a crashed peer was not yet removed",
        ["gossip.duringFailure.reliability"] = "mean share of the live peers those messages reached (HyParView's reliability)",
        ["gossip.duringFailure.lowest"] = "the smallest share one of those messages reached",
        ["gossip.firstAfterCrash.messages"] = "the first messages created from the first crash on (at most 50: the papers' broadcasts sent right after the failure)",
        ["gossip.firstAfterCrash.reliability"] = "mean share of the live peers those messages reached",
        ["gossip.firstAfterCrash.lowest"] = "the smallest share one of those messages reached",
        ["gossip.receivedBeforeCreated.receipts"] = "first receipts timed before their message's creation: the hosts' clocks differ (their latency counts as 0)",
        ["gossip.receivedBeforeCreated.worstSeconds"] = "how far before its creation the earliest such receipt was timed: the clocks' skew, at least",
        ["falseRemovals"] = "live peers a seed removed (must be 0)",
        ["seedsAgree"] = "whether every live seed holds the same peer list at the end",
        ["membership.peersRegistered"] = "peers that registered with the seeds",
        ["membership.livePeersAtEnd"] = "peers alive at the end of the run",
        ["membership.seedListSize"] = "peers on the seeds' peer list at the end",
        ["membership.proposalsCommitted"] = "commits, counting each seed that committed a change",
        ["membership.distinctChanges"] = "distinct membership changes (a join or removal once, however many seeds committed it)",
        ["membership.proposalsRejected"] = "membership proposals the seeds voted down",
        ["membership.reportsRejected"] = "dead-node reports the seeds refused (the reported peer answered their probe)",
        ["membership.reportsDropped"] = "dead-node reports seeds dropped unread: their reporter was over its rate",
        ["membership.suspicions"] = "times a peer suspected a neighbour (missed pings)",
        ["membership.suspicionsCleared"] = "suspicions dropped because the neighbour answered again or a witness reached it",
        ["membership.detection.crashedPeers"] = "peers that crashed",
        ["membership.detection.suspected"] = "of those, suspected by a neighbour",
        ["membership.detection.firstSuspicionMeanSeconds"] = "mean time from a crash to its first suspicion",
        ["membership.detection.firstSuspicionMaxSeconds"] = "the longest time from a crash to its first suspicion",
        ["membership.detection.removed"] = "crashed peers the seeds removed",
        ["membership.detection.removalMeanSeconds"] = "mean time from a crash to its removal by the seeds",
        ["membership.detection.removalMaxSeconds"] = "the longest time from a crash to its removal by the seeds",
        ["membership.swim.peers"] = "SWIM: peers that ran SWIM and counted",
        ["membership.swim.probesSent"] = "SWIM: probes sent, all peers together",
        ["membership.swim.indirectProbesAsked"] = "SWIM: peers asked to probe a target that did not answer (ping-req)",
        ["membership.swim.suspicions"] = "SWIM: suspicions raised",
        ["membership.swim.suspicionsCleared"] = "SWIM: suspects that answered again or were reached by another peer: false suspicions",
        ["membership.swim.periods"] = "SWIM: protocol periods the peers ran, all together",
        ["membership.swim.probesPerPeer"] = "SWIM: probes a peer sent on average (one a protocol period, whatever the network's size)",
        ["membership.swim.messagesPerPeriod"] = "SWIM: probes and indirect probes a peer sent per protocol period (its load)",
        ["membership.swim.pingsAnswered"] = "SWIM: pings answered, all peers together",
        ["membership.swim.answersPerPeriod"] = "SWIM: pings a peer answered per protocol period, on average",
        ["membership.swim.mostAnswersPerPeriod"] = "SWIM: the most pings one peer answered per protocol period (a hub's received load)",
        ["membership.hyParView.peers"] = "HyParView: peers that ran HyParView and counted",
        ["membership.hyParView.promotionsAsked"] = "HyParView: NEIGHBOR requests to passive peers (a lost link replaced, or room in the view)",
        ["membership.hyParView.promotionsRefused"] = "HyParView: of those, refused (low priority at a full active view)",
        ["membership.hyParView.forwardJoins"] = "HyParView: FORWARDJOINs sent, by contacts and along the walks",
        ["membership.hyParView.shufflesStarted"] = "HyParView: shuffles started (passive views refreshed)",
        ["membership.hyParView.linksDropped"] = "HyParView: links dropped to make room for a JOIN, a walk's end or an urgent request",
        ["membership.hyParView.passiveEntries"] = "HyParView: passive entries held at the end, all peers together",
        ["membership.hyParView.passiveMean"] = "HyParView: passive entries a peer held at the end, on average",
        ["checkCounts.passed"] = "checks passed",
        ["checkCounts.failed"] = "checks failed",
        ["checkCounts.notExercised"] = "checks the run gave nothing to check: neither passed nor failed",
        ["checkCounts.total"] = "checks run",
        ["checkCounts.allPassed"] = "whether every check passed",
        ["extra.timeOriginUnixSeconds"] = "when the run's time 0 was, in Unix seconds (real runs: trace times count from it)",
        ["wan.mix"] = "the measured Internet (latency model wan): the mix of countries the nodes were drawn from",
        ["wan.nodes"] = "the measured Internet: nodes placed in a country (seeds and peers that started)",
        ["wan.countries"] = "the measured Internet: nodes placed in each country (ISO 3166 code), most first; summary.json lists every one",
        ["extra.victims"] = "the nodes the scenario's faults chose",
        ["extra.faultsNotApplied"] = "faults of the scenario this runtime could not apply, or that waited for their trigger (every peer linked) until past the run's end",
        ["extra.nodeProcesses"] = "node processes the run started",
        ["extra.nodeProgram"] = "real nodes as processes: which program ran them (native nodes, JIT nodes, or a host's own)",
        ["extra.meanPeakWorkingSetPerNodeBytes"] = "peak memory of a node process, on average",
        ["extra.maxPeakWorkingSetPerNodeBytes"] = "peak memory of the largest node process",
        ["extra.messagesSent"] = "simulator: messages sent between nodes",
        ["extra.messagesDropped"] = "simulator: messages the network dropped (loss, cut links, crashed ends)",
        ["extra.messagesDuplicated"] = "simulator: messages the network delivered twice",
        ["extra.latencyModel"] = "the link delay model the run used",
        ["extra.threads"] = "simulator: threads the run used",
        ["extra.ranks"] = "simulator: MPI ranks the run used",
        ["extra.partitions"] = "simulator: peer ranges the work was cut into",
        ["extra.timeWindows"] = "simulator: time windows the threads ran in step",
        ["extra.windowBalance"] = "simulator: how evenly the threads shared a window's work (1: evenly)",
        ["extra.gcCollections"] = "garbage collections of generations 0, 1 and 2",
        ["extra.gcPauseSeconds"] = "time the garbage collector paused the run",
        ["extra.gc"] = "the garbage collector: its kind, its heaps and whether they follow the live state (DATAS), a fixed young budget",
        ["extra.heapCeiling.bytes"] = "simulator: the heap ceiling, asked for (maxHeapGiB, --max-heap) or set by the run where the machine would bound it",
        ["extra.heapCeiling.setBy"] = "simulator: who set the heap ceiling: scenario (maxHeapGiB, --max-heap) or machine (the run, for this machine's memory)",
        ["extra.heapCeiling.collectorLimitBytes"] = "simulator: the heap limit the collector applied",
        ["extra.rankPeakWorkingSetBytes"] = "peak memory of each MPI rank",
        ["extra.collectedFrom"] = "the folders collect gathered the nodes' traces from",
        ["extra.crashesFoundInTraces"] = "nodes whose traces end without a clean stop: taken as crashed",
        ["extra.docker"] = "the containers the run started",
        ["extra.network"] = "the network the nodes ran on",
        ["extra.bed"] = "the namespace test bed the run built",
        ["extra.hosting"] = "how the nodes were hosted",
        ["extra.nodes"] = "nodes the run hosted in its own process",
    };

    /// <summary>The wan section's keys named by continent, continent pair and distance band: every one the section can hold.</summary>
    private static IEnumerable<KeyValuePair<string, string>> WanMeanings()
    {
        const string wan = "the measured Internet: ";
        var all = Simulator.Latency.Wan.Continents.All;
        foreach (var c in all)
            yield return new($"wan.continents.{c}", wan + "nodes placed on this continent (the area of their country's first time zone in tzdata)");
        var groups = all.SelectMany((a, i) => all.Skip(i).Select(b => (Key: "latencyByContinents." + Simulator.Latency.Wan.Continents.PairName(a, b),
                What: "first receipts between nodes on these continents (the origin's and the receiver's, either way)")))
            .Concat(Simulator.Latency.Wan.DistanceBands.All.Select(b => (Key: "latencyByDistance." + b.Name,
                What: "first receipts over this distance between the origin's and the receiver's country")));
        foreach (var (key, what) in groups)
        {
            yield return new($"wan.{key}.deliveries", wan + what);
            yield return new($"wan.{key}.p50Seconds", wan + "median time from creation to first receipt of the " + what);
            yield return new($"wan.{key}.p99Seconds", wan + "99th percentile of that time, the " + what);
        }
    }

    /// <summary>Where a quantity the table above does not name comes from, by its prefix.</summary>
    private static readonly (string Prefix, string Meaning)[] Families =
    [
        ("extra.rank0Exchange.", "simulator on MPI ranks: rank 0's window-end exchanges (count, bytes, time in each step)"),
        ("extra.relay.byDistance.", "the namespace bed's delay relay on the measured Internet: the one-way delays it drew and applied to "
            + "chunks between two nodes whose countries are this far apart"),
        ("extra.relay.placedConnections", "the namespace bed's delay relay: connections between two nodes of the bed's plan (a wan run "
            + "draws each such pair's own delay)"),
        ("extra.relay.", "the namespace bed's delay relay: its own count"),
        ("extra.", "a figure this runtime recorded for diagnosis"),
    ];

    /// <summary>What a flattened key measures; a quantity of a family the table does not name says where it comes from.</summary>
    public static string Meaning(string key) => Meanings.TryGetValue(key, out var meaning) || WanKeys.TryGetValue(key, out meaning) ? meaning
        : Families.FirstOrDefault(f => key.StartsWith(f.Prefix, StringComparison.Ordinal)).Meaning ?? "";

    /// <summary>Whether the table names the key itself (not only its family).</summary>
    public static bool Describes(string key) => Meanings.ContainsKey(key) || WanKeys.ContainsKey(key);

    private static readonly Dictionary<string, string> WanKeys = new(WanMeanings(), StringComparer.Ordinal);

    public static List<KeyValuePair<string, string>> Flatten(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var pairs = new List<KeyValuePair<string, string>>();
        Walk(doc.RootElement, "", pairs);
        return pairs;
    }

    public static string? GetString(string json, string property)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object
               && doc.RootElement.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
    }

    /// <summary>Countries named in the report's row of the mix; the rest are counted (summary.json lists all).</summary>
    public const int CountriesShown = 12;

    private static void Walk(JsonElement e, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        if (Skipped.Contains(prefix)) return;
        if (prefix == "wan.countries" && e.ValueKind == JsonValueKind.Object)
        {
            // A row a country would be up to 173 rows: one line, the largest first.
            var all = e.EnumerateObject().ToList();
            string shown = string.Join(", ", all.Take(CountriesShown).Select(c => $"{c.Name} {ForPeople(prefix, c.Value)}"));
            pairs.Add(new(prefix, all.Count > CountriesShown ? $"{shown} and {all.Count - CountriesShown} more countries" : shown));
            return;
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, pairs);
                break;
            case JsonValueKind.Array:
                // Short arrays of scalars read fine on one line; anything else is left to its own section.
                if (e.GetArrayLength() <= 8 && e.EnumerateArray().All(x => x.ValueKind is JsonValueKind.String or JsonValueKind.Number))
                    pairs.Add(new(prefix, string.Join(", ", e.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                pairs.Add(new(prefix, ForPeople(prefix, e)));
                break;
        }
    }

    /// <summary>
    /// A value as a person reads it: byte counts in KiB/MiB/GiB, counts with thousands separators,
    /// other numbers to three significant digits. Identifiers (the seed, Unix times) stay exact.
    /// </summary>
    public static string ForPeople(string key, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number || key == "seed" || key.EndsWith("UnixSeconds", StringComparison.Ordinal)) return Scalar(e);
        if (key.EndsWith("Bytes", StringComparison.Ordinal) && e.TryGetInt64(out long bytes)) return Readable.Bytes(bytes);
        if (e.TryGetInt64(out long n)) return n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return Readable.Number(e.GetDouble());
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };
}
