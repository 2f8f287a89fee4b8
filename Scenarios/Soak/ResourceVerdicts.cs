using System.Globalization;

namespace GossipSim.Scenarios.Soak;

/// <summary>The resources a soak holds flat, each with its unit and the bound on its slope.</summary>
/// <remarks><see cref="Descriptors"/> are judged net of the node's links (<see cref="ResourceVerdicts.Judge"/>).</remarks>
public enum Resource { Rss, Descriptors, Threads }

/// <summary>One node life's slope for one resource over the window, and its verdict.</summary>
public sealed record LifeTrend(string Node, int Pid, Resource Resource, SlopeFit Fit, Flatness Verdict)
{
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Node} (pid {Pid}) {ResourceVerdicts.Name(Resource)}: slope {Fit.Slope:+0.###;-0.###;0} ± {Fit.StandardError:0.###} "
        + $"{ResourceVerdicts.Unit(Resource)} over {Fit.Points} samples (mean {Fit.Mean:0.#}): {Verdict}");
}

/// <summary>
/// Per node life (a node and one pid: a restart is a new process with its own baseline) and per resource, the least-squares
/// slope over the soak's window (<see cref="ResourceTrend.Window"/>) after the life's own warm-up (<see cref="ResourceTrend.CountedFrom"/>),
/// judged against the bounds below. A life is judged when those samples cover at least half the window: a peer that lived three
/// minutes says nothing about a leak over forty.
/// Descriptors are judged net of the node's links at each sample (each link is a socket, and a node's links rise and fall with
/// churn), taking at each sample the lowest net count of the last <c>heldSeconds</c> (a connection that is not a link, to a seed or
/// a member a SWIM peer probes, stays open until the transport's idle timeout closes it), and only growth fails: a socket
/// kept after its use lifts every later floor, while one closed in time lifts none for good.
/// </summary>
public static class ResourceVerdicts
{
    /// <summary>
    /// KiB a minute: 100 KiB/min is 4 MiB over the 40-minute window and 6 MiB an hour, a fifth of a native node's working set
    /// (docs/performance.md section 5) — a leak of one message's bookkeeping per gossip round would pass it within the hour.
    /// </summary>
    public const double RssKiBPerMinute = 100;
    /// <summary>
    /// Descriptors less links a minute, growing: 10 over the 40-minute window. A node also holds connections that are not links (to
    /// the seeds; under SWIM, to every member it probes), and their number follows the live peers, which churn lets drift by a tenth
    /// of the peers over the window: the bound is twice that drift at the default 50. A socket leaked per churn step (3 a minute) is
    /// twelve times it.
    /// </summary>
    public const double DescriptorsPerMinute = 0.25;
    /// <summary>
    /// Threads a minute: 4 over the window. The runtime's thread pool adds and retires workers as the work in flight varies, so a
    /// healthy node's count wanders within a few threads of its mean all run long and its line tilts by up to a few hundredths a
    /// minute; a thread leaked per churn step (3 a minute) is thirty times the bound, one per ten steps three times.
    /// </summary>
    public const double ThreadsPerMinute = 0.1;

    public static double Bound(Resource r) => r switch
    {
        Resource.Rss => RssKiBPerMinute,
        Resource.Descriptors => DescriptorsPerMinute,
        _ => ThreadsPerMinute,
    };

    public static string Name(Resource r) => r switch { Resource.Rss => "RSS", Resource.Descriptors => "descriptors less links", _ => "threads" };
    public static string Unit(Resource r) => r switch { Resource.Rss => "KiB/min", Resource.Descriptors => "fds/min", _ => "threads/min" };

    /// <summary>A life's descriptors less its links at each counted sample, floored over the time a non-link connection may stay open
    /// (counted samples only: the warm-up's lower counts would make a node that filled up look like one that leaks).</summary>
    private static IReadOnlyList<(double Seconds, double Value)> NetOfLinks(IReadOnlyList<ResourceSample> life, LinkCounts links,
        double heldSeconds) =>
        ResourceTrend.TrailingFloor(life.Select(s => (s.Seconds, (double)(s.Resources.Descriptors - links.At(s.Address, s.Seconds)))).ToList(),
            heldSeconds);

    private static double Value(ProcessResources p, Resource r) => r switch
    {
        Resource.Rss => p.RssKiB,
        Resource.Descriptors => p.Descriptors,
        _ => p.Threads,
    };

    /// <summary>How long a connection that is not a link may stay open unused: the node transport's idle timeout, and a minute's
    /// sample more.</summary>
    public static readonly double HeldSeconds = new RealNet.Transport.TcpTransportOptions().IdleTimeout.TotalSeconds + 60;

    /// <summary>Every judged life's three trends (x in minutes), in node then pid order; and how many lives were too short.</summary>
    /// <param name="fillSeconds">The node state's fill time (<see cref="ResourceTrend.CountedFrom"/>).</param>
    /// <param name="links">Each node's links over the run (none when null).</param>
    /// <param name="heldSeconds">How long a descriptor that is not a link may stay open unused (<see cref="ResourceTrend.TrailingFloor"/>).</param>
    public static (IReadOnlyList<LifeTrend> Trends, int ShortLives) Judge(IReadOnlyList<ResourceSample> samples, double runEndSeconds,
        double fillSeconds = 0, LinkCounts? links = null, double heldSeconds = 0)
    {
        links ??= LinkCounts.None;
        var (from, to) = ResourceTrend.Window(runEndSeconds);
        var trends = new List<LifeTrend>();
        int shortLives = 0;
        foreach (var life in samples.GroupBy(s => (s.Node, s.Pid)).OrderBy(g => g.Key.Node, StringComparer.Ordinal).ThenBy(g => g.Key.Pid))
        {
            double counted = ResourceTrend.CountedFrom(runEndSeconds, life.Min(s => s.Seconds), fillSeconds);
            var inWindow = life.Where(s => s.Seconds >= counted && s.Seconds <= to).OrderBy(s => s.Seconds).ToList();
            if (inWindow.Count < ResourceTrend.MinPoints || inWindow[^1].Seconds - inWindow[0].Seconds < (to - from) / 2)
            {
                shortLives++;
                continue;
            }
            foreach (var r in Enum.GetValues<Resource>())
            {
                var fit = SlopeFit.Of(r == Resource.Descriptors
                    ? NetOfLinks(inWindow, links, heldSeconds).Select(p => (p.Seconds / 60, p.Value)).ToList()
                    : inWindow.Select(s => (s.Seconds / 60, Value(s.Resources, r))).ToList());
                trends.Add(new LifeTrend(life.Key.Node, life.Key.Pid, r, fit, ResourceTrend.Judge(fit, Bound(r),
                    onlyGrowthLeaks: r == Resource.Descriptors)));
            }
        }
        return (trends, shortLives);
    }
}
