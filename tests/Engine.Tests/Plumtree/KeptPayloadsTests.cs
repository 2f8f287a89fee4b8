using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Plumtree;

/// <summary>The messages a Plumtree peer keeps for GRAFTs: a ring in receipt order, swept from its oldest, searched by key.</summary>
public class KeptPayloadsTests
{
    private static readonly NodeAddress Asker = NodeAddress.Parse("10.1.0.9:7000");
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(30);

    private static Messages.Gossip Message(int origin, int number, int createdSeconds) =>
        new(new MessageId(NodeAddress.Parse($"10.1.0.{origin}:7000"), number), TimeSpan.FromSeconds(createdSeconds), 3, false, [1, 2]);

    [Test]
    public void AGraft_IsAnsweredWithItsOwnMessage_AcrossTheRingsGrowthAndWrap()
    {
        var kept = new KeptPayloads();
        for (int i = 1; i <= 10; i++) kept.Keep(Message(i, 1, i), incarnation: 1);
        kept.Sweep(TimeSpan.FromSeconds(35), Retention); // created at 1..5 go: the ring's head moves on
        for (int i = 11; i <= 20; i++) kept.Keep(Message(i, 1, i), incarnation: 1); // these wrap into the freed slots, then grow it
        Assert.That(kept.Count, Is.EqualTo(15));
        foreach (int i in new[] { 6, 10, 11, 20 })
        {
            var answer = kept.Answer(Message(i, 1, i).Id, 1, Asker, TimeSpan.FromSeconds(35), Retention);
            Assert.That(answer, Is.Not.Null, $"message {i}");
            Assert.That((answer!.Id, answer.CreatedAt, answer.Hops, answer.OriginCertificate.Incarnation),
                Is.EqualTo((Message(i, 1, i).Id, TimeSpan.FromSeconds(i), 3, 1L)));
        }
        Assert.That(kept.Answer(Message(5, 1, 5).Id, 1, Asker, TimeSpan.FromSeconds(35), Retention), Is.Null, "swept");
        Assert.That(kept.Answer(Message(6, 1, 6).Id, 2, Asker, TimeSpan.FromSeconds(35), Retention), Is.Null, "another incarnation");
    }

    [Test]
    public void ANeighbour_IsAnsweredOnce_AndNothingPastItsRetention()
    {
        var kept = new KeptPayloads();
        kept.Keep(Message(1, 1, 10), incarnation: 1);
        var id = Message(1, 1, 10).Id;
        Assert.That(kept.Answer(id, 1, Asker, TimeSpan.FromSeconds(20), Retention), Is.Not.Null);
        Assert.That(kept.Answer(id, 1, Asker, TimeSpan.FromSeconds(20), Retention), Is.Null, "asked again");
        Assert.That(kept.Answer(id, 1, NodeAddress.Parse("10.1.0.8:7000"), TimeSpan.FromSeconds(40), Retention), Is.Null, "past retention");
    }

    [Test]
    public void TheSweep_LeavesNone_OnceEveryMessageIsPastItsRetention_EvenOneReceivedLate()
    {
        var kept = new KeptPayloads();
        kept.Keep(Message(1, 1, 20), incarnation: 1);
        kept.Keep(Message(2, 1, 5), incarnation: 1); // received after a newer one
        kept.Sweep(TimeSpan.FromSeconds(40), Retention);
        Assert.That(kept.Count, Is.EqualTo(2), "the late one waits behind the head, still fresh");
        Assert.That(kept.Answer(Message(2, 1, 5).Id, 1, Asker, TimeSpan.FromSeconds(40), Retention), Is.Null, "but is not answered");
        kept.Sweep(TimeSpan.FromSeconds(50), Retention);
        Assert.That(kept.Count, Is.EqualTo(0));
    }
}
