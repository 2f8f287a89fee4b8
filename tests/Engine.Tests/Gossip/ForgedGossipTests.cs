using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Gossip;

/// <summary>What a peer remembers of forged gossip: exact copies only, and a budget of checks per neighbour.</summary>
public class ForgedGossipTests
{
    private static readonly NodeAddress Origin = NodeAddress.Parse("10.0.0.1:5000");
    private static readonly NodeKey Key = new([4, 1, 2, 3]);
    private static readonly NodeKey OtherKey = new([4, 9, 9, 9]);
    private static readonly TimeSpan Created = TimeSpan.FromSeconds(100);
    private static readonly byte[] Forged = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

    // what differs from the refused forgery -> still known as refused
    [TestCase("nothing", true)]
    [TestCase("a copy of its signature bytes", true, Description = "the same bytes in another array: a decoded copy")]
    [TestCase("the signature", false, Description = "the genuine message: its origin's signature is other bytes")]
    [TestCase("one signature byte", false)]
    [TestCase("a shorter signature", false)]
    [TestCase("the number", false)]
    [TestCase("the origin", false)]
    [TestCase("the creation time", false)]
    [TestCase("the key", false, Description = "checked under another certificate's key: another check")]
    [TestCase("no key", false)]
    public void Contains_OnlyTheExactMessageRefused(string change, bool known)
    {
        var memory = new ForgedGossipMemory();
        var id = new MessageId(Origin, 3);
        memory.Add(id, Created, Key, Forged);
        var signature = Forged;
        NodeKey? key = Key;
        var created = Created;
        switch (change)
        {
            case "a copy of its signature bytes": signature = [.. Forged]; break;
            case "the signature": signature = Enumerable.Range(100, 64).Select(i => (byte)i).ToArray(); break;
            case "one signature byte": signature = [.. Forged]; signature[63] ^= 1; break;
            case "a shorter signature": signature = Forged[..63]; break;
            case "the number": id = id with { Number = 4 }; break;
            case "the origin": id = id with { Origin = NodeAddress.Parse("10.0.0.2:5000") }; break;
            case "the creation time": created += TimeSpan.FromTicks(1); break;
            case "the key": key = OtherKey; break;
            case "no key": key = null; break;
        }
        Assert.That(memory.Contains(id, created, key, signature), Is.EqualTo(known));
    }

    [Test]
    public void AFloodOfFreshForgeries_StaysWithinTheSlots_AndAGenuineMessageIsNeverTakenForOne()
    {
        var memory = new ForgedGossipMemory();
        var genuine = Signature(new Rng(1));
        var rng = new Rng(2);
        for (int i = 0; i < 100 * ForgedGossipMemory.Slots; i++)
        {
            var forged = Signature(rng);
            memory.Add(new MessageId(Origin, 1 + i % 10), Created, Key, forged);
        }
        for (int n = 1; n <= 10; n++)
            Assert.That(memory.Contains(new MessageId(Origin, n), Created, Key, genuine), Is.False, "another signature is another message");
    }

    [Test]
    public void TheLatestForgeries_AreRemembered_MostOfThem()
    {
        var memory = new ForgedGossipMemory();
        var rng = new Rng(3);
        var recent = Enumerable.Range(0, ForgedGossipMemory.Slots / 4).Select(_ => Signature(rng)).ToArray();
        foreach (var s in recent) memory.Add(new MessageId(Origin, 1), Created, Key, s);
        int known = recent.Count(s => memory.Contains(new MessageId(Origin, 1), Created, Key, s));
        // Direct-mapped: a quarter of the slots filled at random keeps about 88 % (1 - collisions).
        Assert.That(known, Is.GreaterThan(recent.Length * 3 / 4));
    }

    private static byte[] Signature(Rng rng) => Enumerable.Range(0, 8).SelectMany(_ => BitConverter.GetBytes(rng.NextUInt64())).ToArray();

    private static readonly NodeAddress Liar = NodeAddress.Parse("10.0.0.7:5000");
    private static readonly NodeAddress Honest = NodeAddress.Parse("10.0.0.8:5000");

    // forgeries charged at t=0, seconds later -> may its next message be checked
    [TestCase(0, 0.0, true, Description = "a neighbour that never forged")]
    [TestCase(1, 0.0, true)]
    [TestCase(ForgeryBudgets.Burst - 1, 0.0, true)]
    [TestCase(ForgeryBudgets.Burst, 0.0, false, Description = "its budget is spent")]
    [TestCase(ForgeryBudgets.Burst, 0.99, false)]
    [TestCase(ForgeryBudgets.Burst, 1.0, true, Description = "one check back a second")]
    [TestCase(ForgeryBudgets.Burst + 5, 1.0, true, Description = "charges past the budget do not dig a deeper hole")]
    public void MayCheck_UntilTheBudgetIsSpent_ThenOneASecond(int forgeries, double later, bool mayCheck)
    {
        var budgets = new ForgeryBudgets();
        for (int i = 0; i < forgeries; i++) budgets.Charge(Liar, TimeSpan.Zero);
        Assert.That(budgets.MayCheck(Liar, TimeSpan.FromSeconds(later)), Is.EqualTo(mayCheck));
        Assert.That(budgets.MayCheck(Honest, TimeSpan.FromSeconds(later)), Is.True, "another neighbour has its own budget");
    }

    [Test]
    public void Charge_SaysWhenTheBudgetRunsOut_OncePerSpell()
    {
        var budgets = new ForgeryBudgets();
        var spent = Enumerable.Range(0, ForgeryBudgets.Burst + 3).Select(_ => budgets.Charge(Liar, TimeSpan.Zero)).ToArray();
        Assert.That(Array.IndexOf(spent, true), Is.EqualTo(ForgeryBudgets.Burst - 1), "the last token");
        Assert.That(spent.Count(s => s), Is.EqualTo(1), "the moment it ran out, not every forgery after");
        Assert.That(budgets.Charge(Liar, TimeSpan.FromSeconds(1)), Is.True, "the token that came back is spent at once: out again");
    }

    [Test]
    public void ALiarAtAnyRate_CostsTheBurstThenOneCheckASecond()
    {
        var budgets = new ForgeryBudgets();
        int checks = 0;
        // 10,000 forgeries a second for 60 s, each checked only if the budget allows.
        for (int ms = 0; ms < 60_000; ms++)
            for (int k = 0; k < 10; k++)
            {
                var now = TimeSpan.FromMilliseconds(ms);
                if (!budgets.MayCheck(Liar, now)) continue;
                checks++;
                budgets.Charge(Liar, now);
            }
        Assert.That(checks, Is.InRange(ForgeryBudgets.Burst + 59, ForgeryBudgets.Burst + 60));
    }

    [Test]
    public void Budgets_AreBounded_AndForgivenOnceWhole()
    {
        var budgets = new ForgeryBudgets();
        for (int i = 0; i < ForgeryBudgets.Capacity; i++) budgets.Charge(new NodeAddress(0x0A000000u + (uint)i, 1), TimeSpan.Zero);
        Assert.That(budgets.Held, Is.EqualTo(ForgeryBudgets.Capacity));
        Assert.That(budgets.Charge(Liar, TimeSpan.Zero), Is.False, "one more is not tracked while the others' forgeries are recent");
        Assert.That(budgets.Held, Is.EqualTo(ForgeryBudgets.Capacity));
        budgets.Charge(Liar, TimeSpan.FromSeconds(1)); // one token each came back: whole again, forgiven
        Assert.That(budgets.Held, Is.EqualTo(1));
    }
}
