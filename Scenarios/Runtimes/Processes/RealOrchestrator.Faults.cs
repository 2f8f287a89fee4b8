using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>What the fault interpreter asks of a real run: its nodes by index, crashes and restarts, the network's effects.</summary>
public sealed partial class RealOrchestrator
{
    private static NodeState State(Slot slot) =>
        slot.Life == null ? NodeState.NotStarted : slot.Crashed || slot.Left || slot.Life.HasExited ? NodeState.Down : NodeState.Running;

    private Slot SlotOf(NodeRef node) => node.IsSeed ? _seeds[node.Index] : _peers[node.Index];

    public NetworkEffects Supports => _network.Supports | (_launcher.StartsJoiningSeeds ? NetworkEffects.SeedSetVote : 0)
        | (_launcher.MovesSeeds ? NetworkEffects.SeedMove : 0);

    public IReadOnlyCollection<int> LivePeers() => _peers.Where(p => State(p) == NodeState.Running).Select(p => p.Node.Index).ToList();

    public int DegreeOf(int peer) => _peers[peer].Life?.Snapshot()?.Degree ?? 0;

    public int PeerCount => _peers.Count;

    public bool IsLinked(int peer)
        => State(_peers[peer]) == NodeState.Running && _peers[peer].Life!.Snapshot() is { Registered: true, Degree: > 0 };

    public NodeState StateOf(NodeRef node)
        => node.Index < (node.IsSeed ? _seeds.Count : _peers.Count) ? State(SlotOf(node)) : NodeState.NotStarted;

    public string AddressOf(NodeRef node) => SlotOf(node).Life?.Address.ToString() ?? "(not started)";

    public void Crash(NodeRef node, int degree, bool unwatched)
    {
        var slot = SlotOf(node);
        slot.Life!.Crash();
        slot.Crashed = true;
        _network.SetHostRunning(node, false);
        _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.CrashInjected, slot.Life.Address, A: degree, Detail: node.RoleName));
    }

    /// <summary>The launcher takes the host down as a machine dies when it can (<see cref="INodeLauncher.KillHost"/>); each victim's
    /// <see cref="Crash"/> follows, traced at once.</summary>
    public void HostDies(VictimSelector host, IReadOnlyList<NodeRef> victims) => _launcher.KillHost(host);

    public void Restart(NodeRef node)
    {
        var slot = SlotOf(node);
        var address = slot.Life!.Address;
        _network.SetHostRunning(node, true);
        slot.Life = _launcher.Start(node, node.IsSeed && node.Index < _launcher.SeedAddresses.Count ? _launcher.SeedAddresses[node.Index]
                : address.Port != 0 ? address : null,
            node.IsSeed || node.Index >= _origins.Length || _origins[node.Index]);
        slot.Crashed = slot.Left = false;
        _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, address, Detail: node.RoleName));
    }

    public void HostDrains(VictimSelector host) => _launcher.DrainHost(host);

    /// <summary>The seed stops cleanly (it traces its stop), and its next life starts elsewhere (it traces its start there); the
    /// orchestrator waits for it to listen, so that what follows knows where it is.</summary>
    public void MoveSeed(NodeRef seed)
    {
        var slot = SlotOf(seed);
        slot.Life!.BeginStop();
        slot.Life.WaitStopped(TimeSpan.FromSeconds(10));
        slot.Life = _launcher.MoveSeed(seed);
        slot.Crashed = slot.Left = false;
        try { slot.Life.WaitReady(TimeSpan.FromSeconds(30)); }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Say($"seed {seed.Index} did not listen at its new place: {e.Message}");
        }
    }

    /// <summary>The node traces its own clean stop (NodeStopped, before the run's end: it left).</summary>
    public void Leave(NodeRef node)
    {
        var slot = SlotOf(node);
        slot.Life!.Leave();
        slot.Left = true;
    }

    /// <summary>A newcomer originates gossip when every peer does, else it only listens (as on the simulator).</summary>
    public NodeRef Join()
    {
        var slot = new Slot(NodeRef.Peer(_peers.Count));
        _peers.Add(slot);
        slot.Life = _launcher.Start(slot.Node, null, originates: ScenarioConfig.OriginsOf(_s) < 0);
        return slot.Node;
    }

    public void Partition(PartitionFault partition)
    {
        string description = _network.Partition(partition);
        Trace(TraceKind.Partitioned, (partition.OneWay ? "one-way " : "") + description);
    }

    public void Heal()
    {
        _network.Heal();
        Trace(TraceKind.Healed, null);
    }

    public double Loss => _network.Loss;

    public void SetLoss(double rate)
    {
        _network.SetLoss(rate);
        Trace(TraceKind.LossChanged, rate.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
    }

    // Real networks here never duplicate: TCP delivers each byte once.
    public double Duplication => 0;
    public void SetDuplication(double rate) => throw new NotSupportedException("TCP delivers each byte once");

    public void SetLatencySpike(double factor, double extraMs)
    {
        _network.SetLatencySpike(factor, extraMs);
        Trace(TraceKind.LatencyChanged, factor == 1 && extraMs == 0 ? "normal"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"spike x{factor} +{extraMs} ms"));
    }

    private void Trace(TraceKind kind, string? detail) => _launcherEvents.Add(new TraceEvent(UnixNow(), kind, default, Detail: detail));

    /// <summary>A follow-up (a partition's heal, the end of a loss window or a latency spike) counts from when its fault was in place:
    /// when it was due, or later when the runtime took time to apply it (a bed puts a cut in every namespace first: under CI's five
    /// test lanes 1.9 s late, and the cut then lasted 10.1 s of 12), so the fault lasts what the scenario says. The run's end moves
    /// with it (<see cref="Applied"/>).</summary>
    public void After(double seconds, Action action) => Schedule(Math.Max(_dueAt, Elapsed) + seconds, action);

    /// <summary>Due <paramref name="seconds"/> after its fault's own time, so what the plan put before later faults runs before them
    /// however late the loop came to its fault (<see cref="RunDue"/> takes what is due earliest first).</summary>
    public void AfterPlanned(double seconds, Action action) => Schedule(_dueAt + seconds, action);

    public void Say(string line) => _say($"t={ScenarioSeconds:F1}s {line}");

    /// <summary>Moves the run's end to keep, after something carried out <paramref name="lateSeconds"/> late, the time the scenario
    /// planned after it (<see cref="RunEnd"/>): a late fault (<see cref="Applied"/>) or a late peer's start (<see cref="StartedLate"/>).
    /// True when it moved.</summary>
    private bool MoveEnd(double lateSeconds)
    {
        if (_o.UntilQuit || RunEnd.After(_plannedDuration, _duration, lateSeconds) is not { } end) return false;
        _duration = end;
        return true;
    }

    /// <summary>Moves the run's end (<see cref="RunEnd"/>) when <paramref name="fault"/> was carried out after its time (counted once
    /// it is done: a container engine may take seconds to kill one that is still starting), and says so.</summary>
    public void Applied(Fault fault, bool waitedForTrigger)
    {
        double late = ScenarioSeconds - fault.At;
        if (_o.UntilQuit || late <= RunEnd.SlackSeconds) return;
        // Said even when the end stays (a later peer or fault moved it further already): the fault still came late.
        MoveEnd(late);
        Say($"'{fault.Describe()}' was carried out {late:F1} s after its time "
            + $"({(waitedForTrigger ? "it waited for its trigger, or for a fault before it that did" : "the runtime was busy or slow")}): the run ends at "
            + $"{_duration - _startup:F0} s, so what follows the fault keeps its planned time");
    }
}
