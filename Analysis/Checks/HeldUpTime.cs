namespace GossipSim.Analysis.Checks;

/// <summary>
/// The wall time during which some real node was held up by its machine (a <c>held-up</c> trace line: a timer taken this late,
/// so the node ran nothing in the time before it). A bound the protocol keeps in its own time is kept on the wall clock that much
/// later: <see cref="Within"/> gives how much more a window needs, counting each held-up moment once however many nodes it held.
/// The simulator traces none, so its bounds never move.
/// </summary>
public sealed class HeldUpTime
{
    private readonly List<(double From, double To)> _spans = new();
    private bool _sorted = true; // by From, for Overlap's one pass (a soak judges many crashes against thousands of spans)

    /// <summary>A node's timer was taken at <paramref name="atSeconds"/>, <paramref name="lateSeconds"/> after it was due.</summary>
    public void Add(double atSeconds, double lateSeconds)
    {
        if (!(lateSeconds > 0)) return;
        _sorted = _sorted && (_spans.Count == 0 || _spans[^1].From <= atSeconds - lateSeconds);
        _spans.Add((atSeconds - lateSeconds, atSeconds));
    }

    /// <summary>
    /// How much held-up time a window of <paramref name="lengthSeconds"/> from <paramref name="startSeconds"/> must be extended by:
    /// the held-up time in the window, the window grown by it, until the time in it stays the same (the growth can take in more).
    /// </summary>
    public double Within(double startSeconds, double lengthSeconds)
    {
        if (_spans.Count == 0) return 0;
        double extra = 0;
        for (int i = 0; i < 64; i++)
        {
            double next = Overlap(startSeconds, startSeconds + lengthSeconds + extra);
            if (next <= extra) return extra;
            extra = next;
        }
        return extra;
    }

    /// <summary>The held-up time within [<paramref name="from"/>, <paramref name="to"/>], each moment once.</summary>
    public double In(double from, double to) => Overlap(from, to);

    /// <summary>The length of the spans' union within [from, to].</summary>
    private double Overlap(double from, double to)
    {
        if (!_sorted) { _spans.Sort((x, y) => x.From.CompareTo(y.From)); _sorted = true; }
        double total = 0, reached = from;
        foreach (var (a, b) in _spans)
        {
            if (a >= to) break;
            if (b <= from) continue;
            double lo = Math.Max(a, reached), hi = Math.Min(b, to);
            if (hi > lo) { total += hi - lo; reached = hi; }
        }
        return total;
    }
}
