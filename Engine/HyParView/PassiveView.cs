using GossipSim.Engine.Core;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>
/// What a peer running HyParView keeps beside its links (the active view, which is the peer's neighbour table): the passive view,
/// peers known and not linked, from which a lost link is replaced; the entries of the SHUFFLE it awaits an answer to; its counts.
/// Each entry's coming and going is traced (<see cref="EdgeMode.Passive"/>, <see cref="EdgeMode.None"/>) for the dashboard. Made only
/// for a peer that runs HyParView, as its overlay's state (<see cref="HyParViewOverlay"/>). The decisions are <see cref="HyParViewRules"/>.
/// </summary>
internal sealed class PassiveView : OverlayPeerState
{
    private readonly List<NodeAddress> _entries = new();
    private NodeAddress[]? _sentAway; // the awaited SHUFFLE's entries: the first dropped to make room for its answer's (null: none awaited)

    public int Count => _entries.Count;
    public IReadOnlyList<NodeAddress> Entries => _entries;
    public bool Contains(NodeAddress a) => _entries.Contains(a);
    public bool ShuffleArmed { get; set; }
    private List<NodeAddress>? _oneTries; // asked to replace a dropped link: a refusal is not retried down the view

    /// <summary>A request to <paramref name="target"/> replaces a dropped link: tried once.</summary>
    public void OneTry(NodeAddress target) => (_oneTries ??= new List<NodeAddress>(1)).Add(target);

    /// <summary>The answer (or the timeout) of a request to <paramref name="target"/> came: whether it was a dropped link's one try.</summary>
    public bool EndOneTry(NodeAddress target)
    {
        if (_oneTries == null || !_oneTries.Remove(target)) return false;
        if (_oneTries.Count == 0) _oneTries = null;
        return true;
    }

    private List<NodeAddress>? _walkAsks; // asked to link at a FORWARDJOIN's end (on the walk's word, not this peer's draw): the newest

    /// <summary>Walk ends' requests remembered at most (their answers come within a link timeout; a peer has few out).</summary>
    private const int WalkAsksKept = 32;

    /// <summary>This peer asked <paramref name="target"/> to link because a FORWARDJOIN ended here.</summary>
    public void WalkAsked(NodeAddress target)
    {
        _walkAsks ??= new List<NodeAddress>(1);
        if (_walkAsks.Count == WalkAsksKept) _walkAsks.RemoveAt(0);
        _walkAsks.Add(target);
    }

    /// <summary>The answer of <paramref name="target"/> came: whether this peer had asked it at a walk's end.</summary>
    public bool EndWalkAsk(NodeAddress target) => _walkAsks?.Remove(target) == true;

    /// <summary>The asker whose JOIN is being admitted, until its link is up (its FORWARDJOIN walks start then).</summary>
    public NodeAddress? Joining { get; set; }

    /// <summary>Of the answer being handled: whether it ended a dropped link's one try, and whether this peer chose the link (not a
    /// walk's end).</summary>
    public bool LastAnswerOneTry { get; set; }

    /// <inheritdoc cref="LastAnswerOneTry"/>
    public bool LastAnswerChosen { get; set; } = true;

    /// <summary>The contact of this peer's last JOIN (while that request is out, the peer is still joining).</summary>
    public NodeAddress? JoinContact { get; set; }

    /// <summary>The next list from the seeds gives a contact to JOIN through although this peer holds links: it rejoined, or stayed
    /// thinly linked (<see cref="HyParViewRules.JoinsAgain"/>).</summary>
    public bool JoinWanted { get; set; }

    /// <summary>A neighbour this peer dropped at a failed send that the seeds then found alive: the path to it failed, so the links
    /// this peer made instead may hold it and others on one side of a cut; it JOINs again through that one (<see cref="RejoinTicks"/>).</summary>
    public NodeAddress? RejoinThrough { get; set; }

    /// <summary>Shuffle ticks since <see cref="RejoinThrough"/> was set: the JOIN through it goes at the 1st, 2nd, 4th, 8th...
    /// (<see cref="HyParViewRules.JoinsAgain"/>) until it links.</summary>
    public int RejoinTicks { get; set; }

    /// <summary>Shuffle ticks in a row at which this peer was thinly linked (<see cref="HyParViewRules.WantsPeriodicPromotion"/>).</summary>
    public int ThinTicks { get; set; }

    /// <summary>FORWARDJOINs sent (started as a contact, or passed on).</summary>
    public long JoinsForwarded { get; private set; }
    /// <summary>SHUFFLEs started.</summary>
    public long ShufflesStarted { get; private set; }
    /// <summary>NEIGHBOR requests sent to passive peers (a lost link replaced, or room in the active view).</summary>
    public long PromotionsAsked { get; private set; }
    /// <summary>Of those, refused (low priority at a full active view).</summary>
    public long PromotionsRefused { get; private set; }
    /// <summary>Links dropped to make room for a JOIN, a FORWARDJOIN's end or an urgent request.</summary>
    public long LinksDropped { get; private set; }

    /// <summary>JOINs, FORWARDJOINs and SHUFFLEs dropped because their sender's budget was spent (<see cref="WalkBudgets"/>).</summary>
    public long WalksRefused => _budgets?.Refused ?? 0;

    private WalkBudgets? _budgets; // made at the first JOIN, FORWARDJOIN or SHUFFLE taken

    /// <summary>Takes one from <paramref name="sender"/>'s budget of walks: false when it is spent.</summary>
    public bool TakeWalk(NodeAddress sender, TimeSpan now, int perInterval, TimeSpan interval) =>
        (_budgets ??= new WalkBudgets(perInterval, interval)).Take(sender, now);

    public void CountJoinForwarded() => JoinsForwarded++;
    public void CountPromotion() => PromotionsAsked++;
    public void CountRefusal() => PromotionsRefused++;
    public void CountDrop() => LinksDropped++;

    /// <summary>Adds <paramref name="a"/> unless it is this peer or already held, dropping an entry when the view is full: one of
    /// <paramref name="dropFirst"/> if held, else a random one (<see cref="HyParViewRules.EntryToDrop"/>).</summary>
    public void Add(OverlayContext ctx, NodeAddress self, NodeAddress a, int capacity, IReadOnlyCollection<NodeAddress>? dropFirst = null)
    {
        if (a == self || _entries.Contains(a)) return;
        if (_entries.Count >= capacity) RemoveAt(ctx, self, HyParViewRules.EntryToDrop(_entries, dropFirst, ctx.Random));
        _entries.Add(a);
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.EdgeModeChanged, self, a, A: (long)EdgeMode.Passive));
    }

    public bool Remove(OverlayContext ctx, NodeAddress self, NodeAddress a)
    {
        int at = _entries.IndexOf(a);
        if (at < 0) return false;
        RemoveAt(ctx, self, at);
        return true;
    }

    private void RemoveAt(OverlayContext ctx, NodeAddress self, int at)
    {
        var gone = _entries[at];
        _entries[at] = _entries[^1];
        _entries.RemoveAt(_entries.Count - 1);
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.EdgeModeChanged, self, gone, A: (long)EdgeMode.None));
    }

    /// <summary>A random entry not <paramref name="excluded"/>; null when there is none.</summary>
    public NodeAddress? Pick(Rng rng, Func<NodeAddress, bool> excluded)
    {
        var sample = Sample(1, rng, excluded);
        return sample.Length == 0 ? null : sample[0];
    }

    /// <summary>Up to <paramref name="count"/> distinct random entries not <paramref name="excluded"/>.</summary>
    public NodeAddress[] Sample(int count, Rng rng, Func<NodeAddress, bool>? excluded = null)
    {
        // The candidates on the stack: a sample is taken at every SHUFFLE and its answer (millions at 10^6 peers), and a list
        // made for each was a large part of HyParView's allocation (docs/performance.md).
        Span<NodeAddress> candidates = _entries.Count <= MaxOnStack ? stackalloc NodeAddress[_entries.Count] : new NodeAddress[_entries.Count];
        int c = 0;
        foreach (var a in _entries)
            if (excluded == null || !excluded(a)) candidates[c++] = a;
        return TakeRandom(candidates[..c], count, rng);
    }

    /// <summary>Views up to this size are sampled on the stack.</summary>
    internal const int MaxOnStack = 64;

    /// <summary>Up to <paramref name="count"/> distinct entries of <paramref name="candidates"/> (reordered in place), uniformly.</summary>
    public static NodeAddress[] TakeRandom(Span<NodeAddress> candidates, int count, Rng rng)
    {
        int n = Math.Min(count, candidates.Length);
        for (int i = 0; i < n; i++)
        {
            int j = i + rng.NextInt(candidates.Length - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        return candidates[..n].ToArray();
    }

    /// <summary>A SHUFFLE went out with <paramref name="entries"/>: their answer's entries may take their places.</summary>
    public void ShuffleSent(NodeAddress[] entries)
    {
        _sentAway = entries;
        ShufflesStarted++;
    }

    /// <summary>The entries of the SHUFFLE awaited, taken once (an answer nobody awaits is ignored).</summary>
    public NodeAddress[]? TakeSentAway()
    {
        var sent = _sentAway;
        _sentAway = null;
        return sent;
    }

    /// <summary>Keeps what a SHUFFLE or its answer brought (not this peer, not a link: <paramref name="linked"/>), making room from
    /// <paramref name="sentAway"/> first.</summary>
    public void Integrate(OverlayContext ctx, NodeAddress self, NodeAddress[] received, Func<NodeAddress, bool> linked, int capacity,
        NodeAddress[]? sentAway)
    {
        foreach (var a in received)
            if (!linked(a)) Add(ctx, self, a, capacity, sentAway);
    }
}
