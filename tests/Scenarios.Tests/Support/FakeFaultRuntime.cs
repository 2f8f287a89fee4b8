using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// Running peers of degrees 1, 2, 3, ... (one per flag), which are linked set by the test, and no
/// network effects; After queues its action until <see cref="RunPending"/>.
/// </summary>
public sealed class FakeFaultRuntime(bool[] linked) : IFaultRuntime
{
    private readonly List<Action> _pending = new();
    public bool[] Linked { get; } = linked;
    public List<NodeRef> Crashed { get; } = new();

    public void RunPending()
    {
        var due = _pending.ToList();
        _pending.Clear();
        foreach (var a in due) a();
    }

    public NetworkEffects Supports => NetworkEffects.None;
    public IReadOnlyCollection<int> LivePeers() => Enumerable.Range(0, Linked.Length).ToList();
    public int DegreeOf(int peer) => peer + 1;
    public int PeerCount => Linked.Length;
    public bool IsLinked(int peer) => Linked[peer];
    public NodeState StateOf(NodeRef node) => Crashed.Contains(node) || Left.Contains(node) ? NodeState.Down : NodeState.Running;
    public string AddressOf(NodeRef node) => node.ToString();
    public void Crash(NodeRef node, int degree, bool unwatched) => Crashed.Add(node);
    /// <summary>Each host's death: its index, the running victims handed over, and how many nodes had crashed before it.</summary>
    public List<(int Host, string Victims, int CrashedBefore)> HostDeaths { get; } = new();
    public void HostDies(VictimSelector host, IReadOnlyList<NodeRef> victims) =>
        HostDeaths.Add((host.Index, string.Join(" ", victims), Crashed.Count));
    public void Restart(NodeRef node) { }
    public List<NodeRef> Left { get; } = new();
    public void Leave(NodeRef node) => Left.Add(node);
    public int Joined { get; private set; }
    public NodeRef Join() => NodeRef.Peer(Linked.Length + Joined++);
    public void Partition(PartitionFault partition) { }
    public void Heal() { }
    public double Loss => 0;
    public void SetLoss(double rate) { }
    public double Duplication => 0;
    public void SetDuplication(double rate) { }
    public void SetLatencySpike(double factor, double extraMs) { }
    /// <summary>The seconds of every <see cref="After"/>, in order.</summary>
    public List<double> Delays { get; } = new();
    public void After(double seconds, Action action) { Delays.Add(seconds); _pending.Add(action); }
    public List<string> Said { get; } = new();
    public void Say(string line) => Said.Add(line);
    /// <summary>Faults that waited for their trigger, in the order they were applied.</summary>
    public List<Fault> Waits { get; } = new();
    public void Applied(Fault fault, bool waitedForTrigger)
    {
        if (waitedForTrigger) Waits.Add(fault);
    }
}
