namespace GossipSim.Scenarios.Run.Narration;

/// <summary>One line the manager prints about the network, at the time of the event it tells.</summary>
public readonly record struct NarrationLine(TimeSpan At, string Text);

/// <summary>A kind of narration line, as the summary of held lines counts them: "1 more suspicion", "40 more suspicions".</summary>
public sealed record NarrationKind(string One, string Many)
{
    public string Count(int n) => $"{n} more {(n == 1 ? One : Many)}";
}

/// <summary>
/// How many narration lines of one kind a large network may print: in each window of
/// <see cref="Window"/> (event time, from the first line of that kind), the first
/// <see cref="LinesPerWindow"/> are shown and the rest counted; when the window closes, one line
/// says how many were held ("... and 40 more suspicions in the last 5 s"). Pure: the caller
/// hands it the times, so the same events always give the same lines.
/// </summary>
public sealed class NarrationLimit(int linesPerWindow, TimeSpan window)
{
    private sealed class Window(NarrationKind kind, TimeSpan start)
    {
        public readonly NarrationKind Kind = kind;
        public readonly TimeSpan Start = start;
        public int Shown, Held;
    }

    private readonly List<Window> _open = new();

    public int LinesPerWindow => linesPerWindow;
    public TimeSpan WindowLength => window;

    /// <summary>
    /// Whether a line of <paramref name="kind"/> at <paramref name="at"/> is shown. Summaries of windows that closed by then go into
    /// <paramref name="closed"/> first.
    /// </summary>
    public bool Admit(NarrationKind kind, TimeSpan at, List<NarrationLine> closed)
    {
        Close(at, closed);
        var open = _open.Find(w => w.Kind == kind);
        if (open == null) _open.Add(open = new Window(kind, at));
        if (open.Shown < linesPerWindow)
        {
            open.Shown++;
            return true;
        }
        open.Held++;
        return false;
    }

    /// <summary>The summaries of the windows that closed by <paramref name="now"/>, in the order they closed.</summary>
    public void Close(TimeSpan now, List<NarrationLine> closed)
    {
        foreach (var w in _open.Where(w => w.Start + window <= now).OrderBy(w => w.Start).ToList())
        {
            _open.Remove(w);
            if (w.Held > 0)
                closed.Add(new NarrationLine(w.Start + window, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"... and {w.Kind.Count(w.Held)} in the last {window.TotalSeconds:0.#} s")));
        }
    }
}
