using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Nodes;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>
/// The one place a real seed or peer is put together, as the node executable and in-process
/// hosting both use it: what a node's directory keeps across lives, and a setting that cannot
/// hold closes everything, the port included, with a message for the operator.
/// </summary>
public class NodeAssemblyTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-assembly-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private NodeSettings Seed(NodeAddress self, IReadOnlyDictionary<NodeAddress, NodeKey>? pinned = null) => new()
    {
        SeedConfig = new SeedConfig(),
        Seeds = [self],
        PinnedKeys = pinned ?? new Dictionary<NodeAddress, NodeKey>(),
        SeedListName = "seeds.txt",
        OutDir = Path.Combine(_dir, "seed"),
    };

    [Test]
    public void ASeedAssembledAgainInItsDirectory_ProvesItsKey_ReopensItsCommitLog_AndIsALaterIncarnation()
    {
        var port = NodePort.Listen(Loopback.AnyPort);
        var address = port.Address;
        NodeKey firstKey;
        long firstIncarnation;
        using (var first = NodeAssembly.Assemble(Seed(address) with { RandomSeed = 7 }, port))
        {
            firstKey = first.Identity.PublicKey;
            firstIncarnation = first.Incarnation;
            Assert.That((first.Node, first.RandomSeed), Is.EqualTo((first.Host.Node, 7UL)));
            Assert.That(first.Node, Is.TypeOf<SeedNode>());
            Assert.That(first.UnpinnedSeedsWarning, Does.Contain("1 of 1 seeds in seeds.txt are not pinned by key"));
        }
        Thread.Sleep(5); // incarnations count milliseconds

        using var second = NodeAssembly.Assemble(Seed(address), NodePort.Listen(address));

        Assert.That(second.Identity.PublicKey, Is.EqualTo(firstKey), "the key kept in state/");
        Assert.That(second.Incarnation, Is.GreaterThan(firstIncarnation));
        Assert.That(File.Exists(Path.Combine(_dir, "seed", "state", FileCommitStore.FileName)), "the commit log in state/");
        Assert.That(File.ReadAllText(Path.Combine(_dir, "seed", NodeAssembly.NameOf(NodeRole.Seed, address) + ".txt")),
            Does.Contain("commit log ").And.Contains($"node key {firstKey.Fingerprint} from "));
    }

    [Test]
    public void ASeedNotInItsSeedList_IsRefused_AndItsPortIsFree()
    {
        var port = NodePort.Listen(Loopback.AnyPort);
        var address = port.Address;
        var settings = Seed(address) with { Seeds = [Loopback.DeadAddress()] };

        var e = Assert.Throws<NodeSetupException>(() => NodeAssembly.Assemble(settings, port))!;

        Assert.That(e.Message, Does.StartWith($"seeds.txt: this seed's address {address} is not in the seed list, and no line of it pins this seed's key"));
        NodePort.Listen(address).Transport.Abort();
    }

    [Test]
    public void ASeedWhoseLinePinsAnotherKey_IsRefused_NamingBothKeys_AndEverythingIsClosed()
    {
        var port = NodePort.Listen(Loopback.AnyPort);
        var address = port.Address;
        using var other = NodeIdentity.Ephemeral();

        var e = Assert.Throws<NodeSetupException>(() => NodeAssembly.Assemble(Seed(address, new Dictionary<NodeAddress, NodeKey> { [address] = other.PublicKey }), port))!;

        Assert.That(e.Message, Does.StartWith($"seeds.txt: this seed's line pins {other.PublicKey.Fingerprint}, but its key "));
        NodePort.Listen(address).Transport.Abort();
        string log = Path.Combine(_dir, "seed", NodeAssembly.NameOf(NodeRole.Seed, address) + ".txt");
        Assert.DoesNotThrow(() => File.Delete(log), "the log is closed");
    }

    [Test]
    public void APeerWithEverySeedPinned_HasNoWarning_AndItsTunablesAreInConfigJson()
    {
        using var seedKey = NodeIdentity.Ephemeral();
        var seed = Loopback.DeadAddress();
        var port = NodePort.Listen(Loopback.AnyPort);
        var settings = new NodeSettings
        {
            PeerConfig = new PeerConfig(),
            Seeds = [seed],
            PinnedKeys = new Dictionary<NodeAddress, NodeKey> { [seed] = seedKey.PublicKey },
            SeedListName = "seeds.txt",
            OutDir = Path.Combine(_dir, "peer"),
            Incarnation = 42,
        };

        using var peer = NodeAssembly.Assemble(settings, port);

        Assert.That((peer.UnpinnedSeedsWarning, peer.Incarnation), Is.EqualTo(((string?)null, 42L)));
        Assert.That(File.Exists(Path.Combine(_dir, "peer", StatusFile.ConfigFileName)));
        Assert.That(File.Exists(Path.Combine(_dir, "peer", "status.json")), Is.False, "no status interval: no status file");
    }
}
