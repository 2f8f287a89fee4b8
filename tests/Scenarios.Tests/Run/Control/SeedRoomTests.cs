using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Tests.Run.Control;

/// <summary>A seed-set change through the manager starts a seed only where the runtime has room for one (the namespace bed builds its
/// namespaces before the run).</summary>
public class SeedRoomTests
{
    [TestCase(SeedSetChangeKind.Add, 3, null, null)]
    [TestCase(SeedSetChangeKind.Add, 40, null, null)]
    [TestCase(SeedSetChangeKind.Add, 3, 5, null)]
    [TestCase(SeedSetChangeKind.Replace, 4, 5, null)]
    [TestCase(SeedSetChangeKind.Add, 5, 5, "seed-set add: the namespace bed was built with room for 5 seeds (2 to add), and all 5 are started")]
    [TestCase(SeedSetChangeKind.Replace, 5, 5, "seed-set replace: the namespace bed was built with room for 5 seeds (2 to add), and all 5 are started")]
    [TestCase(SeedSetChangeKind.Remove, 5, 5, null)]
    [TestCase(SeedSetChangeKind.Add, 3, 3, "seed-set add: the namespace bed was built with room for 3 seeds (0 to add), and all 3 are started")]
    public void NoSeedRoom_RefusesOnlyAChangeThatStartsASeed_WhenEveryPlaceIsTaken(SeedSetChangeKind change, int started, int? room, string? expected) =>
        Assert.That(ManagerActions.NoSeedRoom(change, started, room, scenarioSeeds: 3, "the namespace bed"), Is.EqualTo(expected));
}
