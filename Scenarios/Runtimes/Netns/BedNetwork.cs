using GossipSim.Scenarios.Host;
using System.Globalization;
using System.Text.Json;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>
/// The bed's network control: the scenario's latency by the delaying relay on the router,
/// partitions, loss and crashed hosts by nftables there. TCP delivers each byte once, so
/// duplication is not among its effects.
/// </summary>
public sealed class BedNetwork(Scenario s, ulong runSeed, NetnsBed bed, ChildProgram relayProgram, string relayLatency,
    string relayNodes, string outDir) : INetworkControl
{
    private NodeProcess? _relay;
    private BedPartition? _partition;
    private double _loss = s.Network.Loss;
    private bool _netem;

    private string RelayStatsPath => Path.Combine(outDir, "relay-stats.json");

    public NetworkEffects Supports => NetworkEffects.Partition | NetworkEffects.Loss | NetworkEffects.LatencySpike;

    public string Describe =>
        $"each node in its own namespace and address on {BedAddresses.Subnet}; latency {ScenarioConfig.WireLatencyOf(s).Describe()} one way by "
            + $"the relay on {BedAddresses.RouterIp}, loss {_loss:P1} by nftables";

    public void Start()
    {
        _netem = NetemAvailable(bed);
        bed.ApplyFilters(null, _loss);
        _relay = NodeProcess.Start(bed.Router, relayProgram, new[]
        {
            "--listen", $"{BedAddresses.RouterIp}:{BedAddresses.RelayPort}", "--latency", relayLatency,
            "--seed", runSeed.ToString(CultureInfo.InvariantCulture), "--parent-pid",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--stats", RelayStatsPath, "--nodes", relayNodes,
        }, "relay", outDir, "RELAY LISTENING ", stdin: true);
        _relay.WaitReady(TimeSpan.FromSeconds(60));
    }

    public string Partition(PartitionFault partition)
    {
        _partition = BedFaults.PartitionOf(partition, s.Seeds, s.Peers);
        bed.ApplyFilters(_partition, _loss);
        return _partition.Description;
    }

    public void Heal()
    {
        _partition = null;
        bed.ApplyFilters(null, _loss);
    }

    public double Loss => _loss;

    public void SetLoss(double rate)
    {
        _loss = rate;
        bed.ApplyFilters(_partition, _loss);
    }

    public void SetLatencySpike(double factor, double extraMs) =>
        _relay!.Send(factor == 1 && extraMs == 0 ? "normal" : string.Create(CultureInfo.InvariantCulture, $"spike {factor} {extraMs}"));

    public void SetHostRunning(NodeRef node, bool running) => bed.SetHostRunning(node.RoleName, node.Index, running);

    /// <summary>The relay writes its counters when its input closes.</summary>
    public void Stop()
    {
        if (_relay == null) return;
        _relay.CloseInput();
        if (!_relay.WaitExit(TimeSpan.FromSeconds(10))) _relay.Kill();
        _relay = null;
    }

    public void AddExtra(Dictionary<string, object> extra)
    {
        extra["bed"] = $"{s.Seeds + s.Peers} node namespaces + router {bed.Router} on {BedAddresses.Subnet}; delay by the userspace relay "
            + $"(tc netem {(_netem ? "available" : "unavailable")} here), partitions and loss by nftables";
        extra["latencyModel"] = ScenarioConfig.WireLatencyOf(s).Describe();
        if (File.Exists(RelayStatsPath))
            extra["relay"] = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(RelayStatsPath))!;
    }

    public void Dispose() => Stop();

    /// <summary>Whether `tc netem` works in a namespace here (recorded in the results; the bed uses its relay either way, so runs compare
    /// across machines).</summary>
    private static bool NetemAvailable(NetnsBed bed)
    {
        bool ok = Shell.Run("ip", new[] { "netns", "exec", bed.Router, "tc", "qdisc", "add", "dev", "lo", "root",
            "netem", "delay", "1ms" }).Ok;
        if (ok) Shell.Run("ip", new[] { "netns", "exec", bed.Router, "tc", "qdisc", "del", "dev", "lo", "root" });
        return ok;
    }
}
