using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

public class SwarmStreamsTests
{
    /// <summary>The seed handed on to a swarm's run: the value the committed swarm replays used.</summary>
    [Test]
    public void ASwarmRunsSeed_IsTheSwarmSeedsChild() => Assert.That(SwarmStreams.RunSeed(5, 4), Is.EqualTo(5_000_019UL));
}
