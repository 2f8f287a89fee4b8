using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;
namespace GossipSim.Scenarios.Run.Faults;

/// <summary>
/// Applies typed faults to a runtime, the same way on every runtime: victims from the one
/// <see cref="VictimPicker"/>, restarts of what was crashed, network effects undone after
/// their duration. Faults the runtime cannot apply are skipped (see <see cref="NotApplied"/>).
/// Not thread-safe: the runtime's own loop calls it.
/// </summary>
public sealed class FaultInterpreter(IFaultRuntime runtime, ulong runSeed)
{
    private readonly List<NodeRef> _crashed = new();
    private readonly List<NodeRef> _victims = new();
    private readonly HashSet<NodeRef> _left = new();
    private RateWindows? _loss, _duplication; // made at the first fault of each kind, from the rate the run started with
    private SeedSetChanges? _seedSets;
    private Rng? _leavers; // the churn's: it drew the leaves' times, then picks each leaver in turn

    /// <summary>The scenario's churn leaves, to schedule as faults after the scenario's own (<see cref="ChurnLeaves"/>). They keep
    /// their own times: a fault of the scenario waiting for its trigger does not hold them (<see cref="FaultOrder"/>).</summary>
    public IReadOnlyList<Fault> ChurnLeaves(ChurnSettings churn)
    {
        var leaves = Faults.ChurnLeaves.Draw(churn, _leavers = FaultStreams.Leavers(runSeed));
        foreach (var leave in leaves) _churn.Add(leave);
        return leaves;
    }

    private readonly HashSet<Fault> _churn = new(ReferenceEqualityComparer.Instance);

    /// <summary>A fault not yet applied that holds those planned after it: it waits for its trigger, or it was released from
    /// behind one and follows it after the gap the plan left between them.</summary>
    private readonly record struct Waiter(Fault Fault, int Position, bool Released);

    private readonly List<Waiter> _waiting = new();
    private readonly List<(Fault fault, int position)> _held = new();

    /// <summary>The faults not applied yet because of a trigger: those waiting for it, in the order they began to wait, then those
    /// planned after them (<see cref="FaultOrder"/>): a real run goes on past its planned end for them, a while
    /// (<c>RealOrchestrator</c>), and says which never came.</summary>
    public IReadOnlyList<Fault> WaitingForTrigger => _waiting.Select(w => w.Fault).Concat(_held.Select(h => h.fault)).ToList();

    /// <summary>Whether any fault waits, for its trigger or behind one that does (read every turn of a real run's loop).</summary>
    public bool AnyWaiting => _waiting.Count + _held.Count > 0;

    /// <summary>Whether <paramref name="fault"/> waits for its own trigger (true) or behind an earlier fault that does.</summary>
    public bool WaitsForItsTrigger(Fault fault) => _waiting.Any(w => !w.Released && ReferenceEquals(w.Fault, fault));

    /// <summary>How many peers a waiting fault still waits for (not crashed, left or linked).</summary>
    public int PeersNotLinked => Enumerable.Range(0, runtime.PeerCount).Count(WaitsToLink);

    /// <summary>Every node crashed so far (by a fault or the manager), in order; the summary lists them.</summary>
    public IReadOnlyList<NodeRef> Victims => _victims;

    /// <summary>The faults of <paramref name="schedule"/> this runtime cannot apply.</summary>
    public IReadOnlyList<Fault> NotApplied(IEnumerable<Fault> schedule) =>
        schedule.Where(f => (f.Needs & ~runtime.Supports) != 0).ToList();

    /// <summary>One line naming the skipped faults, or null when every fault applies.</summary>
    public string? NotAppliedLine(IEnumerable<Fault> schedule, string runtimeName)
    {
        var skipped = NotApplied(schedule);
        if (skipped.Count == 0) return null;
        bool network = skipped.Any(f => f is not SeedSetFault), seedSet = skipped.Any(f => f is SeedSetFault);
        return $"note: {runtimeName} cannot apply {string.Join(", ", skipped.Select(f => $"'{f.Describe()}' at {f.At} s"))}: they are "
            + $"skipped ({(network ? "the simulator and the netns bed apply network faults" : "")}{(network && seedSet ? "; " : "")}"
            + $"{(seedSet ? "the simulator, loopback processes, in-process nodes, docker and the netns bed apply seed-set changes" : "")})";
    }

    /// <summary>How often a fault waiting for its trigger looks again (seconds of the run).</summary>
    public const double TriggerPollSeconds = 0.5;

    /// <param name="position">The fault's place in the schedule (it seeds random-peers draws); -1 for a manager's command, which is
    /// carried out at once.</param>
    public void Apply(Fault fault, int position)
    {
        if ((fault.Needs & ~runtime.Supports) != 0) return;
        if (position >= 0 && KeepsOrder(fault) && HolderOf(fault, position) is { } holder)
        {
            runtime.Say($"fault '{fault.Describe()}' waits for '{holder.Fault.Describe()}', planned before it, which "
                + (holder.Released ? "follows the fault before it" : "waits for its trigger"));
            _held.Add((fault, position));
            return;
        }
        Apply(fault, position, waited: false, held: false);
    }

    /// <summary>Whether a fault keeps the plan's order behind a waiting one. The churn's leaves keep their own times; a heal and a
    /// restart may be what the waiting fault's peers need to link, so holding them could hold both for good.</summary>
    private bool KeepsOrder(Fault fault) => !_churn.Contains(fault) && fault is not (HealFault or RestartFault);

    private Waiter? HolderOf(Fault fault, int position)
    {
        var plan = FaultOrder.HeldBy(Plan(fault, position), _waiting.Select(w => Plan(w.Fault, w.Position)));
        return plan is { } p ? _waiting.First(w => w.Position == p.Position) : null;
    }

    private void Apply(Fault fault, int position, bool waited, bool held)
    {
        if (fault.After == FaultTrigger.AllLinked && !AllLinked())
        {
            if (!waited)
            {
                runtime.Say($"fault '{fault.Describe()}' waits until every peer has linked ({PeersNotLinked} of {runtime.PeerCount} not yet)");
                _waiting.Add(new Waiter(fault, position, Released: false));
            }
            runtime.After(TriggerPollSeconds, () => Apply(fault, position, waited: true, held));
            return;
        }
        if (waited)
        {
            runtime.Say($"every peer has linked: applying '{fault.Describe()}'");
            _waiting.Remove(new Waiter(fault, position, Released: false));
        }
        Carry(fault, position);
        runtime.Applied(fault, waited || held);
        if (waited) ReleaseHeld(fault.At);
    }

    private static FaultOrder.Planned Plan(Fault fault, int position) => new(fault.At, position);

    /// <summary>The first held fault, once nothing planned before it waits, follows the fault just applied (planned at
    /// <paramref name="appliedAt"/>) after the gap the plan left between them: seed-move's crashes come 10 and 12 s after the move,
    /// so the moved seed learns the members again first. It holds those after it until then; each in turn follows the one before.</summary>
    private void ReleaseHeld(double appliedAt)
    {
        _held.Sort((a, b) => (a.fault.At, a.position).CompareTo((b.fault.At, b.position))); // the plan's order (FaultOrder.Planned)
        if (_held.Count == 0 || HolderOf(_held[0].fault, _held[0].position) != null) return;
        var (fault, position) = _held[0];
        _held.RemoveAt(0);
        double gap = Math.Max(0, fault.At - appliedAt);
        var released = new Waiter(fault, position, Released: true);
        _waiting.Add(released);
        runtime.Say($"'{fault.Describe()}' follows in {gap:0.###} s, as planned after the fault before it");
        runtime.After(gap, () =>
        {
            _waiting.Remove(released);
            Apply(fault, position, waited: false, held: true);
            if (!WaitsForItsTrigger(fault)) ReleaseHeld(fault.At);
        });
    }

    private void Carry(Fault fault, int position)
    {
        switch (fault)
        {
            case CrashFault c:
                Crash(VictimPicker.Pick(c.Victims, runSeed, position, runtime.LivePeers(), runtime.DegreeOf, _leavers),
                    c.Victims.Kind == VictimKind.Hub ? "the hub" : null, c.Victims.Kind == VictimKind.Host ? c.Victims : null);
                break;
            case RestartFault r:
                var targets = r.Kind switch
                {
                    // With a count: that many crashed peers, in crash order (the longest down first); a crashed seed waits for its own.
                    RestartKind.Crashed => r.Count is { } n ? _crashed.Where(c => !c.IsSeed).Take(n).ToList() : _crashed.ToList(),
                    RestartKind.Seed => new List<NodeRef> { NodeRef.Seed(r.Index) },
                    _ => new List<NodeRef> { NodeRef.Peer(r.Index) },
                };
                foreach (var t in targets) Restart(t);
                break;
            case MoveFault m:
                Move(NodeRef.Seed(m.Index));
                break;
            case DrainFault drain:
            {
                // Seeds first (they keep their keys and places in the set), then each peer leaves and a new one starts elsewhere.
                var nodes = VictimPicker.Pick(drain.Host, runSeed, position, runtime.LivePeers(), runtime.DegreeOf, _leavers);
                runtime.Say($"draining host {drain.Host.Index} of {drain.Host.Count}: {nodes.Count(n => n.IsSeed)} seed(s) move, "
                    + $"{nodes.Count(n => !n.IsSeed)} peer(s) leave and as many join elsewhere");
                runtime.HostDrains(drain.Host);
                foreach (var seed in nodes.Where(n => n.IsSeed)) Move(seed);
                foreach (var peer in nodes.Where(n => !n.IsSeed))
                {
                    if (runtime.StateOf(peer) != NodeState.Running) continue;
                    Leave([peer]);
                    var replica = runtime.Join();
                    runtime.Say($"new peer {replica.Index} in peer {peer.Index}'s place");
                }
                break;
            }
            case LeaveFault l:
                Leave(VictimPicker.Pick(l.Victims, runSeed, position, runtime.LivePeers(), runtime.DegreeOf, _leavers));
                break;
            case JoinFault j:
                for (int i = 0; i < j.Count; i++)
                {
                    var peer = runtime.Join();
                    runtime.Say($"joined: new peer {peer.Index}");
                }
                break;
            case PartitionFault p:
                runtime.Partition(p);
                runtime.Say($"partition {p.Description}");
                if (p.DurationSeconds is { } d) runtime.After(d, () => { runtime.Heal(); runtime.Say("partition healed"); });
                break;
            case HealFault:
                runtime.Heal();
                runtime.Say("healed all partitions");
                break;
            case LossFault l:
                SetFor(_loss ??= new RateWindows(runtime.Loss), l.Rate, l.DurationSeconds, runtime.SetLoss, "message loss");
                break;
            case DuplicationFault u:
                SetFor(_duplication ??= new RateWindows(runtime.Duplication), u.Rate, u.DurationSeconds,
                    runtime.SetDuplication, "message duplication");
                break;
            case SeedSetFault f:
                (_seedSets ??= new SeedSetChanges(runtime)).Apply(f);
                break;
            case LatencySpikeFault s:
                runtime.SetLatencySpike(s.Factor, s.ExtraMs);
                runtime.Say($"latency spike: x{s.Factor} +{s.ExtraMs} ms for {s.Lasts} s");
                runtime.After(s.Lasts, () => { runtime.SetLatencySpike(1, 0); runtime.Say("latency back to normal"); });
                break;
        }
    }

    /// <summary>
    /// Null once every peer of the run that was not crashed by a fault is running, registered and
    /// linked; else how many are not yet (said once when a fault starts waiting).
    /// </summary>
    /// <summary>Where the last look found a peer waiting to link: the next look starts there, where one usually still waits. A
    /// million-peer join was polled 29 times, each a walk over every peer on the thread that runs the control events, which both
    /// simulation threads wait for.</summary>
    private int _waitingFrom;

    private bool WaitsToLink(int peer) =>
        !runtime.IsLinked(peer) && !_crashed.Contains(NodeRef.Peer(peer)) && !_left.Contains(NodeRef.Peer(peer));

    /// <summary>Whether every peer not crashed has linked: true only once a look at every peer finds none waiting.</summary>
    private bool AllLinked()
    {
        for (int i = _waitingFrom; i < runtime.PeerCount; i++) if (WaitsToLink(i)) { _waitingFrom = i; return false; }
        for (int i = 0; i < Math.Min(_waitingFrom, runtime.PeerCount); i++) if (WaitsToLink(i)) { _waitingFrom = i; return false; }
        return true;
    }

    /// <summary>Sets a network rate, for <paramref name="duration"/> seconds when given (see <see cref="RateWindows"/>: the end of a window
    /// never cancels a newer one).</summary>
    private void SetFor(RateWindows windows, double rate, double? duration, Action<double> set, string what)
    {
        if (duration is not { } d)
        {
            windows.SetLasting(rate);
            set(rate);
            runtime.Say($"{what} set to {rate:P1}");
            return;
        }
        int window = windows.Open(rate);
        set(rate);
        runtime.Say($"{what} set to {rate:P1} for {d} s");
        runtime.After(d, () =>
        {
            double before = windows.Current;
            windows.Close(window);
            if (windows.Current == before) return;
            set(windows.Current);
            runtime.Say($"{what} back to {windows.Current:P1}");
        });
    }

    /// <summary>Crashes each running node of <paramref name="nodes"/>, all of them the dying <paramref name="host"/>'s when it is
    /// given; returns those crashed with their degree then.</summary>
    public IReadOnlyList<(NodeRef node, int degree)> Crash(IEnumerable<NodeRef> nodes, string? why = null, VictimSelector? host = null)
    {
        var done = new List<(NodeRef, int)>();
        var victims = nodes.ToList();
        // Whom nobody can report is decided before any of them crashes: a mass failure takes its victims' neighbours at once.
        var unwatched = runtime.Unwatched(victims.Where(v => !v.IsSeed).Select(v => v.Index).ToHashSet());
        // Their degrees and addresses too: a host's death may take the means of asking with it.
        var running = victims.Where(v => runtime.StateOf(v) == NodeState.Running)
            .Select(v => (node: v, degree: v.IsSeed ? 0 : runtime.DegreeOf(v.Index), address: runtime.AddressOf(v))).ToList();
        if (host is { } dying) runtime.HostDies(dying, running.Select(r => r.node).ToList());
        foreach (var (v, degree, address) in running)
        {
            runtime.Crash(v, degree, !v.IsSeed && unwatched.Contains(v.Index));
            _crashed.Add(v);
            _victims.Add(v);
            done.Add((v, degree));
            runtime.Say($"crashed {v.RoleName} {v.Index} {address}{(why != null ? $" ({why}, degree {degree})" : "")}");
        }
        return done;
    }

    /// <summary>Moves a running seed elsewhere (its key, an empty state); one not running is said and left.</summary>
    private void Move(NodeRef seed)
    {
        if (runtime.StateOf(seed) != NodeState.Running)
        {
            runtime.Say($"seed {seed.Index} is not running: nothing to move");
            return;
        }
        string from = runtime.AddressOf(seed);
        runtime.MoveSeed(seed);
        runtime.Say($"moved seed {seed.Index} from {from} to {runtime.AddressOf(seed)}: its key, an empty state");
    }

    /// <summary>Each running peer of <paramref name="peers"/> leaves cleanly (goodbye, then stop); a peer that left is not restarted by
    /// "restart crashed".</summary>
    public void Leave(IEnumerable<NodeRef> peers)
    {
        foreach (var p in peers)
        {
            if (p.IsSeed || runtime.StateOf(p) != NodeState.Running) continue;
            string address = runtime.AddressOf(p);
            runtime.Leave(p);
            _left.Add(p);
            runtime.Say($"peer {p.Index} {address} left (goodbye to its seeds)");
        }
    }

    /// <summary>Restarts a crashed node; false when it is not down.</summary>
    public bool Restart(NodeRef node)
    {
        if (runtime.StateOf(node) != NodeState.Down) return false;
        runtime.Restart(node);
        _crashed.Remove(node);
        runtime.Say($"restarted {node.RoleName} {node.Index} {runtime.AddressOf(node)}");
        return true;
    }
}
