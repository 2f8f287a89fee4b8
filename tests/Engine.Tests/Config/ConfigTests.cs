using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class ConfigTests
{
    [Test]
    public void ClassicDefaults_AreTheMissionsNumbers()
    {
        var p = new PeerConfig();
        Assert.That(p.GossipInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(p.MessagesPerPeer, Is.EqualTo(10));
        Assert.That(p.PingInterval, Is.EqualTo(TimeSpan.FromSeconds(13)));
        Assert.That(p.MissesBeforeSuspect, Is.EqualTo(3));
        Assert.That(p.LinksPerNewcomer, Is.EqualTo(3));
    }

    [Test]
    public void ANonsenseSetting_IsRefusedByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => (new PeerConfig() with { PingInterval = TimeSpan.Zero }).Validate());
        Assert.That(ex!.Message, Does.Contain("PingInterval"));
    }
}
