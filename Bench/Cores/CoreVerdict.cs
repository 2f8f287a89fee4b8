namespace GossipSim.Bench.Cores;

/// <summary>
/// What a set of measured core speeds allows a program run on all of them (a pure function of
/// the rates, table-tested). Speeds are relative to the fastest core alone. A job that divides
/// freely among threads gains at most the sum of the cores' speeds together; one cut into equal
/// parts, one a core, that waits for every part (the simulator's time windows) gains at most the
/// core count times the slowest.
/// </summary>
public static class CoreVerdict
{
    /// <summary>Below this, a core is said to be slower than the fastest: below the spread alike, quiet cores show from one
    /// 1-second measurement to the next (about 0.9 at worst).</summary>
    public const double EvenAbove = 0.85;

    public readonly record struct Figures(double[] AloneRelative, double[] TogetherRelative, double DivisibleBound, double EqualPartsBound,
        bool Even, string Words);

    public static Figures Of(IReadOnlyList<int> cores, IReadOnlyList<double> alone, IReadOnlyList<double> together)
    {
        if (cores.Count == 0 || alone.Count != cores.Count || together.Count != cores.Count)
            throw new ArgumentException("one rate alone and one together for each core");
        double fastest = alone.Max();
        if (!(fastest > 0)) throw new ArgumentException("no core did any work");
        var a = alone.Select(r => Math.Round(r / fastest, 3)).ToArray();
        var t = together.Select(r => Math.Round(r / fastest, 3)).ToArray();
        double divisible = Math.Round(together.Sum() / fastest, 2);
        double equalParts = Math.Round(cores.Count * together.Min() / fastest, 2);
        bool even = a.Min() >= EvenAbove && t.Min() >= EvenAbove;
        string words;
        if (cores.Count == 1) words = "one core: nothing to compare";
        else if (even) words = $"the {cores.Count} cores run alike (each at {EvenAbove:0.##} or more of the fastest, alone and together)";
        else
        {
            var slow = Enumerable.Range(0, cores.Count).Where(i => a[i] < EvenAbove || t[i] < EvenAbove)
                .Select(i => $"core {cores[i]} at {a[i]:0.00} alone, {t[i]:0.00} together");
            words = $"not every core runs at the fastest one's speed ({string.Join("; ", slow)}, of the fastest alone; other work on the machine counts too): {cores.Count} threads gain at most "
                + $"{divisible:0.00}x over one on work that divides freely, {equalParts:0.00}x on equal parts that wait for each other";
        }
        return new Figures(a, t, divisible, equalParts, even, words);
    }
}
