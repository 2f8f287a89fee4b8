using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Soak;

namespace GossipSim.Scenarios.Tests.Soak;

/// <summary>The soak judges a node's descriptors net of its links (from the trace), at the lowest of the last few minutes, and fails
/// them only for growing: links that come and go with churn pass, a socket kept after its use does not.</summary>
public class NetDescriptorsTests
{
    private const string Address = "127.0.0.1:1001";
    private static readonly NodeAddress Node = NodeAddress.Parse(Address), Other = NodeAddress.Parse("127.0.0.1:1002");

    private static TraceEvent At(double seconds, TraceKind kind) => new(TimeSpan.FromSeconds(1000 + seconds), kind, Node, Other);

    [Test]
    public void LinkCounts_FollowLinkUpAndDown_AndANewLifeStartsWithNone()
    {
        var links = new LinkCounts(TimeSpan.FromSeconds(1000));
        foreach (var e in new[]
        {
            At(0, TraceKind.NodeStarted), At(10, TraceKind.LinkUp), At(20, TraceKind.LinkUp), At(30, TraceKind.LinkDown),
            At(40, TraceKind.LinkUp), At(50, TraceKind.CrashInjected), At(60, TraceKind.NodeStarted), At(70, TraceKind.LinkUp),
        }) links.Write(e);
        Assert.That(new[] { 5.0, 10, 25, 35, 45, 55, 65, 75 }.Select(t => links.At(Address, t)), Is.EqualTo(new[] { 0, 1, 2, 1, 2, 0, 0, 1 }));
        Assert.That(links.At("127.0.0.1:9", 75), Is.EqualTo(0), "a node the trace never names");
    }

    [Test]
    public void TheTrailingFloor_IsTheLowestValueWithinTheHeldTime()
    {
        var points = new (double, double)[] { (0, 5), (60, 9), (120, 9), (180, 7), (240, 8), (300, 8) };
        Assert.That(ResourceTrend.TrailingFloor(points, 150).Select(p => p.Value), Is.EqualTo(new double[] { 5, 5, 5, 7, 7, 7 }));
    }

    /// <summary>How the synthetic node's descriptors move over an hour, sampled each minute under a churn step every 20 s.</summary>
    public enum Series
    {
        /// <summary>Descriptors are a constant 20 plus the links, which climb from 3 to 33 in steps (a hub under churn): judged whole, they fail.</summary>
        FollowsItsLinks,
        /// <summary>As above, with two dozen connections that are not links opened at minute 53 and closed by the idle timeout 5 min on:
        /// judged on each sample's own count, their late burst would tilt the line.</summary>
        FollowsItsLinksWithIdleConnections,
        /// <summary>One socket kept after each churn step ends its use: 3 a minute more than the links explain.</summary>
        LeaksASocketPerChurnStep,
        /// <summary>One socket kept every fourth churn step.</summary>
        LeaksASocketEveryFourthStep,
        /// <summary>Connections that are not links close one by one (a node whose peers left): only growth is a leak.</summary>
        ClosesConnections,
    }

    [TestCase(Series.FollowsItsLinks, Flatness.Flat)]
    [TestCase(Series.FollowsItsLinksWithIdleConnections, Flatness.Flat)]
    [TestCase(Series.LeaksASocketPerChurnStep, Flatness.Growing)]
    [TestCase(Series.LeaksASocketEveryFourthStep, Flatness.Growing)]
    [TestCase(Series.ClosesConnections, Flatness.Falling)]
    public void Descriptors_AreJudgedNetOfTheLinks(Series series, Flatness expected)
    {
        var links = new LinkCounts(TimeSpan.Zero);
        links.Write(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, Node));
        int degree = 0;
        var samples = new List<ResourceSample>();
        for (int minute = 0; minute <= 60; minute++)
        {
            int wanted = 3 + minute / 2 + minute % 2; // from 3 to 33, wobbling
            for (; degree < wanted; degree++) links.Write(new TraceEvent(TimeSpan.FromSeconds(minute * 60 - 1), TraceKind.LinkUp, Node, Other));
            for (; degree > wanted; degree--) links.Write(new TraceEvent(TimeSpan.FromSeconds(minute * 60 - 1), TraceKind.LinkDown, Node, Other));
            int fds = 20 + degree + series switch
            {
                Series.FollowsItsLinksWithIdleConnections => minute is >= 53 and < 58 ? 24 : 0,
                Series.LeaksASocketPerChurnStep => 3 * minute,
                Series.LeaksASocketEveryFourthStep => 3 * minute / 4,
                Series.ClosesConnections => 30 - minute / 2,
                _ => 0,
            };
            samples.Add(new ResourceSample(minute * 60, "peer:1", Address, 11, new ProcessResources(40_000, fds, 20, fds - 12)));
        }
        var (trends, _) = ResourceVerdicts.Judge(samples, 3600, links: links, heldSeconds: ResourceVerdicts.HeldSeconds);
        var descriptors = trends.Single(t => t.Resource == Resource.Descriptors);
        Assert.That(descriptors.Verdict, Is.EqualTo(expected), descriptors.Line());
        Assert.That(ResourceTrend.Passes(descriptors.Verdict), Is.EqualTo(expected is not Flatness.Growing));
        if (series == Series.FollowsItsLinks)
        {
            // The same descriptors judged whole, links and all: the climbing links alone fail them.
            var whole = SlopeFit.Of(samples.Where(s => s.Seconds >= 1200).Select(s => (s.Seconds / 60, (double)s.Resources.Descriptors)).ToList());
            Assert.That(ResourceTrend.Judge(whole, ResourceVerdicts.DescriptorsPerMinute, onlyGrowthLeaks: true), Is.EqualTo(Flatness.Growing));
        }
    }
}
