namespace GossipSim.Scenarios.Run.Faults;

/// <summary>
/// A network rate (loss, duplication) set by faults that may overlap or touch: a timed window
/// holds its rate until it ends, then the rate is that of the newest window still open, or the
/// lasting rate when none is. So a window that ends just as the next one starts never cancels
/// it (a "back to before" would), and windows nested in time unwind in order. A fault without a
/// duration sets the lasting rate and supersedes every open window.
/// </summary>
public sealed class RateWindows(double lasting)
{
    private readonly List<(int Id, double Rate)> _open = new();
    private int _nextId;

    /// <summary>The rate in force now.</summary>
    public double Current => _open.Count > 0 ? _open[^1].Rate : lasting;

    /// <summary>A window opens at <paramref name="rate"/>; returns its id, to close it by.</summary>
    public int Open(double rate)
    {
        _open.Add((_nextId, rate));
        return _nextId++;
    }

    /// <summary>The window ends (once; a window already superseded ends without effect).</summary>
    public void Close(int id) => _open.RemoveAll(w => w.Id == id);

    /// <summary>A rate from now on: it is the lasting rate, and no open window outlives it.</summary>
    public void SetLasting(double rate)
    {
        lasting = rate;
        _open.Clear();
    }
}
