using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Scenarios.Run.Narration;

/// <summary>
/// What the manager tells the operator about the network while it runs: trace events in time
/// order in, one line per event worth a line out: a peer joined, a peer suspects another,
/// reports it dead, a seed removed it (and when every seed that listed it has), a live peer
/// rejoined, a peer left or failed to register, and the overlay healed after a crash (every
/// peer linked to the crashed one has made a new link). What a node is (role, life, links,
/// which seeds list it) is the run's <see cref="TraceFold"/>, fed the same events; this keeps
/// only what a line needs beyond it. The runtime's own events (a crash, a restart, a partition)
/// give no line: the fault interpreter says each as it applies it. Lines of one kind are
/// rate-limited (<see cref="NarrationLimit"/>), so a large network does not flood the terminal.
/// Pure: no clock, no I/O.
/// </summary>
public sealed class RunNarrator
{
    public const int LinesPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>After a crash: the live peers linked to the crashed one, until each has lost that link and made a new one.</summary>
    private sealed class HealWatch(NodeAddress crashed, TimeSpan at, HashSet<NodeAddress> waiting)
    {
        public readonly NodeAddress Crashed = crashed;
        public readonly TimeSpan At = at;
        public readonly HashSet<NodeAddress> Waiting = waiting;
        public readonly HashSet<NodeAddress> Lost = new();
        public int Relinked;
    }

    private readonly NarrationLimit _limit;
    private readonly Dictionary<NodeAddress, int> _removedBy = new();
    private readonly List<HealWatch> _heals = new();

    public RunNarrator(int linesPerWindow = LinesPerWindow, TimeSpan? window = null)
    {
        _limit = new NarrationLimit(linesPerWindow, window ?? Window);
    }

    /// <summary>The run's nodes as the events so far tell them (links kept: a heal is told by them).</summary>
    public TraceFold Nodes { get; } = new(neighbours: true);

    /// <summary>Folds <paramref name="e"/> in and returns the lines it gives, after those of rate windows that closed before it.</summary>
    public List<Narration> Apply(in TraceEvent e)
    {
        var lines = new List<Narration>();
        _limit.Close(e.Time, lines);
        var subject = Subject(e) is { } a ? Nodes.Find(a) : null;
        var before = (Registered: subject?.Registered ?? false, Ever: subject?.EverRegistered ?? false,
            Listed: subject is null ? 0 : Listers(subject), Life: subject?.Life ?? NodeLife.NotStarted);
        Nodes.Apply(e);
        if (Line(e, before.Registered, before.Ever, before.Listed, before.Life) is { } line && _limit.Admit(line.Plural, e.Time, lines))
            lines.Add(new Narration(e.Time, line.Text));
        Watch(e, lines);
        return lines;
    }

    /// <summary>The summaries of rate windows that closed by <paramref name="now"/> (events' clock), with no new event.</summary>
    public List<Narration> Tick(TimeSpan now)
    {
        var lines = new List<Narration>();
        _limit.Close(now, lines);
        return lines;
    }

    /// <summary>The node whose state a line compares before and after: the one suspected, reported or removed, else the tracer.</summary>
    private static NodeAddress? Subject(in TraceEvent e) => e.Kind switch
    {
        TraceKind.MemberRemoved => e.Peer,
        TraceKind.Registered or TraceKind.NodeStopped => e.Node,
        _ => null,
    };

    private static int Listers(NodeState n) => (int)UInt128.PopCount(n.ListedBy);

    /// <summary>The line an event gives (its text, and the plural its rate-limit summary uses), or null.</summary>
    private (string Text, string Plural)? Line(in TraceEvent e, bool wasRegistered, bool everRegistered, int listedBefore,
        NodeLife lifeBefore)
    {
        switch (e.Kind)
        {
            case TraceKind.Registered when !wasRegistered:
                return ($"{Name(e.Node)} joined{(everRegistered ? " again" : "")}: registered with {Seeds(e.A)}", "joins");
            case TraceKind.RegistrationFailed:
                return ($"{Name(e.Node)} could not register: {e.Detail ?? "no seed accepted it"}", "failed registrations");
            case TraceKind.Suspected:
                return ($"{Name(e.Node)} suspects {Name(e.Peer)}"
                    + (e.A > 0 ? $" and asks {e.A} witness{(e.A == 1 ? "" : "es")}" : ", with no witness to ask"), "suspicions");
            case TraceKind.SuspicionCleared:
                return ($"{Name(e.Node)} no longer suspects {Name(e.Peer)}{(e.Detail != null ? $" ({e.Detail})" : "")}",
                    "cleared suspicions");
            case TraceKind.DeadReported:
                return ($"{Name(e.Node)} reports {Name(e.Peer)} dead to the seeds ({e.A} of {e.B} witnesses agree)", "reports");
            case TraceKind.MemberRemoved:
                return Removal(e, listedBefore);
            case TraceKind.Rejoined:
                return ($"{Name(e.Node)} learnt the seeds had removed it while it was alive, and rejoined", "rejoins");
            case TraceKind.NodeStopped when lifeBefore == NodeLife.Up && Nodes.Find(e.Node) is { Life: NodeLife.Left }:
                return ($"{Name(e.Node)} left", "departures");
            default:
                return null;
        }
    }

    /// <summary>A seed's removal: the first seed to drop the peer, then once no seed lists it, with how many seeds removed it.</summary>
    private (string, string)? Removal(in TraceEvent e, int listedBefore)
    {
        if (Nodes.Find(e.Peer) is not { } peer) return null;
        int listedNow = Listers(peer);
        if (listedNow >= listedBefore) return null; // this seed did not list it (a catch-up): nothing changed
        int by = _removedBy[e.Peer] = _removedBy.GetValueOrDefault(e.Peer) + 1;
        string alive = peer.IsUp ? ", although it is alive (it will rejoin)" : "";
        if (listedNow == 0)
        {
            _removedBy.Remove(e.Peer);
            return (by == 1 ? $"{Name(e.Node)} removed {Name(e.Peer)}{alive}; no other seed listed it"
                : $"{Name(e.Peer)} removed by all {by} seeds that listed it{alive}", "removals");
        }
        return by == 1 ? ($"{Name(e.Node)} removed {Name(e.Peer)}{alive}; {listedNow} more seed{(listedNow == 1 ? "" : "s")} "
            + $"list{(listedNow == 1 ? "s" : "")} it", "removals") : null;
    }

    /// <summary>Follows the overlay around each crashed peer: it has healed when every live peer that was linked to it has lost that
    /// link and made a new one.</summary>
    private void Watch(in TraceEvent e, List<Narration> lines)
    {
        switch (e.Kind)
        {
            case TraceKind.CrashInjected:
            {
                var crashed = e.Node;
                Forget(crashed);
                var linked = Nodes.Nodes.Where(n => n.State is { IsPeer: true, IsUp: true } && n.State.Neighbours!.Contains(crashed))
                    .Select(n => n.Address).ToHashSet();
                if (linked.Count > 0 && Nodes.Find(crashed) is { IsPeer: true }) _heals.Add(new HealWatch(crashed, e.Time, linked));
                break; // it may have been the last one another heal waited for
            }
            case TraceKind.NodeStopped or TraceKind.NodeStarted:
                Forget(e.Node);
                break;
            case TraceKind.LinkDown:
                foreach (var h in _heals)
                    if (h.Crashed == e.Peer && h.Waiting.Contains(e.Node)) h.Lost.Add(e.Node);
                return;
            case TraceKind.LinkUp:
                foreach (var h in _heals)
                {
                    if (h.Crashed == e.Peer || !h.Lost.Remove(e.Node)) continue;
                    h.Waiting.Remove(e.Node);
                    h.Relinked++;
                }
                break;
            default:
                return;
        }
        foreach (var h in _heals.Where(h => h.Waiting.Count == 0).ToList())
        {
            _heals.Remove(h);
            if (h.Relinked > 0 && _limit.Admit("heals", e.Time, lines))
                lines.Add(new Narration(e.Time, $"overlay healed: the {Peers(h.Relinked)} linked to {Name(h.Crashed)} "
                    + $"{(h.Relinked == 1 ? "has" : "have each")} made a new link, {(e.Time - h.At).TotalSeconds:F1} s after it crashed"));
        }
    }

    /// <summary>A node that stops or starts again is no longer waited for, and a crashed one that restarts needs no heal.</summary>
    private void Forget(NodeAddress node)
    {
        _heals.RemoveAll(h => h.Crashed == node);
        foreach (var h in _heals)
        {
            h.Waiting.Remove(node);
            h.Lost.Remove(node);
        }
    }

    private string Name(NodeAddress a) => $"{TraceFold.RoleWord(Nodes.Find(a)?.Role)} {a}";
    private static string Seeds(long n) => n == 1 ? "1 seed" : $"{n} seeds";
    private static string Peers(int n) => n == 1 ? "peer" : $"{n} peers";
}
