using System.Net;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Cli;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Cli;

public class SeedNamesTests
{
    /// <summary>A name service of a fixed table that can change, as an orchestrator's DNS does when a container comes back.</summary>
    private sealed class Names
    {
        public readonly Dictionary<string, string> Table = new() { ["seed-0"] = "10.0.0.10", ["seed-1"] = "10.0.0.11" };
        public readonly List<string> Asked = new();

        public (IPAddress? Ip, string Error) Resolve(string host)
        {
            Asked.Add(host);
            return Table.TryGetValue(host, out var ip) ? (IPAddress.Parse(ip), "") : (null, "Name or service not known");
        }
    }

    [Test]
    public void HostNames_AreResolved_KeysAndLineNumbersKept()
    {
        var names = new Names();
        var list = SeedNames.Parse(["# seeds", "seed-0:5001 KEY0", "10.0.0.12:5001", "", "seed-1,5002  # the second"], "seeds.txt",
            names.Resolve);
        Assert.That(list.Entries.Select(e => (e.Address.ToString(), e.Key, e.Line)), Is.EqualTo(new[]
        {
            ("10.0.0.10:5001", (string?)"KEY0", 2), ("10.0.0.12:5001", null, 3), ("10.0.0.11:5002", null, 5),
        }));
        Assert.That(list.NamedCount, Is.EqualTo(2));
    }

    [Test]
    public void ANameThatDoesNotResolve_IsOneLine_WithFileLineAndName()
    {
        var ex = Assert.Throws<SeedListException>(() => SeedNames.Parse(["seed-0:5001", "seed-9:5001"], "seeds.txt", new Names().Resolve));
        Assert.That(ex!.Message, Is.EqualTo("seeds.txt:2: seed host 'seed-9' does not resolve: Name or service not known"));
    }

    [TestCase("seed-0:70000", "seeds.txt:1: '70000' is not a port (1-65535)")]
    [TestCase("999.1.1.1:5001", "seeds.txt:1:")]
    [TestCase("-bad-:5001", "seeds.txt:1:")]
    public void WhatIsNeitherAnAddressNorAName_IsTheListsOwnError(string line, string expected)
    {
        var names = new Names();
        var ex = Assert.Throws<SeedListException>(() => SeedNames.Parse([line], "seeds.txt", names.Resolve));
        Assert.That(ex!.Message, Does.StartWith(expected));
        Assert.That(names.Asked, Is.Empty, "only a name's shape is looked up");
    }

    [Test]
    public void ASeedNamedByHost_IsLookedUpAgainAtEachDial_AndKeepsItsLastAddressWhenTheNameIsGone()
    {
        var names = new Names();
        var list = SeedNames.Parse(["seed-0:5001", "10.0.0.12:5001"], "seeds.txt", names.Resolve);
        var first = NodeAddress.Parse("10.0.0.10:5001");
        names.Table["seed-0"] = "10.0.0.20";
        Assert.That(list.DialAddress(first).ToString(), Is.EqualTo("10.0.0.20:5001"), "the container came back elsewhere");
        names.Table.Remove("seed-0");
        Assert.That(list.DialAddress(first).ToString(), Is.EqualTo("10.0.0.20:5001"), "where its name pointed last");
        var literal = NodeAddress.Parse("10.0.0.12:5001");
        names.Asked.Clear();
        Assert.That(list.DialAddress(literal), Is.EqualTo(literal));
        Assert.That(names.Asked, Is.Empty, "an IP literal is never looked up");
    }

    [Test]
    public void ASeedNamedByHostAndPinned_IsKnownByAnAddressItsKeyMakes_TheSameWhateverItsNamePointsTo_AndDialledWhereItPointsNow()
    {
        using var identity = RealNet.Security.NodeIdentity.Ephemeral();
        string key = identity.PublicKey.ToBase64();
        var names = new Names();
        var list = SeedNames.Parse([$"seed-0:5001 {key}", "seed-1:5002"], "seeds.txt", names.Resolve);
        var known = SeedNames.NameOf(identity.PublicKey, 5001);
        Assert.That(known.IpText, Does.StartWith("240."), "in the reserved block, which nothing routes");
        Assert.That(list.Entries.Select(e => e.Address), Is.EqualTo(new[] { known, NodeAddress.Parse("10.0.0.11:5002") }),
            "the pinned line by its key, the unpinned one by its address");

        names.Table["seed-0"] = "10.0.0.20";
        var again = SeedNames.Parse([$"seed-0:5001 {key}"], "seeds.txt", names.Resolve);
        Assert.That(again.Entries.Single().Address, Is.EqualTo(known), "a node that reads the list after the move knows it the same");
        Assert.That(list.DialAddress(known).ToString(), Is.EqualTo("10.0.0.20:5001"), "dialled where its name points now");
        names.Table.Remove("seed-0");
        Assert.That(list.DialAddress(known).ToString(), Is.EqualTo("10.0.0.20:5001"), "where it pointed last, once the name is gone");
    }

    [Test]
    public void ASeedPinnedByKeyWhoseHostIsGone_IsTakenByItsKey_AndDialledOnceItsNameResolvesAgain()
    {
        using var identity = RealNet.Security.NodeIdentity.Ephemeral();
        var names = new Names();
        string[] lines = ["seed-0:5001", $"seed-2:5001 {identity.PublicKey.ToBase64()}"];
        Assert.Throws<SeedListException>(() => SeedNames.Parse(["seed-9:5001", lines[1]], "seeds.txt", names.Resolve),
            "a line without a key must resolve, whatever the pinned lines beside it");

        var list = SeedNames.Parse(lines, "seeds.txt", names.Resolve);
        var known = SeedNames.NameOf(identity.PublicKey, 5001);
        Assert.That(list.Entries.Select(e => e.Address.ToString()), Is.EqualTo(new[] { "10.0.0.10:5001", known.ToString() }));
        Assert.That(list.Unresolved, Is.EqualTo(new[] { "seeds.txt:2: seed host 'seed-2' does not resolve now: Name or service not known" }));
        Assert.That(list.DialAddress(known), Is.EqualTo(known), "never resolved: its key's address, which nothing routes");
        names.Table["seed-2"] = "10.0.0.30";
        Assert.That(list.DialAddress(known).ToString(), Is.EqualTo("10.0.0.30:5001"), "its name resolves again");
    }

    [TestCase(new[] { "seed-0:5001", "seed-9:5001" }, "seeds.txt:2: seed host 'seed-9' does not resolve:",
        TestName = "AnUnpinnedNameThatDoesNotResolve_IsStillAnError_WhenUnresolvedPinnedSeedsAreTaken")]
    public void AnUnpinnedNameThatDoesNotResolve_IsStillAnError(string[] lines, string expected)
    {
        var ex = Assert.Throws<SeedListException>(() => SeedNames.Parse(lines, "seeds.txt", new Names().Resolve));
        Assert.That(ex!.Message, Does.StartWith(expected));
    }

    [Test]
    public void AListWhoseSeedsAllFailToResolve_IsAnError_EvenWhenPinned()
    {
        using var a = RealNet.Security.NodeIdentity.Ephemeral();
        using var b = RealNet.Security.NodeIdentity.Ephemeral();
        var ex = Assert.Throws<SeedListException>(() => SeedNames.Parse([$"seed-8:5001 {a.PublicKey.ToBase64()}",
            $"seed-9:5001 {b.PublicKey.ToBase64()}"], "seeds.txt", new Names().Resolve));
        Assert.That(ex!.Message, Does.StartWith("seeds.txt: no seed's host resolves (seeds.txt:1: seed host 'seed-8' does not resolve now"));
    }
}
