using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Plumtree;

/// <summary>The messages a Plumtree peer awaits: found by message and by ticket, handed out and walked in a Dictionary's order.</summary>
public class AwaitedMessagesTests
{
    private static MessageId Id(int origin, int number) => new(NodeAddress.Parse($"10.1.{origin / 250}.{origin % 250 + 1}:7000"), number);
    private static NodeAddress Neighbour(int i) => NodeAddress.Parse($"10.2.0.{i + 1}:7000");

    [Test]
    public void AgainstADictionary_UnderRandomAddsAndRemoves_TheSameEntriesAreFound_AndWalkedInTheDictionarysOrder()
    {
        var random = new Random(7);
        var awaited = new AwaitedMessages();
        var model = new Dictionary<(MessageId, long), long>(); // key -> ticket, enumerated in the order the code had before
        for (int step = 0; step < 20_000; step++)
        {
            var key = (Id(random.Next(300), random.Next(1, 5)), (long)random.Next(1, 3));
            int at = awaited.Find(key.Item1, key.Item2);
            Assert.That(at >= 0, Is.EqualTo(model.ContainsKey(key)), $"step {step}: found");
            if (at < 0) model[key] = awaited.At(awaited.Add(key.Item1, key.Item2)).Ticket;
            else
            {
                Assert.That(awaited.At(at).Ticket, Is.EqualTo(model[key]), $"step {step}: its ticket");
                Assert.That(awaited.FindTicket(model[key]), Is.EqualTo(at), $"step {step}: found by ticket");
                awaited.Remove(at);
                Assert.That(awaited.FindTicket(model[key]), Is.EqualTo(-1), $"step {step}: a freed entry's ticket finds nothing");
                model.Remove(key);
            }
            Assert.That(awaited.Count, Is.EqualTo(model.Count));
        }
        Assert.That(awaited.InOrder(), Is.EqualTo(model.Values.ToList()));
    }

    [Test]
    public void APlaceHandedOutAgain_GivesANewTicket_SoATimerOfTheMessageBeforeFindsNothing()
    {
        var awaited = new AwaitedMessages();
        int first = awaited.Add(Id(1, 1), 1);
        long oldTicket = awaited.At(first).Ticket;
        awaited.Remove(first);
        int again = awaited.Add(Id(2, 1), 1);
        Assert.That(again, Is.EqualTo(first), "the place freed last is handed out first");
        Assert.That(awaited.At(again).Ticket, Is.Not.EqualTo(oldTicket).And.GreaterThan(0));
        Assert.That(awaited.FindTicket(oldTicket), Is.EqualTo(-1));
        Assert.That(awaited.FindTicket(0), Is.EqualTo(-1), "0 is the sweep's timer, never a ticket");
    }

    [Test]
    public void Addresses_AddRemoveAndRemoveAt_KeepTheOrder_InlineAndPastIt()
    {
        var random = new Random(3);
        var list = new AwaitedMessages.Addresses();
        var model = new List<NodeAddress>();
        for (int step = 0; step < 5_000; step++)
        {
            int op = random.Next(3);
            if (op == 0 || model.Count == 0)
            {
                if (model.Count == 16) continue;
                var a = Neighbour(random.Next(40));
                list.Add(a);
                model.Add(a);
            }
            else if (op == 1)
            {
                int i = random.Next(model.Count);
                list.RemoveAt(i);
                model.RemoveAt(i);
            }
            else
            {
                var a = Neighbour(random.Next(40));
                list.Remove(a);
                model.Remove(a);
            }
            Assert.That(list.Count, Is.EqualTo(model.Count), $"step {step}");
            Assert.That(Enumerable.Range(0, list.Count).Select(i => list[i]), Is.EqualTo(model), $"step {step}");
            var probe = Neighbour(random.Next(40));
            Assert.That(list.Contains(probe), Is.EqualTo(model.Contains(probe)));
        }
    }
}
