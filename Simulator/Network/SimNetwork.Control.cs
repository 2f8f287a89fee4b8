using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.Ranks;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Network;

// What runs between windows, on the caller's thread: actions scheduled from outside and the faults they inject.
public sealed partial class SimNetwork
{
    private readonly EventQueue _control = new(); // control events, run between windows
    private long _controlMade;                     // their keys (the network's slot, 0)

    /// <summary>Runs an action (a fault, a measurement) at a virtual time, in order with everything else.</summary>
    public void Schedule(TimeSpan at, Action action)
    {
        // no target: control events have their own queue
        var e = new SimEvent
            { Time = Math.Max(at.Ticks, _now), Sequence = EventKey.Of(0, _controlMade++), Kind = SimEventKind.Control, Payload = action };
        _control.PushKeyed(ref e, _now);
    }

    /// <summary>Crash: the node stops receiving, its timers die with it, its state is gone.</summary>
    /// <param name="unwatched">No live peer is linked to it but those crashed with it: traced as <see cref="TraceKind.CrashUnwatched"/>.</param>
    /// <param name="watchRound">A detector that watches in rounds (SWIM): the shortest probe round among its live watchers, traced as <see cref="TraceKind.CrashWatchRound"/>.</param>
    public void Crash(int index, bool unwatched = false, int? watchRound = null)
    {
        NextSlot();
        if (!IsAlive(index)) return;
        if (_table.Lives[index].Node is { } node) // on ranks, the owner's alone
        {
            var output = _parts[PartitionOf(index)].Output;
            output.Write(new TraceEvent(Now, TraceKind.CrashInjected, _table.AddressOf(index), A: node.OverlayDegree,
                Detail: node.Role == NodeRole.Seed ? "seed" : "peer"));
            if (unwatched) output.Write(new TraceEvent(Now, TraceKind.CrashUnwatched, _table.AddressOf(index)));
            else if (watchRound is { } round) output.Write(new TraceEvent(Now, TraceKind.CrashWatchRound, _table.AddressOf(index), A: round));
        }
        EndLife(index);
    }

    /// <summary>Restart a crashed node as a new incarnation with empty state.</summary>
    public void Restart(int index)
    {
        NextSlot();
        if (_table.FactoryOf(index) == null || IsAlive(index)) return;
        NewLife(index);
        StartNode(index, restarted: true);
    }

    /// <summary>
    /// An operator's command to a live node (a seed-set change, issue 56, 2), run as a control event at its time: what the node
    /// sends goes out as from any control action. On ranks, only the owner holds the node.
    /// </summary>
    public void Command(int index, Action<Node> command)
    {
        NextSlot();
        if (IsAlive(index) && _table.Lives[index].Node is { } node) command(node);
    }

    /// <summary>
    /// The same as <see cref="Command(int, Action{Node})"/>, with the node's answer to it: run on the node's owner alone, and on ranks the answer shared
    /// with every rank (a collective call: every rank asks alike, as the faults do). 0 when the node does not run.
    /// </summary>
    public long Command(int index, Func<Node, long> command)
    {
        NextSlot();
        return Shared(IsAlive(index) && _table.Lives[index].Node is { } node ? command(node) : 0);
    }

    /// <summary>A question to a running node (its seed set, say) that changes nothing: answered by its owner, on ranks shared with
    /// every rank (a collective call). 0 when the node does not run.</summary>
    public long Ask(int index, Func<Node, long> question) =>
        Shared(IsAlive(index) && _table.Lives[index].Node is { } node ? question(node) : 0);

    private long Shared(long own) => _ranks == null ? own : _ranks.AllReduce(own, RankReduction.Sum);

    /// <summary>A clean departure (churn): the node says goodbye, then is gone like a crash.</summary>
    public void Leave(int index)
    {
        NextSlot();
        if (!IsAlive(index)) return;
        _table.Lives[index].Node?.OnStop(sayGoodbye: true); // on ranks, on the owner alone
        EndLife(index);
    }

    /// <summary>
    /// Cuts the network into groups (group 0 is "everyone else"). Two-way: a message crosses
    /// only inside a group. One-way: only messages from group 1 to group 2 are lost, the
    /// reverse direction still works (an asymmetric link, the hardest case for failure detectors).
    /// </summary>
    public void Partition(IReadOnlyDictionary<int, int> groupOfNode, string description, bool oneWay = false)
    {
        _links.Cut(groupOfNode, _table.Count, oneWay);
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.Partitioned, default, Detail: (oneWay ? "one-way " : "") + description));
    }

    /// <summary>How long after its send a message a partition dropped is reported to its sender as failed
    /// (<see cref="Node.OnSendFailed"/>): by default TCP's connect timeout, as the real transport's
    /// (<see cref="TransportTimeouts.Connect"/>). Set before the run or between events; a report made keeps its time.</summary>
    public TimeSpan SendTimeout
    {
        get => _links.SendTimeout;
        set
        {
            if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), value, "a send timeout is positive");
            _links.SendTimeout = value;
        }
    }

    public void Heal()
    {
        _links.Heal();
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.Healed, default));
    }

    public void SetLatencySpike(double factor, TimeSpan extra)
    {
        LatencyFactor = factor;
        ExtraLatency = extra;
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.LatencyChanged, default,
            Detail: factor == 1 && extra == TimeSpan.Zero ? "normal" : $"x"
                + $"{factor.ToString(CultureInfo.InvariantCulture)} "
                + $"+{extra.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms"));
    }

    public void SetLoss(double rate)
    {
        LossRate = rate;
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.LossChanged, default,
            Detail: rate.ToString("0.####", CultureInfo.InvariantCulture)));
    }

    /// <summary>What the network itself traces (a partition, a loss rate): on ranks, rank 0 writes it.</summary>
    private void WriteNetwork(in TraceEvent e)
    {
        if (_ranks == null) TraceSink.Write(e);
        else if (_ranks.Rank == 0) _local[0].Output.Write(e);
    }
}
