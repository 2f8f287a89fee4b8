using System.Globalization;
using GossipSim.Simulator.Latency;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// Checks an empirical latency (network.latency.model "empirical") and finds the trace it names:
/// either a quantile table (quantilesMs) or a real run's trace to measure (from), not both. The
/// run path measures the trace (Run/MeasuredLatencies).
/// </summary>
public static class MeasuredLatency
{
    /// <summary>A larger spread would scale one message's delays by more than e^10 at 2 sigma: a slip, not a measurement.</summary>
    public const double MaxMessageFactorSigma = 5;

    /// <param name="need">The loader's check: (ok, field, what was expected).</param>
    public static void Check(LatencySpec lat, string scenarioPath, Action<bool, string, string> need)
    {
        const string either = "either from (a real run's trace, or its results folder) or quantilesMs (delays in ms at evenly spaced "
            + "probabilities 0 ... 1), not both";
        if ((lat.From is null) == (lat.QuantilesMs is null))
        {
            need(false, lat.From is null ? "network.latency" : "network.latency.quantilesMs", either + " for the empirical model");
            return;
        }
        if (lat.ReceiverQuantilesMs is { } receiver)
            need(EmpiricalLatency.Problem(receiver) is null, "network.latency.receiverQuantilesMs",
                EmpiricalLatency.Problem(receiver) ?? "");
        if (lat.SlotQuantilesMs is { } slot)
            need(EmpiricalLatency.Problem(slot) is null, "network.latency.slotQuantilesMs", EmpiricalLatency.Problem(slot) ?? "");
        if (lat.SlotWakeWeight is { } wake)
            need(lat.SlotQuantilesMs is not null && double.IsFinite(wake) && wake is >= 0 and <= 1, "network.latency.slotWakeWeight",
                $"a weight from 0 to 1 with slotQuantilesMs (how much a node's slot follows how early a copy reaches it), but it "
                    + $"is {wake.ToString(CultureInfo.InvariantCulture)}"
                    + $"{(lat.SlotQuantilesMs is null ? " and there is no slotQuantilesMs" : "")}");
        if (lat.MessageFactorMedian is { } median)
            need(double.IsFinite(median) && median > 0, "network.latency.messageFactorMedian",
                $"a positive median of the factor drawn once per gossip message (1: the delays as the tables give them), but it "
                    + $"is {median.ToString(CultureInfo.InvariantCulture)}");
        if (lat.MessageFactorSigma is { } sigma)
            need(double.IsFinite(sigma) && sigma is >= 0 and <= MaxMessageFactorSigma, "network.latency.messageFactorSigma",
                $"a sigma from 0 to {MaxMessageFactorSigma} (the spread of the log of the factor drawn once per gossip message; 0: the "
                    + $"same factor for every message), but it is {sigma.ToString(CultureInfo.InvariantCulture)}");
        if (lat.QuantilesMs is { } table)
        {
            need(EmpiricalLatency.Problem(table) is null, "network.latency.quantilesMs", EmpiricalLatency.Problem(table) ?? "");
            return;
        }
        lat.FromPath = Find(lat.From!, scenarioPath);
        need(lat.FromPath is not null, "network.latency.from",
            $"a trace file (trace.jsonl.gz) or a results folder that holds one; {lat.From} is neither, looked for beside the scenario file "
                + $"and in {Environment.CurrentDirectory}");
    }

    /// <summary>The empirical model's fields under another model: a slip, said rather than ignored.</summary>
    public static void CheckUnused(LatencySpec lat, Action<bool, string, string> need)
    {
        const string only = "only with model \"empirical\"";
        need(lat.From is null, "network.latency.from", only);
        need(lat.QuantilesMs is null, "network.latency.quantilesMs", only);
        need(lat.ReceiverQuantilesMs is null, "network.latency.receiverQuantilesMs", only);
        need(lat.MessageFactorMedian is null, "network.latency.messageFactorMedian", only);
        need(lat.MessageFactorSigma is null, "network.latency.messageFactorSigma", only);
        need(lat.SlotQuantilesMs is null, "network.latency.slotQuantilesMs", only);
        need(lat.SlotWakeWeight is null, "network.latency.slotWakeWeight", only);
    }

    /// <summary>What a from names: a file, or a folder (whose trace the run path finds); beside the scenario, else from the working
    /// directory.</summary>
    internal static string? Find(string from, string scenarioPath)
    {
        var bases = new[] { Path.GetDirectoryName(Path.GetFullPath(scenarioPath)) ?? "", Environment.CurrentDirectory };
        foreach (var b in Path.IsPathRooted(from) ? [""] : bases)
        {
            string candidate = Path.Combine(b, from);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
