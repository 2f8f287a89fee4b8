using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Model;
using GossipSim.Dashboard.Runs;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Events;

/// <summary>
/// The event stream of a live real run: the nodes' own trace files, plus what only the
/// launcher knows. A node killed with SIGKILL writes nothing more, so its crash is taken from
/// the manager: at once when the kill came through the manager, else from the launcher's
/// <c>list</c> (asked every second) showing it DOWN. The launcher's exact crash times are in
/// the results' merged trace; here a scheduled crash shows up to about a second late.
/// </summary>
public sealed class LiveRunSource
{
    /// <summary>How long a line may take to reach its file after its time stamp (see <see cref="NodeTraceTailer"/>).</summary>
    public static readonly TimeSpan HoldBack = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan ListInterval = TimeSpan.FromSeconds(1);

    private readonly NodeTraceTailer _tailer;
    private readonly HashSet<NodeAddress> _seeds = new();
    private readonly HashSet<(NodeAddress, double?)> _crashesSent = new();
    private readonly List<TraceEvent> _synthesised = new();
    private readonly object _synthLock = new();
    private Task<ManagerAnswer>? _list;
    private TimeSpan _lastList;
    private bool _endSent;

    public LiveRunSource(ILiveRealRun control)
    {
        Control = control;
        _tailer = new NodeTraceTailer(control.NodesDirectory, HoldBack);
    }

    public ILiveRealRun Control { get; }
    public int Files => _tailer.Files;

    public static TimeSpan UnixNow() => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);

    /// <summary>Events to apply now, in time order; <paramref name="view"/> is the network as applied so far.</summary>
    public List<TraceEvent> Poll(NetworkView view)
    {
        var now = UnixNow();
        bool finished = Control.Finished;
        var read = _tailer.Poll(now, flush: finished);
        var events = new List<TraceEvent>(read.Count + 4);
        foreach (var e in read)
        {
            // Seeds started in this same batch are not in the view yet: read their role as the fold does.
            if (e.Kind == TraceKind.NodeStarted && TraceFold.RoleStarted(e) == NodeRole.Seed) _seeds.Add(e.Node);
            // The launcher stops the seeds first when the run ends; a seed never leaves otherwise.
            if (!_endSent && e.Kind == TraceKind.NodeStopped && _seeds.Contains(e.Node))
            {
                events.Add(new TraceEvent(e.Time, TraceKind.RunEnded, default));
                _endSent = true;
            }
            events.Add(e);
        }
        var stamp = now - HoldBack;
        lock (_synthLock)
        {
            foreach (var s in _synthesised) events.Add(s with { Time = stamp });
            _synthesised.Clear();
        }
        if (!_endSent && !finished) CheckList(view, events, now, stamp);
        if (finished && !_endSent)
        {
            events.Add(new TraceEvent(stamp, TraceKind.RunEnded, default));
            _endSent = true;
        }
        return events;
    }

    private void CheckList(NetworkView view, List<TraceEvent> events, TimeSpan now, TimeSpan stamp)
    {
        if (_list is { IsCompleted: true } done)
        {
            _list = null;
            if (done.IsCompletedSuccessfully)
            {
                foreach (var node in done.Result.Nodes)
                    if (!node.Up && node.Address.Port != 0 && Crash(view, node.Address, node.Role) is { } crash)
                        events.Add(crash with { Time = stamp });
            }
        }
        if (_list == null && now - _lastList >= ListInterval)
        {
            _lastList = now;
            _list = Control.SendAsync("list");
        }
    }

    /// <summary>A crash event for a node the view still shows running, once per life of the node.</summary>
    private TraceEvent? Crash(NetworkView view, NodeAddress address, string role)
    {
        var node = view.Find(address);
        if (node is not { Started: true, Condition: NodeCondition.Up }) return null;
        if (!_crashesSent.Add((address, node.StartedAt))) return null;
        return new TraceEvent(default, TraceKind.CrashInjected, address, A: node.Links.Count, Detail: role);
    }

    /// <summary>
    /// Learns from a manager command's answer: a kill is a crash now (no need to wait for
    /// <c>list</c>). Thread-safe; the event is handed out by the next <see cref="Poll"/>.
    /// </summary>
    public void OnAnswer(ManagerAnswer answer, NetworkView view)
    {
        if (answer.Verb != "kill" || !answer.Done) return;
        foreach (var node in answer.Nodes)
            if (Crash(view, node.Address, node.Role) is { } crash)
                lock (_synthLock) _synthesised.Add(crash);
    }
}
