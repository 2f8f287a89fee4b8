namespace GossipSim.Scenarios.Run.Narration;

/// <summary>One line the manager prints about the network, at the time of the event it tells.</summary>
public readonly record struct Narration(TimeSpan At, string Text);

/// <summary>
/// How many narration lines of one kind a large network may print: in each window of
/// <see cref="Window"/> (event time, from the first line of that kind), the first
/// <see cref="LinesPerWindow"/> are shown and the rest counted; when the window closes, one line
/// says how many were held ("... and 40 more suspicions in the last 5 s"). Pure: the caller
/// hands it the times, so the same events always give the same lines.
/// </summary>
public sealed class NarrationLimit(int linesPerWindow, TimeSpan window)
{
    private sealed class Kind(string plural, TimeSpan start)
    {
        public readonly string Plural = plural;
        public readonly TimeSpan Start = start;
        public int Shown, Held;
    }

    private readonly List<Kind> _open = new();

    public int LinesPerWindow => linesPerWindow;
    public TimeSpan Window => window;

    /// <summary>
    /// Whether a line of the kind <paramref name="plural"/> (the word the held-lines summary uses: "suspicions") at
    /// <paramref name="at"/> is shown. Summaries of windows that closed by then go into <paramref name="closed"/> first.
    /// </summary>
    public bool Admit(string plural, TimeSpan at, List<Narration> closed)
    {
        Close(at, closed);
        var kind = _open.Find(k => k.Plural == plural);
        if (kind == null) _open.Add(kind = new Kind(plural, at));
        if (kind.Shown < linesPerWindow)
        {
            kind.Shown++;
            return true;
        }
        kind.Held++;
        return false;
    }

    /// <summary>The summaries of the windows that closed by <paramref name="now"/>, in the order they closed.</summary>
    public void Close(TimeSpan now, List<Narration> closed)
    {
        foreach (var kind in _open.Where(k => k.Start + window <= now).OrderBy(k => k.Start).ToList())
        {
            _open.Remove(kind);
            if (kind.Held > 0)
                closed.Add(new Narration(kind.Start + window, $"... and {kind.Held} more {kind.Plural} in the last "
                    + $"{window.TotalSeconds:0.#} s"));
        }
    }
}
