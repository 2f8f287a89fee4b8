using System.Collections.Concurrent;
using System.Diagnostics;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Run.Narration;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// One real run on any launcher (loopback processes, in-process hosting, namespace bed): one
/// loop starts the seeds and then the peers on the scenario's schedule, applies its faults
/// through the <see cref="FaultInterpreter"/>, carries out manager commands, prints progress,
/// samples memory, and stops everything in order (seeds first, so their final peer lists are
/// traced before peers leave). Then one summary is built from what the nodes wrote.
/// </summary>
public sealed partial class RealOrchestrator : IRealRunControl, IFaultRuntime, IManagedRun
{
    /// <summary>One seed or peer's place in the run: its current life, and whether we crashed it.</summary>
    private sealed class Slot(NodeRef node)
    {
        public readonly NodeRef Node = node;
        public IRealNode? Life;
        public bool Crashed, Left;
    }

    private readonly Scenario _s;
    private readonly RunOptions _o;
    private readonly ulong _seed;
    private readonly string _outDir, _nodesDir;
    private readonly INodeLauncher _launcher;
    private readonly INetworkControl _network;
    private readonly Action<string> _say;
    private readonly List<Slot> _seeds; // the scenario's, then those a seed-set change started
    private readonly List<Slot> _peers;
    private readonly bool[] _origins;
    private readonly IReadOnlyList<Fault> _schedule;
    private readonly FaultInterpreter _faults;
    private readonly List<(double at, int order, Action action)> _timeline = new();
    private readonly ConcurrentQueue<(RunCommand command, TaskCompletionSource<RunAnswer> reply)> _commands = new();
    // Released once per command sent: the loop sleeps until the next due moment or the next command, whichever comes first.
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<TraceEvent> _launcherEvents = new();
    private readonly Dictionary<NodeRef, long> _peakMemory = new();
    private readonly double _startup;
    private readonly double _plannedDuration;
    private double _duration; // moved later by faults applied after their time (RunEnd)
    private double _endedSeconds; // on the scenario's clock, when the loop ended
    private TimeSpan _t0;
    private LiveNarration? _narration;
    private double _dueAt;
    private bool _quit, _stopped;
    private volatile bool _finished;

    public RealOrchestrator(RunPlan plan, string nodesDir, INodeLauncher launcher, INetworkControl network, Action<string> say)
    {
        var s = plan.Scenario;
        _s = s;
        _o = plan.Options;
        _seed = plan.Seed;
        _outDir = plan.OutDir;
        _nodesDir = nodesDir;
        _launcher = launcher;
        _network = network;
        _say = say;
        _seeds = Enumerable.Range(0, s.Seeds).Select(i => new Slot(NodeRef.Seed(i))).ToList();
        _peers = Enumerable.Range(0, s.Peers).Select(i => new Slot(NodeRef.Peer(i))).ToList();
        _origins = OriginPicker.Choose(s, _seed); // the same peers originate as on the simulator
        _schedule = FaultParser.Parse(s, s.Name ?? "scenario");
        _faults = new FaultInterpreter(this, _seed);
        _startup = s.RealStartupSeconds ?? 1.0;
        _duration = _plannedDuration = ScenarioConfig.DurationOf(s) + _startup;
        _places = plan.Driver.PlacesOf(ScenarioConfig.LatencyOf(s), _seed, s.Seeds);
        _linkAllowance = ScenarioConfig.PeerConfigOf(s).LinkTimeout.TotalSeconds;
    }

    /// <summary>The seconds a peer has to link after its start: its link timeout, as the plan gives the last peer to join.</summary>
    private readonly double _linkAllowance;

    /// <summary>Where the nodes are on the measured Internet, when the runtime applies the wan model (the namespace bed); else null.</summary>
    private readonly Analysis.Wan.NodePlaces? _places;

    private static TimeSpan UnixNow() => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);
    private double Elapsed => (UnixNow() - _t0).TotalSeconds;
    /// <summary>Seconds on the scenario's clock: its fault times and the results count from the end of the start-up grace.</summary>
    private double ScenarioSeconds => Elapsed - _startup;

    /// <summary>Runs the scenario to its end (or the manager's quit) and returns its results. Every node is stopped also when it
    /// throws.</summary>
    public RunResult Run()
    {
        var wall = Stopwatch.StartNew();
        try
        {
            _network.Start();
            _t0 = UnixNow();
            _say($"running {_s.Name} on {_launcher.Describe}: {_s.Seeds} seeds and {_s.Peers} peers, seed {_seed}; "
                + $"network: {_network.Describe}; node output under {Path.GetRelativePath(Environment.CurrentDirectory, _nodesDir)}/");
            if (_faults.NotAppliedLine(_schedule, _launcher.Describe) is { } note) _say(note);
            foreach (var slot in _seeds)
                slot.Life = _launcher.Start(slot.Node, _launcher.SeedAddresses[slot.Node.Index], originates: false);
            foreach (var slot in _seeds) slot.Life!.WaitReady(TimeSpan.FromSeconds(60));
            _say($"t={ScenarioSeconds:F1}s {_s.Seeds} seeds listening: {string.Join(", ", _launcher.SeedAddresses)}");
            if (_o.Narrate) _narration = new LiveNarration(_nodesDir, _t0 + TimeSpan.FromSeconds(_startup), _say);
            _o.OnRealRunStarted?.Invoke(this);

            for (int i = 0; i < _s.Peers; i++)
            {
                var slot = _peers[i];
                double due = JoinSchedule.StartSeconds(_s, i);
                Schedule(_startup + due, () =>
                {
                    slot.Life = _launcher.Start(slot.Node, null, _origins[slot.Node.Index]);
                    StartedLate(ScenarioSeconds - due, "started");
                    if (slot.Life.TellsWhenListening) _startingPeers.Add((slot.Life, due));
                    _linkingPeers.Add((slot.Life, due));
                });
            }
            for (int i = 0; i < _schedule.Count; i++)
            {
                var (fault, position) = (_schedule[i], i);
                Schedule(fault.At + _startup, () => _faults.Apply(fault, position));
            }
            Loop();
            foreach (var never in _faults.WaitingForTrigger)
                _say($"t={ScenarioSeconds:F1}s fault '{never.Describe()}' was never applied: "
                    + (_faults.WaitsForItsTrigger(never) ? "it waited for every peer to link" : "it waited for a fault before it, which waited for every peer to link")
                    + $", and {_faults.PeersNotLinked} of {_peers.Count} had not, {TriggerWaitPastEndSeconds:F0} s past the planned end");
            if (_startingPeers.Count > 0)
                _say($"t={ScenarioSeconds:F1}s {_startingPeers.Count} peer(s) started but had not said they listen "
                    + $"{TriggerWaitPastEndSeconds:F0} s past the planned end (each node's log is in its folder)");
            _endedSeconds = ScenarioSeconds;
            _narration?.Poll(UnixNow(), _launcherEvents); // what happened up to the quit
            SampleMemory();
            if (_o.Watch is { } last) Watch(last);
            // From now on SendAsync answers at once; whatever was queued before gets its answer here.
            _finished = true;
            while (_commands.TryDequeue(out var late)) late.reply.TrySetResult(RunAnswer.Refused("the run has ended"));
            _say($"t={ScenarioSeconds:F1}s stopping every node (seeds first, so their final peer lists are traced before peers leave)");
            _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.RunEnded, default));
            StopEverything();
            wall.Stop();
            return Summarize(wall.Elapsed);
        }
        finally
        {
            _finished = true;
            StopEverything();
        }
    }

    private void Loop()
    {
        double lastProgress = 0, lastMemory = 0, lastNarration = 0, lastWatch = double.NegativeInfinity, lastLinkLook = 0;
        // Everything planned before the end happens, however late the loop comes to it (a slow engine): a fault is never dropped.
        while ((_o.UntilQuit || Elapsed < LoopEnd || _timeline.Any(x => x.at < LoopEnd)) && !_quit)
        {
            double t = Elapsed;
            while (_commands.TryDequeue(out var c))
            {
                _dueAt = t;
                // A node that cannot start again (its port taken meanwhile) fails the command, not the run.
                try { c.reply.TrySetResult(Carry(c.command)); }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException
                    or InvalidOperationException or TimeoutException)
                {
                    c.reply.TrySetResult(RunAnswer.Refused($"{c.command.Name} failed: {ex.Message}"));
                }
            }
            RunDue(t);
            NoteListening();
            if (_linkingPeers.Count > 0 && t - lastLinkLook >= LinkLookSeconds) { NoteLinked(lastLinkLook); lastLinkLook = t; }
            if (t - lastMemory >= 2) { SampleMemory(); lastMemory = t; }
            if (_o.Watch is { } watch && t - lastWatch >= watch.EverySeconds) { Watch(watch); lastWatch = t; }
            if (!_o.Quiet && t - lastProgress >= 5) { _say(Progress(t)); lastProgress = t; }
            if (_narration != null && t - lastNarration >= LiveNarration.Interval.TotalSeconds)
            {
                _narration.Poll(UnixNow(), _launcherEvents);
                lastNarration = t;
            }
            double next = Math.Min(NextPlanned(), lastMemory + 2);
            if (_o.Watch is { } w) next = Math.Min(next, lastWatch + w.EverySeconds);
            if (!_o.Quiet) next = Math.Min(next, lastProgress + 5);
            if (_narration != null) next = Math.Min(next, lastNarration + LiveNarration.Interval.TotalSeconds);
            if (_linkingPeers.Count > 0) next = Math.Min(next, lastLinkLook + LinkLookSeconds);
            WaitUntil(next);
        }
    }

    /// <summary>How long past the planned end a fault waiting for its trigger is still waited for. Under load a container or node
    /// process may take many seconds to start, and a crash that waits for every peer to link was once looked for until the planned
    /// end and then dropped without a word (MyLab on Docker in CI: its check said no peer crashed).</summary>
    public const double TriggerWaitPastEndSeconds = 120;

    /// <summary>Where the loop ends: the run's end, or while a fault waits for its trigger or a peer started has not listened yet, up to
    /// <see cref="TriggerWaitPastEndSeconds"/> past the planned end (once the fault is applied or the peer listens, <see cref="Applied"/>
    /// or <see cref="NoteListening"/> moves the run's end after it).</summary>
    private double LoopEnd => _faults.AnyWaiting || _startingPeers.Count > 0
        ? Math.Max(_duration, _plannedDuration + TriggerWaitPastEndSeconds) : _duration;

    /// <summary>When the earliest planned action is due (infinity when none is left).</summary>
    private double NextPlanned()
    {
        double next = double.PositiveInfinity;
        foreach (var x in _timeline) next = Math.Min(next, x.at);
        return next;
    }

    /// <summary>Sleeps until <paramref name="t"/> (scenario seconds) or until a command arrives; the run's end is a due moment
    /// too, so a run without manager commands ends on time.</summary>
    private void WaitUntil(double t)
    {
        if (!_o.UntilQuit) t = Math.Min(t, LoopEnd);
        double wait = t - Elapsed;
        if (wait <= 0) return;
        if (_wake.Wait(TimeSpan.FromSeconds(Math.Min(wait, 60)))) while (_wake.CurrentCount > 0 && _wake.Wait(0)) { }
    }

    private void Schedule(double at, Action action) => _timeline.Add((at, _timeline.Count, action));

    /// <summary>The run's end as last said by <see cref="StartedLate"/>.</summary>
    private double _saidEnd;

    /// <summary>Peers started and not yet listening, with the scenario second each was due.</summary>
    private readonly List<(IRealNode life, double due)> _startingPeers = new();

    /// <summary>
    /// A peer started, or listened, <paramref name="lateSeconds"/> after its time (a loaded machine, a slow launcher, a loop busy with a
    /// manager's command: on a bed under CI's five lanes the peers still created messages past the planned end, and the run ended
    /// before every seed listed them; under four lanes a peer's process due at 8 s listened at 18 s, and a run of 9 peers measured 40
    /// hops where it planned over 300). The end moves as for a late fault (<see cref="MoveEnd"/>), so each peer keeps the time the
    /// scenario planned after it is up to join and gossip; said when it moves a second or more past what was last said.
    /// </summary>
    private void StartedLate(double lateSeconds, string what)
    {
        if (!MoveEnd(lateSeconds) || _duration - Math.Max(_saidEnd, _plannedDuration) < 1) return;
        _saidEnd = _duration;
        _say($"t={ScenarioSeconds:F1}s a peer {what} {lateSeconds:F1} s after its time (the machine or the runtime was busy): the run "
            + $"ends at {_duration - _startup:F0} s, so each peer keeps the time planned after its start");
    }

    /// <summary>Each peer that has listened since the last look: the end keeps the time planned after that moment (a launcher that
    /// cannot tell when a node listens, as a container's, leaves its spawn as its start).</summary>
    private void NoteListening()
    {
        for (int i = _startingPeers.Count - 1; i >= 0; i--)
        {
            var (life, due) = _startingPeers[i];
            if (life.ReadyAtUtc is { } at)
                StartedLate((at - DateTime.UnixEpoch - _t0).TotalSeconds - _startup - due, "was listening");
            else if (!life.HasExited) continue;
            _startingPeers.RemoveAt(i);
        }
    }

    /// <summary>Peers started and not yet linked, with the scenario second each was due.</summary>
    private readonly List<(IRealNode life, double due)> _linkingPeers = new();

    /// <summary>How often the run looks whether its peers started have linked (each look reads a status a peer).</summary>
    private const double LinkLookSeconds = 0.5;

    /// <summary>
    /// Each peer that has linked since the last look (at <paramref name="lastLook"/>, seconds since the start): the end keeps the time
    /// planned after its link, as after a late start (<see cref="StartedLate"/>). The plan (<see cref="ScenarioConfig.DurationOf"/>)
    /// gives the last peer to join its link timeout to link; a peer is late by what it took past its own start and that timeout,
    /// counted to the last look that did not see it linked, so never more than it was. On a bed under CI's five lanes the peers
    /// listened on time and linked 8 s later, gossip began 31.5 s in, and the run ended 6 s after it, where it planned 16 s (one
    /// message of 50 could be followed). A peer that crashed or left before it linked is dropped. A link after the planned end is
    /// not waited for: a peer that never links (its seeds crashed) would hold the run.
    /// </summary>
    private void NoteLinked(double lastLook)
    {
        for (int i = _linkingPeers.Count - 1; i >= 0; i--)
        {
            var (life, due) = _linkingPeers[i];
            if (life.HasExited) { _linkingPeers.RemoveAt(i); continue; }
            if (life.Snapshot() is not { Registered: true, Degree: > 0 }) continue;
            StartedLate(lastLook - _startup - due - _linkAllowance, "linked");
            _linkingPeers.RemoveAt(i);
        }
    }

    /// <summary>Everything due by <paramref name="t"/>, earliest first, in the order planned however late the loop comes to them; a
    /// follow-up counts from when its fault was in place (<see cref="After"/>).</summary>
    private void RunDue(double t)
    {
        while (true)
        {
            int best = -1;
            for (int i = 0; i < _timeline.Count; i++)
                if (_timeline[i].at <= t && (best < 0 || (_timeline[i].at,
                    _timeline[i].order).CompareTo((_timeline[best].at, _timeline[best].order)) < 0)) best = i;
            if (best < 0) return;
            var due = _timeline[best];
            _timeline.RemoveAt(best);
            _dueAt = due.at;
            due.action();
        }
    }

    private IEnumerable<Slot> Slots => _seeds.Concat(_peers);

    private void SampleMemory()
    {
        foreach (var slot in Slots)
        {
            // WorkingSet is 0 for a node that has exited; asking HasExited first would cost a container run a `docker ps` a node.
            if (slot.Life is not { } life) continue;
            long ws = life.WorkingSet();
            if (ws > _peakMemory.GetValueOrDefault(slot.Node)) _peakMemory[slot.Node] = ws;
        }
    }

    /// <summary>Hands the watcher every running node with its process (a soak reads each one's /proc).</summary>
    private void Watch(NodeWatch watch) =>
        watch.Sample(ScenarioSeconds, Slots.Where(x => State(x) == NodeState.Running)
            .Select(x => new WatchedNode(x.Node, x.Life!.Address.ToString(), x.Life.ProcessId)).ToList());

    private string Progress(double t)
    {
        var peers = _peers.Where(p => State(p) == NodeState.Running).Select(p => p.Life!.Snapshot()).ToList();
        var known = peers.OfType<NodeSnapshot>().ToList();
        var seedLists = _seeds.Where(sd => State(sd) == NodeState.Running).Select(sd => sd.Life!.Snapshot())
            .OfType<NodeSnapshot>().Select(x => x.Members);
        string planned = _o.UntilQuit ? " s (until quit)" : $"/{_duration - _startup:F0} s";
        return $"  t {t - _startup,6:F1}{planned}  peers up {peers.Count,4}  registered {known.Count(p => p.Registered),4}  "
            + $"links {known.Sum(p => p.Degree) / 2,5}  seeds' lists [{string.Join(", ", seedLists)}]  gossip copies received (duplicates "
            + $"included) {known.Sum(p => p.GossipReceived),8:N0}";
    }

    /// <summary>Seeds first (their final lists are traced), then peers, then the network's helpers. Safe to call twice.</summary>
    private void StopEverything()
    {
        if (_stopped) return;
        _stopped = true;
        foreach (var group in new[] { _seeds.ToArray(), _peers.ToArray() })
        {
            var running = group.Where(x => x.Life is { HasExited: false }).Select(x => x.Life!).ToList();
            foreach (var n in running) n.BeginStop();
            foreach (var n in running) n.WaitStopped(TimeSpan.FromSeconds(5));
        }
        _network.Stop();
        _launcher.Dispose();
        ChildProcesses.KillAll();
    }

    private RunResult Summarize(TimeSpan wall)
    {
        // A run the manager quit ended then (before its plan, or long after it under up): the checks judge the run that happened.
        double runEnd = _quit ? _endedSeconds : _duration - _startup;
        var nodes = RealResults.Gather(_s, _nodesDir, _launcherEvents, _outDir, _t0 + TimeSpan.FromSeconds(_startup), runEnd, _places);
        var perNode = _peakMemory.Values.Where(v => v > 0).ToList();
        var summary = RunSummaries.Of(_s, _launcher.Runtime, _seed, nodes.Stats, nodes.Checks, wall, nodes.Events, nodes.Events,
            peakWorkingSetPerNodeBytes: perNode.Count > 0 ? perNode.Max() : null);
        var extra = new Dictionary<string, object>
        {
            ["timeOriginUnixSeconds"] = Math.Round(_t0.TotalSeconds + _startup, 3),
            ["victims"] = _faults.Victims.Select(v => v.ToString()).ToList(),
            ["faultsNotApplied"] = _faults.NotApplied(_schedule).Concat(_faults.WaitingForTrigger).Select(f => f.PlanLine()).ToList(),
        };
        if (perNode.Count > 0)
        {
            extra["nodeProcesses"] = Slots.Count(x => x.Life != null);
            extra["meanPeakWorkingSetPerNodeBytes"] = (long)perNode.Average();
            extra["maxPeakWorkingSetPerNodeBytes"] = perNode.Max();
        }
        _launcher.AddExtra(extra);
        _network.AddExtra(extra);
        summary.Extra = extra;
        return new RunResult(summary, nodes.Stats, _outDir);
    }
}
