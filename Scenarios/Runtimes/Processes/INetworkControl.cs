using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// Control of the network between real nodes: none on loopback, nftables and the delaying
/// relay on the namespace bed. Only the effects in <see cref="Supports"/> are ever asked for.
/// </summary>
public interface INetworkControl : IDisposable
{
    NetworkEffects Supports { get; }
    /// <summary>Said in the run's first line: how latency, loss and partitions are made.</summary>
    string Describe { get; }
    void Start();
    /// <summary>Cuts the network; returns the cut as this network makes it, for the trace.</summary>
    string Partition(PartitionFault partition);
    void Heal();
    double Loss { get; }
    void SetLoss(double rate);
    void SetLatencySpike(double factor, double extraMs);
    /// <summary>A host is down or back: the network answers for a crashed host as a real one would.</summary>
    void SetHostRunning(NodeRef node, bool running);
    /// <summary>After every node stopped: flush what the network's helpers count.</summary>
    void Stop();
    void AddExtra(Dictionary<string, object> extra);
}

/// <summary>Loopback: the operating system's network, left alone.</summary>
public sealed class NoNetworkControl : INetworkControl
{
    public NetworkEffects Supports => NetworkEffects.None;
    public string Describe => "loopback, no network faults";
    public void Start() { }
    public string Partition(PartitionFault partition) => throw new NotSupportedException("loopback has no partitions");
    public void Heal() => throw new NotSupportedException("loopback has no partitions");
    public double Loss => 0;
    public void SetLoss(double rate) => throw new NotSupportedException("loopback loses no messages");
    public void SetLatencySpike(double factor, double extraMs) => throw new NotSupportedException("loopback has no latency control");
    public void SetHostRunning(NodeRef node, bool running) { }
    public void Stop() { }
    public void AddExtra(Dictionary<string, object> extra) { }
    public void Dispose() { }
}
