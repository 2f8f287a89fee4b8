using GossipSim.Bench.Cores;

namespace GossipSim.Scenarios.Bench;

/// <summary>
/// `bench cores`: how fast each of this machine's cores runs, alone and all together, at work in
/// registers and at reads from memory, and what that allows two or more threads to gain. Run it
/// before comparing thread counts: a virtual machine's core can run at half another's speed for
/// a while (docs/performance.md, the method), and no simulator can then show two threads' worth. Prints one JSON line; lines in words unless --quiet.
/// </summary>
public static class CoresBench
{
    public static int Run(double seconds, bool quiet)
    {
        var cores = CorePinning.Allowed();
        if (!quiet)
            Console.Error.WriteLine($"cores: measuring {cores.Length} core(s) ({string.Join(", ", cores)}), for each kind of work {seconds:0.##} s "
                + $"alone each, then {seconds:0.##} s all together: about {Enum.GetValues<CoreSpeed.Work>().Length * (cores.Length + 1) * seconds:0} s"
                + (CorePinning.Supported ? "" : " (threads not pinned here: the OS places them)"));
        var line = new Dictionary<string, object> { ["cores"] = cores, ["secondsEach"] = seconds };
        bool pinned = true, even = true;
        var words = new List<string>();
        foreach (var work in Enum.GetValues<CoreSpeed.Work>())
        {
            var (alone, together) = CoreSpeed.Measure(cores, seconds, work);
            pinned &= alone.Concat(together).All(r => r.Pinned);
            var v = CoreVerdict.Of(cores, alone.Select(r => r.RoundsPerSecond).ToArray(), together.Select(r => r.RoundsPerSecond).ToArray());
            string name = work.ToString().ToLowerInvariant();
            string say = $"{name}: {v.Words}";
            if (!quiet) Console.Error.WriteLine("cores: " + say);
            words.Add(say);
            even &= v.Even;
            line[$"{name}AloneRoundsPerSecond"] = alone.Select(r => Math.Round(r.RoundsPerSecond)).ToArray();
            line[$"{name}TogetherRoundsPerSecond"] = together.Select(r => Math.Round(r.RoundsPerSecond)).ToArray();
            line[$"{name}AloneRelative"] = v.AloneRelative;
            line[$"{name}TogetherRelative"] = v.TogetherRelative;
            line[$"{name}DivisibleBound"] = v.DivisibleBound;
            line[$"{name}EqualPartsBound"] = v.EqualPartsBound;
        }
        line["pinned"] = pinned;
        line["even"] = even;
        line["verdict"] = string.Join("; ", words);
        BenchLine.Print(line);
        return 0;
    }
}
