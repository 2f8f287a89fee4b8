namespace GossipSim.Analysis.Cli;

/// <summary>Progress on stderr (stdout stays clean for --json): a line per tenth of the work.</summary>
public sealed class Progress(int total, string what) : IProgress<int>
{
    private int _lastTenth;

    public void Report(int done)
    {
        int tenth = (int)(10L * done / total);
        int last = _lastTenth;
        if (tenth > last && Interlocked.CompareExchange(ref _lastTenth, tenth, last) == last)
            Line($"{what}: {done:N0}/{total:N0}");
    }

    public static void Line(string text) => Console.Error.WriteLine(text);
}
