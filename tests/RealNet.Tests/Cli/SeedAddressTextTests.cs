using System.Net;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Security;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary><c>seed-set</c>'s reading of a seed on its command line: an address, or a host name (the stack's seeds are named so).</summary>
public class SeedAddressTextTests
{
    private static readonly NodeIdentity Seed0 = NodeIdentity.Ephemeral(), Seed2 = NodeIdentity.Ephemeral();
    private static readonly string[] List = ["# seeds", "seed-0:5001 " + Seed0.PublicKey.ToBase64(), "seed-1:5001",
        "seed-2:5001 " + Seed2.PublicKey.ToBase64()];

    private static (IPAddress?, string) Dns(string host) => host == "seed-3" ? (IPAddress.Parse("10.0.1.30"), "") : (null, "Name or service not known");

    [TestCase("10.0.1.19:5001", "10.0.1.19:5001", null, TestName = "InSet_AnAddress_IsTheAddress")]
    [TestCase("seed-2:5001", "key", null, TestName = "InSet_AHostTheListPinsByKey_IsTheAddressMadeFromTheKey_WithoutLookingItUp")]
    [TestCase("SEED-2:5001", "key", null, TestName = "InSet_AHostName_IsMatchedWhateverItsCase")]
    [TestCase("seed-1:5001", null, "--replaces: seeds.txt:3 names seed-1:5001 without a key: give the seed's address (IP:Port)",
        TestName = "InSet_AHostTheListNamesWithoutAKey_IsRefused")]
    [TestCase("seed-2:5002", null, "--replaces: seeds.txt names no seed seed-2:5002", TestName = "InSet_AHostOnAnotherPort_IsNotTheListsSeed")]
    [TestCase("seed-9:5001", null, "--replaces: seeds.txt names no seed seed-9:5001", TestName = "InSet_AHostTheListDoesNotName_IsRefused")]
    [TestCase("seed-2:99999", null, "--replaces: '99999' is not a port (1-65535)", TestName = "InSet_AHostWithABadPort_IsRefused")]
    [TestCase("10.0.1.19", null, "--replaces: ", TestName = "InSet_AnAddressWithoutAPort_IsRefused")]
    public void InSet(string text, string? expected, string? error)
    {
        var (address, said) = SeedAddressText.InSet("--replaces", text, List, "seeds.txt");
        if (expected == "key") expected = SeedNames.NameOf(Seed2.PublicKey, 5001).ToString();
        Assert.That(address?.ToString(), Is.EqualTo(expected));
        if (error == null) Assert.That(said, Is.Null);
        else Assert.That(said, Does.StartWith(error));
    }

    [Test]
    public void InSet_AHostWithoutAList_SaysToGiveTheList()
    {
        var (address, said) = SeedAddressText.InSet("--address", "seed-2:5001", null, null);
        Assert.That(address, Is.Null);
        Assert.That(said, Is.EqualTo("--address: 'seed-2:5001' names a host: give --seeds FILE, the seed list that names it, or the "
            + "address the set holds (IP:Port)"));
    }

    [TestCase("10.0.1.31:5001", "10.0.1.31:5001", null, null, TestName = "New_AnAddress_IsTheAddress")]
    [TestCase("seed-3:5001", "10.0.1.30:5001", null, "seed-3:5001", TestName = "New_AHostName_IsLookedUpNow")]
    [TestCase("seed-4:5001", null, "--address: host 'seed-4' does not resolve: Name or service not known", null,
        TestName = "New_AHostThatDoesNotResolve_IsOneLine")]
    [TestCase("seed-3:x", null, "--address: 'x' is not a port (1-65535)", null, TestName = "New_AHostWithABadPort_IsRefused")]
    public void New(string text, string? expected, string? error, string? resolvedFrom)
    {
        var (address, said, from) = SeedAddressText.New("--address", text, Dns);
        Assert.That(address?.ToString(), Is.EqualTo(expected));
        Assert.That(said, Is.EqualTo(error));
        Assert.That(from, Is.EqualTo(resolvedFrom));
    }
}
