using System.Globalization;
using System.Reflection;
using System.Text.Json;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// What a hop costs between real nodes on loopback, as the simulator's default for a comparison with them (issue 54, item 6). A
/// loopback link itself takes microseconds; a real hop takes a millisecond or more: the sender's work and queue, TCP, and the
/// receiver being scheduled among the other node processes. A calibration (<c>compare --calibrate</c>) fits that to a real run's
/// per-hop delays; the fit of one such run on this project's build is shipped (<c>loopback-model.json</c>, embedded), with how a
/// hop's cost follows the load the scenario puts on the cores (<see cref="HopCostByLoad"/>, fitted on runs at several sizes), so
/// an uncalibrated comparison on a scenario it has never seen draws what a real hop costs at its load rather than what the wire
/// does. Every calibration on loopback writes the same file into its folder, so a user can measure and ship their own machine's.
/// </summary>
/// <param name="Measured">Where, when and on what the model was measured: the date, the build, the scenario, its peers and seed, the
/// machine's cores and load.</param>
/// <param name="Calibration">The calibration's own line: what the fitted model is.</param>
/// <param name="Latency">The fitted model, as a scenario's <c>empirical</c> latency.</param>
/// <param name="ByLoad">How the model's gossip delays follow the load (<see cref="HopLoad"/>), fitted on runs at several sizes; null
/// (a single calibration's model): the model as it is, at any load.</param>
public sealed record LoopbackModel(string Measured, string Calibration, LatencySpec Latency, HopCostByLoad? ByLoad = null)
{
    /// <summary>The file's name, in a calibration's folder and embedded in this assembly.</summary>
    public const string FileName = "loopback-model.json";

    /// <summary>The model shipped with this build, or null when the build has none.</summary>
    public static LoopbackModel? Shipped()
    {
        using var stream = typeof(LoopbackModel).Assembly.GetManifestResourceStream(FileName);
        return stream == null ? null : JsonSerializer.Deserialize<LoopbackModel>(stream, Scenario.JsonOptions);
    }

    /// <summary>The model of a calibration just made on loopback, with where, when and on what.</summary>
    /// <param name="nodes">Which node program the real run ran (its summary's <c>nodeProgram</c>), or null if it did not say.</param>
    /// <param name="byLoad">How its gossip delays follow the load: the shipped model's floors, at this calibration's load.</param>
    public static LoopbackModel Of(Scenario scenario, ulong seed, string? nodes, string calibrationLine, LatencySpec latency, string? load,
        HopCostByLoad? byLoad = null) => new(
        $"{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, build {Build()}, {scenario.Name} ({scenario.Peers} peers, "
            + $"{scenario.Seeds} seeds), seed {seed}, {nodes ?? "nodes not said"}, {Environment.ProcessorCount} cores"
            + (load != null ? $", 1-minute load {load} at the real run's start" : ""),
        calibrationLine, latency, byLoad);

    /// <summary>
    /// The model for a run at <paramref name="load"/> copies of gossip a core serves a second, as <see cref="ByLoad"/> gives it
    /// there: each table's entries spread around its median by the spread's power, then every gossip delay times the factor (the
    /// path's through the message factor's median, the slot's table entry by entry, so a message's race keeps its order); the
    /// model as it is without one. Other messages (joins, pings) keep the measured scale.
    /// </summary>
    public (LatencySpec Latency, double Factor, double Spread) At(double load)
    {
        double factor = ByLoad?.FactorAt(load) ?? 1, spread = ByLoad?.SpreadAt(load) ?? 1;
        var l = Latency;
        var scaled = new LatencySpec
        {
            Model = l.Model, QuantilesMs = Spread(l.QuantilesMs, spread), ReceiverQuantilesMs = Spread(l.ReceiverQuantilesMs, spread),
            MessageFactorMedian = (l.MessageFactorMedian ?? 1) * factor, MessageFactorSigma = l.MessageFactorSigma,
            SlotQuantilesMs = Spread(l.SlotQuantilesMs, spread)?.Select(ms => ms * factor).ToList(), SlotWakeWeight = l.SlotWakeWeight,
        };
        return (scaled, factor, spread);
    }

    /// <summary>A quantile table with each entry's ratio to the median (its middle entry) raised to <paramref name="power"/>.</summary>
    public static List<double>? Spread(IReadOnlyList<double>? table, double power)
    {
        if (table is null) return null;
        double median = table[table.Count / 2];
        return [.. table.Select(ms => power == 1 || ms <= 0 || median <= 0 ? ms : median * Math.Pow(ms / median, power))];
    }

    /// <summary>Writes the model into a folder (a calibration's).</summary>
    public void WriteTo(string dir) =>
        File.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Readable) + "\n");

    /// <summary>The scenario files' options, writing '+' and quotes as themselves: the file is read by people too.</summary>
    private static readonly JsonSerializerOptions Readable =
        new(Scenario.JsonOptions) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The build's version with its commit, as the SDK stamps it.</summary>
    private static string Build() =>
        typeof(LoopbackModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
