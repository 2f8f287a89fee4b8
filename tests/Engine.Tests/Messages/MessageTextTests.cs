using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class MessageTextTests
{
    [Test]
    public void GossipText_FollowsR9()
    {
        var id = new MessageId(NodeAddress.Parse("10.1.0.3:7000"), 4);
        Assert.That(GossipText.Format(TimeSpan.FromSeconds(12.25), id, withPort: false), Is.EqualTo("12.250:10.1.0.3:4"));
        Assert.That(GossipText.Format(TimeSpan.FromSeconds(12.25), id, withPort: true), Is.EqualTo("12.250:10.1.0.3:7000:4"));
    }

    [Test]
    public void DeadNodeLine_FollowsR11()
    {
        var line = DeadNodeReport.FormatLine(NodeAddress.Parse("10.1.0.3:7000"), 1700000000, NodeAddress.Parse("10.1.0.9:7001"));
        Assert.That(line, Is.EqualTo("Dead Node:10.1.0.3:7000:1700000000:10.1.0.9"));
    }
}
