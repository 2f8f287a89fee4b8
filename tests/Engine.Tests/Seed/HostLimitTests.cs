using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>The seeds' admission limit per host: <see cref="HostLimit"/> and what it counts.</summary>
public class HostLimitTests
{
    // on the IP, in the /24, per IP, per /24, a seed's IP, a seed's /24 -> verdict
    [TestCase(0, 0, 8, 256, false, false, HostVerdict.Admit)]
    [TestCase(7, 7, 8, 256, false, false, HostVerdict.Admit)]        // the 8th from one host
    [TestCase(8, 8, 8, 256, false, false, HostVerdict.IpFull)]       // the 9th
    [TestCase(300, 300, 8, 256, false, false, HostVerdict.IpFull)]   // however many it has already (others' commits)
    [TestCase(1, 256, 8, 256, false, false, HostVerdict.PrefixFull)] // a /24 of hosts with one member each is full at 256
    [TestCase(8, 256, 8, 256, false, false, HostVerdict.IpFull)]     // both full: the IP is named
    [TestCase(1, 255, 8, 256, false, false, HostVerdict.Admit)]      // the simulator's 256th peer of a /24
    [TestCase(1000, 1000, 8, 256, true, true, HostVerdict.Admit)]    // the seeds' own host: a thousand peers on 127.0.0.1
    [TestCase(8, 1000, 8, 256, false, true, HostVerdict.IpFull)]     // another IP of a seed's /24 (127.0.0.2): limited per IP only
    [TestCase(7, 1000, 8, 256, false, true, HostVerdict.Admit)]
    [TestCase(0, 0, 1, 1, false, false, HostVerdict.Admit)]
    [TestCase(0, 1, 1, 1, false, false, HostVerdict.PrefixFull)]
    public void Decide_AdmitsUpToEachLimit_ExceptOnTheSeedsOwnHosts(int onIp, int inPrefix, int perIp, int perPrefix, bool seedIp, bool seedPrefix, HostVerdict expected) =>
        Assert.That(HostLimit.Decide(onIp, inPrefix, perIp, perPrefix, seedIp, seedPrefix), Is.EqualTo(expected));

    [Test]
    public void Reason_NamesTheHostTheLimitAndItsOption()
    {
        var a = NodeAddress.Parse("192.0.2.7:9000");
        Assert.That(HostLimit.Reason(HostVerdict.IpFull, a, 8, 256), Does.Contain("192.0.2.7").And.Contain("at most 8 from one IP").And.Contain("--members-per-ip"));
        Assert.That(HostLimit.Reason(HostVerdict.PrefixFull, a, 8, 256), Does.Contain("192.0.2.0/24").And.Contain("at most 256").And.Contain("--members-per-prefix"));
    }

    private static uint Ip(string text) => NodeAddress.Parse(text + ":1").Ip;

    [Test]
    public void HostCounts_CountEachIpAndEachSlash24_AndForgetEmptyOnes()
    {
        var counts = new HostCounts();
        for (int i = 0; i < 5; i++) counts.Add(Ip("10.1.0.9"));
        Assert.That((counts.OnIp(Ip("10.1.0.9")), counts.OnIp(Ip("10.1.0.8")), counts.InPrefix(Ip("10.1.0.200"))), Is.EqualTo((5, 0, 5)), "one IP: no table per IP yet");
        counts.Add(Ip("10.1.0.8"));
        counts.Add(Ip("10.1.1.8"));
        Assert.That((counts.OnIp(Ip("10.1.0.9")), counts.OnIp(Ip("10.1.0.8")), counts.InPrefix(Ip("10.1.0.1")), counts.InPrefix(Ip("10.1.1.1"))), Is.EqualTo((5, 1, 6, 1)));
        counts.Remove(Ip("10.1.0.7")); // never added: left alone
        counts.Remove(Ip("10.1.0.9"));
        Assert.That((counts.OnIp(Ip("10.1.0.9")), counts.InPrefix(Ip("10.1.0.1"))), Is.EqualTo((4, 5)));
        counts.Remove(Ip("10.1.1.8"));
        Assert.That(counts.Prefixes, Is.EqualTo(1), "an empty /24 is forgotten");
    }

    [Test]
    public void HostCounts_ForAMillionPeersOneToAnIp_HoldOneEntryPerSlash24()
    {
        var counts = new HostCounts();
        for (uint i = 1; i <= 1_000_000; i++) counts.Add((10u << 24) + (1u << 16) + i); // the simulator's numbering
        Assert.That(counts.Prefixes, Is.EqualTo(3907));
        Assert.That(counts.OnIp((10u << 24) + (1u << 16) + 77), Is.EqualTo(1));
        Assert.That(counts.InPrefix((10u << 24) + (1u << 16) + 300), Is.EqualTo(256));
    }

    [Test]
    public void SeedHosts_AreTheSeedsIpsAndTheirSlash24s()
    {
        var hosts = new SeedHosts([NodeAddress.Parse("127.0.0.1:5000"), NodeAddress.Parse("10.0.0.2:5000")]);
        Assert.That(hosts.IsSeedIp(Ip("127.0.0.1")), Is.True);
        Assert.That(hosts.IsSeedIp(Ip("127.0.0.2")), Is.False);
        Assert.That(hosts.InSeedPrefix(Ip("127.0.0.2")), Is.True);
        Assert.That(hosts.InSeedPrefix(Ip("10.0.1.2")), Is.False);
        Assert.That(default(SeedHosts).IsSeedIp(Ip("127.0.0.1")), Is.False, "no seed list: no seed host");
    }

    private static NodeAddress On(string ip, int port) => NodeAddress.Parse($"{ip}:{port}");

    // A voter's count of the registrant's host (per IP, limit 8): live members, then the places held here (dial-backs, its own open
    // adds, the yes votes it gave to other seeds' adds), each registrant once; the registrant itself is not counted against itself.
    // live, dialling, own adds, yes votes given (other registrants), the registrant already holds a place here -> verdict
    [TestCase(7, 0, 0, 0, false, HostVerdict.Admit)]   // the 8th
    [TestCase(7, 0, 0, 1, false, HostVerdict.IpFull)]  // a yes vote to another seed's add took the 8th place
    [TestCase(6, 0, 0, 1, false, HostVerdict.Admit)]
    [TestCase(6, 1, 0, 1, false, HostVerdict.IpFull)]  // a dial-back here and a yes vote elsewhere
    [TestCase(5, 1, 1, 1, false, HostVerdict.IpFull)]
    [TestCase(4, 1, 1, 1, false, HostVerdict.Admit)]
    [TestCase(7, 0, 0, 0, true, HostVerdict.Admit)]    // it holds its own place: a second proposal of it, not a 9th
    [TestCase(0, 0, 0, 8, false, HostVerdict.IpFull)]  // eight yes votes out, nothing committed yet
    public void Votes_CountThePlacesTheirYesVotesReserved(int live, int dialling, int ownAdds, int yesVotes, bool registrantHeld,
        HostVerdict expected)
    {
        var held = new HeldRegistrations();
        var registrant = On("192.0.2.7", 9000);
        int port = 1;
        for (int i = 0; i < dialling; i++) held.DialStarted(On("192.0.2.7", port++));
        for (int i = 0; i < ownAdds; i++) held.AddProposed(On("192.0.2.7", port++));
        for (int i = 0; i < yesVotes; i++) held.Reserve(On("192.0.2.7", port++), TimeSpan.FromSeconds(6));
        if (registrantHeld) held.Reserve(registrant, TimeSpan.FromSeconds(6));
        var (onIp, inPrefix) = held.OnHost(registrant.Ip);
        int itself = held.Holds(registrant) ? 1 : 0;
        Assert.That(HostLimit.Decide(live + onIp - itself, live + inPrefix - itself, 8, 256, false, false), Is.EqualTo(expected));
    }

    [Test]
    public void HeldRegistrations_CountEachRegistrantOnce_AndLetGoAtTheCommitOrWhenTheReservationRunsOut()
    {
        var held = new HeldRegistrations();
        var a = On("192.0.2.7", 1);
        var b = On("192.0.2.7", 2);
        held.DialStarted(a);
        held.Reserve(a, TimeSpan.FromSeconds(6)); // another seed proposed it too, and this one voted yes
        held.Reserve(a, TimeSpan.FromSeconds(7)); // and a third
        held.Reserve(b, TimeSpan.FromSeconds(7));
        Assert.That(held.OnHost(a.Ip), Is.EqualTo((2, 2)), "one place each, however many holds");
        held.DialEnded(a);
        held.AddProposed(a);
        held.AddClosed(a);
        held.RunOut(TimeSpan.FromSeconds(6));
        Assert.That(held.Holds(a), Is.True, "its later yes vote still holds it");
        held.Joined(b);
        Assert.That((held.Holds(b), held.OnHost(b.Ip)), Is.EqualTo((false, (1, 1))), "a committed add is a live member, not a reservation");
        held.RunOut(TimeSpan.FromSeconds(7));
        Assert.That((held.Registrants, held.OnHost(a.Ip)), Is.EqualTo((0, (0, 0))), "nothing is held once every reservation ran out");
    }

    /// <summary>
    /// A registrant whose add (another seed's) was applied here while this seed's own add for it and a dial-back were still open:
    /// a live member from then on, held by nothing, so a host filled to its limit in a burst is not counted past it (a simulated
    /// /24 of 256 joining within milliseconds under a limit of 256 had its last registrants refused, 10 % of sim-1m's adds).
    /// </summary>
    [Test]
    public void HeldRegistrations_ARegistrantThatJoined_IsHeldByNothing_ThoughItsOwnAddIsStillOpen()
    {
        var held = new HeldRegistrations();
        var a = On("192.0.2.7", 1);
        held.DialStarted(a);
        held.AddProposed(a);
        held.Reserve(a, TimeSpan.FromSeconds(6));
        held.Joined(a);
        Assert.That((held.Holds(a), held.OnHost(a.Ip)), Is.EqualTo((false, (0, 0))), "live, and counted as live only");
        held.AddClosed(a);
        held.DialEnded(a);
        held.RunOut(TimeSpan.FromSeconds(6));
        Assert.That((held.Registrants, held.OnHost(a.Ip)), Is.EqualTo((0, (0, 0))), "what closes afterwards holds nothing again");
    }
}
