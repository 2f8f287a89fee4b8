using System.Text.Json;

namespace GossipSim.Analysis.Report;

/// <summary>summary.json as the report's key/value table: nested objects flattened to dotted keys.</summary>
public static class SummaryJson
{
    /// <summary>Keys left out: bulky or shown elsewhere in the report.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
        { "degree.histogram", "failures", "checks", "extra.eventsByKind" };

    /// <summary>What the summary's less obvious quantities measure, for the report's table (README "Results" has them all).</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["simulatedSeconds"] = "length of the run: virtual seconds on the simulator, wall seconds on real nodes",
        ["peakWorkingSetBytes"] = "peak memory of the process that ran the run (the simulator, or the launcher with any in-process nodes)",
        ["peakWorkingSetPerNodeBytes"] = "peak memory of the largest node process (real runs with a process a node)",
        ["gossip.messages"] = "gossip messages created",
        ["gossip.deliveries"] = "first receipts: each (message, peer) counted once, duplicates not",
        ["gossip.expectedDeliveries"] = "first receipts owed: for each message, the peers linked at its creation and alive at the end",
        ["gossip.redundancy"] = "extra copies received per first receipt (the cost of flooding)",
        ["gossip.plumtree.ihavesPerReceipt"] = "Plumtree: IHAVE announcements sent per first receipt (not counted in the redundancy)",
        ["gossip.plumtree.graftsPerReceipt"] = "Plumtree: GRAFT requests sent per first receipt (tree repairs, and lazy links that were faster)",
        ["gossip.plumtree.givenUp"] = "Plumtree: messages announced to a peer that it never received after asking every announcer",
        ["membership.swim.probesPerPeer"] = "SWIM: probes a peer sent on average (one a protocol period, whatever the network's size)",
        ["membership.swim.messagesPerPeriod"] = "SWIM: probes and indirect probes a peer sent per protocol period (its load)",
        ["membership.swim.mostAnswersPerPeriod"] = "SWIM: the most pings one peer answered per protocol period (a hub's received load)",
        ["membership.swim.indirectProbesAsked"] = "SWIM: peers asked to probe a target that did not answer (ping-req)",
        ["membership.swim.suspicionsCleared"] = "SWIM: suspects that answered again or were reached by another peer: false suspicions",
        ["membership.proposalsCommitted"] = "commits, counting each seed that committed a change",
        ["membership.distinctChanges"] = "distinct membership changes (a join or removal once, however many seeds committed it)",
        ["falseRemovals"] = "live peers a seed removed",
        ["checkCounts.notExercised"] = "checks the run gave nothing to check: neither passed nor failed",
    };

    /// <summary>What a flattened key measures, or "" when its name says it.</summary>
    public static string Meaning(string key) => Meanings.GetValueOrDefault(key, "");

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

    private static void Walk(JsonElement e, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        if (Skipped.Contains(prefix)) return;
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
