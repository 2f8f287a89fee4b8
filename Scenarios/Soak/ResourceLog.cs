using System.Globalization;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Soak;

/// <summary>One sample of one node process: the run's time (s), which node and which life of it (its pid), and its resources.</summary>
public sealed record ResourceSample(double Seconds, string Node, string Address, int Pid, ProcessResources Resources);

/// <summary>
/// The soak's samples: each running node's /proc read at every watch of the run, appended to resources.csv as they are taken (a
/// run stopped midway keeps what it sampled), and kept for the verdict and the plot.
/// </summary>
public sealed class ResourceLog : IDisposable
{
    public const string FileName = "resources.csv";
    public const string Header = "seconds,node,address,pid,rss_kib,fds,threads,sockets";

    private readonly StreamWriter _csv;
    private readonly List<ResourceSample> _samples = new();

    public ResourceLog(string outDir)
    {
        _csv = new StreamWriter(Path.Combine(outDir, FileName));
        _csv.WriteLine(Header);
        _csv.Flush();
    }

    public IReadOnlyList<ResourceSample> Samples => _samples;

    /// <summary>Reads every node that has a process of its own; returns the samples taken (a node that exited meanwhile is left out,
    /// and so is one read as it starts or ends: <see cref="ProcessResources.IsRunning"/>).</summary>
    public IReadOnlyList<ResourceSample> Take(double seconds, IReadOnlyList<WatchedNode> nodes)
    {
        var taken = new List<ResourceSample>();
        foreach (var n in nodes)
        {
            if (n.ProcessId is not { } pid || ProcResources.Read(pid) is not { IsRunning: true } r) continue;
            var sample = new ResourceSample(Math.Round(seconds, 1), n.Node.ToString(), n.Address, pid, r);
            taken.Add(sample);
            _csv.WriteLine(Line(sample));
        }
        _csv.Flush();
        _samples.AddRange(taken);
        return taken;
    }

    public static string Line(ResourceSample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Seconds:0.0},{s.Node},{s.Address},{s.Pid},{s.Resources.RssKiB},{s.Resources.Descriptors},{s.Resources.Threads},"
        + $"{s.Resources.Sockets}");

    /// <summary>The samples of a resources.csv (for a test, or a re-analysis); a file without the sockets column reads them as 0.</summary>
    public static IReadOnlyList<ResourceSample> Read(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new ResourceSample(
            double.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture),
            new ProcessResources(long.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture),
                int.Parse(f[6], CultureInfo.InvariantCulture), f.Length > 7 ? int.Parse(f[7], CultureInfo.InvariantCulture) : 0))).ToList();

    public void Dispose() => _csv.Dispose();
}
