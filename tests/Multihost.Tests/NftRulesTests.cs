using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Multihost.Tests;

public class NftRulesTests
{
    [Test]
    public void Filters_WithoutFaults_OnlyEmptyTheChains()
    {
        Assert.That(NftRules.Filters(null, 0), Is.EqualTo(
            "flush chain ip gossipbed ingress\nflush chain ip gossipbed egress\n"));
    }

    [Test]
    public void Filters_TwoWayPartition_DropsBothDirectionsAtIngressAndEgress()
    {
        var p = new BedPartition(new[] { new[] { "10.77.0.1" }, new[] { "10.77.0.2", "10.77.1.1" } }, false, "test");
        string rules = NftRules.Filters(p, 0);
        Assert.That(rules, Does.Contain("add rule ip gossipbed ingress ip saddr 10.77.0.1 ip daddr { 10.77.0.2, 10.77.1.1 } drop\n"));
        Assert.That(rules, Does.Contain("add rule ip gossipbed egress ip saddr 10.77.0.1 ip daddr { 10.77.0.2, 10.77.1.1 } drop\n"));
        Assert.That(rules, Does.Contain("add rule ip gossipbed ingress ip saddr { 10.77.0.2, 10.77.1.1 } ip daddr 10.77.0.1 drop\n"));
        Assert.That(rules, Does.Contain("add rule ip gossipbed egress ip saddr { 10.77.0.2, 10.77.1.1 } ip daddr 10.77.0.1 drop\n"));
        Assert.That(rules.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(6));
    }

    [Test]
    public void Filters_OneWayPartition_DropsOnlyFirstToSecond()
    {
        var p = new BedPartition(new[] { new[] { "10.77.1.1" }, new[] { "10.77.1.2" } }, true, "test");
        var pairs = NftRules.CutPairs(p).ToList();
        Assert.That(pairs, Has.Count.EqualTo(1));
        Assert.That(pairs[0].from, Is.EqualTo(new[] { "10.77.1.1" }));
        Assert.That(pairs[0].to, Is.EqualTo(new[] { "10.77.1.2" }));
    }

    [Test]
    public void Filters_EmptyGroup_CutsNothing()
    {
        var p = new BedPartition(new[] { new[] { "10.77.1.1" }, Array.Empty<string>() }, false, "test");
        Assert.That(NftRules.CutPairs(p), Is.Empty);
    }

    [TestCase(0.05, "numgen random mod 1000000 < 50000 drop")]
    [TestCase(0.3, "numgen random mod 1000000 < 300000 drop")]
    [TestCase(0.0000004, null)]
    public void Filters_Loss_DropsThatShareOfNodePackets(double rate, string? expected)
    {
        string rules = NftRules.Filters(null, rate);
        if (expected == null) Assert.That(rules, Does.Not.Contain("numgen"));
        else Assert.That(rules, Does.Contain($"add rule ip gossipbed ingress ip saddr 10.77.0.0/16 ip daddr 10.77.0.0/16 {expected}\n"));
    }

    [Test]
    public void Filters_RefuseALossOfOneOrMore() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NftRules.Filters(null, 1));

    [Test]
    public void HostDown_AddsAndRemovesTheHostFromTheRefusedSet()
    {
        Assert.That(NftRules.HostDown("10.77.1.3", true), Is.EqualTo("add element ip gossipbed down { 10.77.1.3 }\n"));
        Assert.That(NftRules.HostDown("10.77.1.3", false), Is.EqualTo("delete element ip gossipbed down { 10.77.1.3 }\n"));
    }

    [Test]
    public void BaseTable_RedirectsNodeTcpToTheRelayAndSteersItsAnswersHome()
    {
        string t = NftRules.BaseTable();
        Assert.That(t, Does.Contain($"redirect to :{BedAddresses.RelayPort}"));
        Assert.That(t, Does.Contain($"tcp dport {NftRules.RelayPortsFrom}-{NftRules.RelayPortsTo} meta mark set {NftRules.SteerMark}"));
        Assert.That(t, Does.Contain("ip daddr @down meta l4proto tcp reject with tcp reset"));
        // The relay's own port range must not hold the nodes' port or the kernel's default ephemeral range.
        Assert.That(BedAddresses.NodePort, Is.Not.InRange(NftRules.RelayPortsFrom, NftRules.RelayPortsTo));
        Assert.That(NftRules.RelayPortsTo, Is.LessThan(32768));
    }

    [Test]
    public void PartitionOf_ListedGroupsPlusEveryoneElse_AsTheSimulatorReadsIt()
    {
        var s = new Scenario { Seeds = 3, Peers = 4 };
        var f = new FaultSpec { Action = "partition", Groups = new() { new() { "seed:0", "peers:1-2" } } };
        var p = BedFaults.PartitionOf((PartitionFault)FaultParser.Parse(new Scenario { Seeds = s.Seeds, Peers = s.Peers, Faults = { f } })[0], s.Seeds, s.Peers);
        Assert.That(p.OneWay, Is.False);
        Assert.That(p.GroupIps, Has.Count.EqualTo(2));
        Assert.That(p.GroupIps[0], Is.EqualTo(new[] { "10.77.0.1", "10.77.1.2", "10.77.1.3" }));
        Assert.That(p.GroupIps[1], Is.EqualTo(new[] { "10.77.0.2", "10.77.0.3", "10.77.1.1", "10.77.1.4" }));
        Assert.That(p.Description, Is.EqualTo("[seed:0,peers:1-2] | [everyone else]"));
    }

    [Test]
    public void PartitionOf_OneWay_HasNoRestGroup()
    {
        var s = new Scenario { Seeds = 3, Peers = 4 };
        var f = new FaultSpec { Action = "partition", Direction = "one-way", Groups = new() { new() { "peer:0" }, new() { "seeds" } } };
        var p = BedFaults.PartitionOf((PartitionFault)FaultParser.Parse(new Scenario { Seeds = s.Seeds, Peers = s.Peers, Faults = { f } })[0], s.Seeds, s.Peers);
        Assert.That(p.OneWay, Is.True);
        Assert.That(p.GroupIps, Has.Count.EqualTo(2));
        Assert.That(p.GroupIps[1], Is.EqualTo(new[] { "10.77.0.1", "10.77.0.2", "10.77.0.3" }));
    }

    [Test]
    public void Addresses_GiveEveryNodeItsOwnHost()
    {
        Assert.That(BedAddresses.Seed(0).ToString(), Is.EqualTo("10.77.0.1:7000"));
        Assert.That(BedAddresses.Peer(0).ToString(), Is.EqualTo("10.77.1.1:7000"));
        Assert.That(BedAddresses.Peer(249).ToString(), Is.EqualTo("10.77.1.250:7000"));
        Assert.That(BedAddresses.Peer(250).ToString(), Is.EqualTo("10.77.2.1:7000"));
        var all = Enumerable.Range(0, 3).Select(BedAddresses.Seed).Concat(Enumerable.Range(0, 300).Select(BedAddresses.Peer)).Select(a => a.Ip).ToList();
        Assert.That(all.Distinct().Count(), Is.EqualTo(all.Count));
    }
}
