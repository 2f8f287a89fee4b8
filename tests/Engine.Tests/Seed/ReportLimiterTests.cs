using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class ReportLimiterTests
{
    // believed degree, constant rate, constant burst -> the reporter's rate and burst
    [TestCase(0, 8, 32, 8, 32)]
    [TestCase(-1, 8, 32, 8, 32)]       // not a member: the seed knows no degree
    [TestCase(40, 8, 32, 48, 72)]
    [TestCase(9043, 8, 32, 9051, 9075)] // sim-1m's hub
    [TestCase(int.MaxValue, 8, 32, int.MaxValue, int.MaxValue)]
    public void Allowance_IsTheConstantPart_PlusTheReportersDegree(int degree, int perSecond, int burst, int rate, int cap) =>
        Assert.That(ReportLimiter.Allowance(degree, perSecond, burst), Is.EqualTo((rate, cap)));

    // degree, reports sent at once at t=0, seconds later, reports sent then -> admitted at t=0, admitted later
    [TestCase(0, 1000, 0.0, 0, 32, 0)]    // an outsider's flood: the burst
    [TestCase(0, 1000, 1.0, 1000, 32, 8)] // then the rate
    [TestCase(0, 1000, 10.0, 1000, 32, 32)] // refilled up to the burst, not beyond
    [TestCase(40, 1000, 0.5, 1000, 72, 24)] // a member: its degree on top of both
    [TestCase(3, 35, 0.0, 0, 35, 0)]      // all of its neighbours at once, 32 links the seed has not heard of yet included
    public void Limiter_AdmitsTheBurst_ThenTheRate(int degree, int first, double later, int second, int admittedFirst, int admittedSecond)
    {
        var limiter = new ReportLimiter(perSecond: 8, burst: 32);
        var reporter = NodeAddress.Parse("10.1.0.7:7000");
        int a1 = Enumerable.Range(0, first).Count(_ => limiter.TryAdmit(reporter, degree, TimeSpan.Zero));
        int a2 = Enumerable.Range(0, second).Count(_ => limiter.TryAdmit(reporter, degree, TimeSpan.FromSeconds(later)));
        Assert.That((a1, a2), Is.EqualTo((admittedFirst, admittedSecond)));
    }

    /// <summary>
    /// An honest peer reports a neighbour only after missing its ping: at worst every neighbour
    /// every ping interval (all of them cut off and the reports rejected each time), for two minutes.
    /// </summary>
    [TestCase(1, 1.0)]
    [TestCase(12, 1.0)]   // the most one reporter sent in a second in the shipped simulations
    [TestCase(100, 1.0)]
    [TestCase(9043, 13.0)] // sim-1m's hub at the classic ping interval
    [TestCase(9043, 1.0)]
    public void HonestReporting_OfEveryNeighbourEveryPingInterval_IsNeverDropped(int degree, double pingSeconds)
    {
        var limiter = new ReportLimiter(perSecond: 8, burst: 32);
        var reporter = NodeAddress.Parse("10.1.0.7:7000");
        int dropped = 0;
        for (double t = 0; t < 120; t += pingSeconds)
            for (int n = 0; n < degree; n++)
                if (!limiter.TryAdmit(reporter, degree, TimeSpan.FromSeconds(t))) dropped++;
        Assert.That(dropped, Is.Zero);
    }

    [Test]
    public void Reporters_OnOneIp_EachHaveTheirOwnBucket()
    {
        var limiter = new ReportLimiter(perSecond: 8, burst: 32);
        var flooder = NodeAddress.Parse("127.0.0.1:6001");
        var neighbour = NodeAddress.Parse("127.0.0.1:6002");
        for (int i = 0; i < 100; i++) limiter.TryAdmit(flooder, 0, TimeSpan.Zero);
        Assert.That(limiter.TryAdmit(flooder, 0, TimeSpan.Zero), Is.False);
        Assert.That(limiter.TryAdmit(neighbour, 3, TimeSpan.Zero), Is.True, "a peer sharing the flooder's host still reports (every peer of a loopback run shares one IP)");
    }

    [Test]
    public void Limiter_ForgetsReportersWhoseBucketsRefilled()
    {
        var limiter = new ReportLimiter(perSecond: 8, burst: 1);
        for (int i = 0; i < 100_000; i++)
            Assert.That(limiter.TryAdmit(new NodeAddress((10u << 24) + (uint)i, 7000), 0, TimeSpan.FromMilliseconds(i)), Is.True);
        Assert.That(limiter.Held, Is.LessThan(1000), "a bucket of one refills in 0.125 s: only the last reporters are held");
    }
}
