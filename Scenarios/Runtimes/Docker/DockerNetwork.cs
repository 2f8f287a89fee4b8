using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The docker run's network control: partitions and loss by nftables inside each container's
/// network namespace, entered through the engine (`docker exec -u 0` of the image's nft, with the
/// NET_ADMIN the container is given and its node does not use), so it works on an engine
/// elsewhere too; kept in force on containers that start (or start again) later. Latency is not applied
/// (Docker's overlay adds its own; `tc netem` needs the kernel's sch_netem, which the run says
/// when it is missing): the run says so in its first lines, as on loopback. A container whose
/// node was killed is gone from the network: a connection to it gets no answer, as to a host that died.
/// </summary>
public sealed class DockerNetwork(Scenario s, DockerBed bed, bool filters) : INetworkControl
{
    private readonly HashSet<NodeRef> _started = new();
    private BedPartition? _partition;
    private double _loss = s.Network.Loss;

    public NetworkEffects Supports => filters ? NetworkEffects.Partition | NetworkEffects.Loss : NetworkEffects.None;

    public string Describe => $"Docker's overlay network {bed.Addresses.Subnet}, latency not applied"
        + (filters ? $", loss {_loss:P1} and partitions by nftables in each container"
            : ", no network faults (the image has no nft)");

    public void Start() { }

    /// <summary>A container started (or started again): the cut and loss in force now apply to it too.</summary>
    public void Started(NodeRef node)
    {
        lock (_started) _started.Add(node);
        if (filters && (_partition != null || _loss > 0)) Apply(node);
    }

    public string Partition(PartitionFault partition)
    {
        _partition = BedFaults.PartitionOf(partition, s.Seeds, s.Peers,
            (seed, i) => bed.Places.Of(seed ? NodeRef.Seed(i) : NodeRef.Peer(i)).Ip);
        ApplyAll();
        return _partition.Description;
    }

    public void Heal()
    {
        _partition = null;
        ApplyAll();
    }

    public double Loss => _loss;

    public void SetLoss(double rate)
    {
        _loss = rate;
        ApplyAll();
    }

    public void SetLatencySpike(double factor, double extraMs) => throw new NotSupportedException("the docker runtime applies no latency");

    public void SetHostRunning(NodeRef node, bool running) { }

    public void Stop() { }

    public void AddExtra(Dictionary<string, object> extra)
    {
        extra["network"] = $"Docker overlay {bed.Addresses.Subnet}; latency not applied; "
            + (filters ? "partitions and loss by nftables in each container's namespace"
                : "no network faults here (the image has no nft)");
    }

    public void Dispose() { }

    private void ApplyAll()
    {
        List<NodeRef> started;
        lock (_started) started = _started.ToList();
        // A container whose node was killed has no namespace left to change: it gets the rules in force when it starts again.
        Parallel.ForEach(started, new ParallelOptions { MaxDegreeOfParallelism = 4 }, node => Apply(node, mustWork: false));
    }

    private void Apply(NodeRef node, bool mustWork = true)
    {
        var place = bed.Places.Of(node);
        string script = ContainerRules.Script(place.Ip, bed.Addresses.Subnet, _partition, _loss);
        var r = place.Engine.RunWithInput(script, "exec", "-i", "-u", "0", place.Container, "nft", "-f", "-");
        if (!r.Ok && mustWork)
            throw new DockerException($"nft in {DockerAddresses.HostOf(node)}'s namespace failed: {DockerCli.FirstLine(r.Stderr)}");
    }
}
