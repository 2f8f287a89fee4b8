using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Narration;

/// <summary>
/// What the manager tells the operator about the network while it runs: trace events in time
/// order in, one line per event worth a line out: a peer joined, a peer suspects another,
/// reports it dead, a seed removed it (and when every seed that listed it has), a live peer
/// rejoined, a peer left or failed to register, and the overlay healed after a crash
/// (<see cref="OverlayHeals"/>). What a node is (role, life, links,
/// which seeds list it) is the run's <see cref="TraceFold"/>, fed the same events; this keeps
/// only what a line needs beyond it. The runtime's own events (a crash, a restart, a partition)
/// give no line: the fault interpreter says each as it applies it. Lines of one kind are
/// rate-limited (<see cref="NarrationLimit"/>), so a large network does not flood the terminal.
/// Pure: no clock, no I/O.
/// </summary>
public sealed class RunNarrator
{
    /// <summary>Enough for every peer of a small network to join, or suspect a hub, in lines of their own.</summary>
    public const int LinesPerWindow = 8;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private static readonly NarrationKind Joins = new("join", "joins");
    private static readonly NarrationKind FailedRegistrations = new("failed registration", "failed registrations");
    private static readonly NarrationKind Suspicions = new("suspicion", "suspicions");
    private static readonly NarrationKind ClearedSuspicions = new("cleared suspicion", "cleared suspicions");
    private static readonly NarrationKind Reports = new("report", "reports");
    private static readonly NarrationKind Removals = new("removal", "removals");
    private static readonly NarrationKind Rejoins = new("rejoin", "rejoins");
    private static readonly NarrationKind Departures = new("departure", "departures");
    private static readonly NarrationKind Heals = new("heal", "heals");

    private readonly NarrationLimit _limit;
    private readonly Dictionary<NodeAddress, int> _removedBy = new();
    private readonly OverlayHeals _heals;

    public RunNarrator(int linesPerWindow = LinesPerWindow, TimeSpan? window = null)
    {
        _limit = new NarrationLimit(linesPerWindow, window ?? Window);
        _heals = new OverlayHeals(Nodes);
    }

    /// <summary>The run's nodes as the events so far tell them (links kept: a heal is told by them).</summary>
    public TraceFold Nodes { get; } = new(neighbours: true);

    /// <summary>Folds <paramref name="e"/> in and returns the lines it gives, after those of rate windows that closed before it.</summary>
    public List<NarrationLine> Apply(in TraceEvent e)
    {
        var lines = new List<NarrationLine>();
        _limit.Close(e.Time, lines);
        var subject = Subject(e) is { } a ? Nodes.Find(a) : null;
        var before = (Registered: subject?.Registered ?? false, Ever: subject?.EverRegistered ?? false,
            Listed: subject is null ? 0 : Listers(subject), Life: subject?.Life ?? NodeLife.NotStarted);
        Nodes.Apply(e);
        if (Line(e, before.Registered, before.Ever, before.Listed, before.Life) is { } line && _limit.Admit(line.Kind, e.Time, lines))
            lines.Add(new NarrationLine(e.Time, line.Text));
        foreach (var healed in _heals.After(e))
            if (_limit.Admit(Heals, e.Time, lines)) lines.Add(new NarrationLine(e.Time, healed));
        return lines;
    }

    /// <summary>The summaries of rate windows that closed by <paramref name="now"/> (events' clock), with no new event.</summary>
    public List<NarrationLine> Tick(TimeSpan now)
    {
        var lines = new List<NarrationLine>();
        _limit.Close(now, lines);
        return lines;
    }

    /// <summary>The node whose state a line compares before and after the event: the peer a seed removed, or the one that registered or stopped.</summary>
    private static NodeAddress? Subject(in TraceEvent e) => e.Kind switch
    {
        TraceKind.MemberRemoved => e.Peer,
        TraceKind.Registered or TraceKind.NodeStopped => e.Node,
        _ => null,
    };

    private static int Listers(NodeState n) => (int)UInt128.PopCount(n.ListedBy);

    /// <summary>The line an event gives (its text, and its kind for the rate limit), or null.</summary>
    private (string Text, NarrationKind Kind)? Line(in TraceEvent e, bool wasRegistered, bool everRegistered, int listedBefore,
        NodeLife lifeBefore)
    {
        switch (e.Kind)
        {
            case TraceKind.Registered when !wasRegistered:
                return ($"{Name(e.Node)} joined{(everRegistered ? " again" : "")}: registered with {Seeds(e.A)}", Joins);
            case TraceKind.RegistrationFailed:
                return ($"{Name(e.Node)} could not register: {e.Detail ?? "no seed accepted it"}", FailedRegistrations);
            case TraceKind.Suspected:
                return ($"{Name(e.Node)} suspects {Name(e.Peer)}"
                    + (e.A > 0 ? $" and asks {e.A} witness{(e.A == 1 ? "" : "es")}" : ", with no witness to ask"), Suspicions);
            case TraceKind.SuspicionCleared:
                return ($"{Name(e.Node)} no longer suspects {Name(e.Peer)}{(e.Detail != null ? $" ({e.Detail})" : "")}",
                    ClearedSuspicions);
            case TraceKind.DeadReported:
                return ($"{Name(e.Node)} reports {Name(e.Peer)} dead to the seeds ({e.A} of {e.B} witnesses agree)", Reports);
            case TraceKind.MemberRemoved:
                return Removal(e, listedBefore);
            case TraceKind.Rejoined:
                return ($"{Name(e.Node)} learnt the seeds had removed it while it was alive, and rejoined", Rejoins);
            case TraceKind.NodeStopped when lifeBefore == NodeLife.Up && Nodes.Find(e.Node) is { Life: NodeLife.Left }:
                return ($"{Name(e.Node)} left", Departures);
            default:
                return null;
        }
    }

    /// <summary>A seed's removal: the first seed to drop the peer, then once no seed lists it, with how many seeds removed it.</summary>
    private (string, NarrationKind)? Removal(in TraceEvent e, int listedBefore)
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
                : $"{Name(e.Peer)} removed by all {by} seeds that listed it{alive}", Removals);
        }
        return by == 1 ? ($"{Name(e.Node)} removed {Name(e.Peer)}{alive}; {listedNow} more seed{(listedNow == 1 ? "" : "s")} "
            + $"list{(listedNow == 1 ? "s" : "")} it", Removals) : null;
    }

    private string Name(NodeAddress a) => $"{TraceFold.RoleWord(Nodes.Find(a)?.Role)} {a}";
    private static string Seeds(long n) => n == 1 ? "1 seed" : $"{n} seeds";
}
