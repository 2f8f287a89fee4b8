using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.SeedPa;
using GossipSim.Engine.Tests.Support;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>How many links a seed-pa peer asks for when it loses one: its own lost links are replaced, another's only below the
/// newcomer's count.</summary>
public class LinkLossTests
{
    [TestCase(true, 2, 0, 3, 1, Description = "its own link, left at 2: replaced")]
    [TestCase(true, 8, 0, 3, 1, Description = "a hub's own link: replaced, the hub keeps the links it made")]
    [TestCase(true, 2, 1, 3, 1, Description = "its own link with one under way: still its own to replace")]
    [TestCase(false, 8, 0, 3, 0, Description = "a hub loses a link a newcomer made: that newcomer's to replace, not the hub's")]
    [TestCase(false, 3, 0, 3, 0, Description = "another's link, left at the newcomer's count: nothing")]
    [TestCase(false, 2, 0, 3, 1, Description = "another's link, left under the count: up to it")]
    [TestCase(false, 0, 0, 3, 3, Description = "every link lost: the newcomer's count")]
    [TestCase(false, 1, 1, 3, 1, Description = "what is under way counts")]
    [TestCase(false, 0, 5, 3, 0, Description = "more under way than the count: nothing more")]
    [TestCase(true, 0, 0, 3, 3, Description = "its own, left with none: the newcomer's count, not one")]
    [TestCase(false, 0, 0, 1, 1, Description = "one link per newcomer")]
    public void LinksToAsk(bool own, int degree, int underWay, int linksPerNewcomer, int expected) =>
        Assert.That(LinkLoss.LinksToAsk(own, degree, underWay, linksPerNewcomer), Is.EqualTo(expected));
}

/// <summary>
/// The seed-pa overlay under churn (peers crash, restart and leave for minutes): the links stay about as many as the newcomers
/// made. Replacing every lost link at both its ends kept a departed peer's links while each restarted peer added its own, so
/// the mean degree climbed step by step.
/// </summary>
public class OverlayChurnTests
{
    [Test]
    public void UnderChurn_TheMeanDegree_StaysAtWhatTheNewcomersMade()
    {
        var peer = SimHarness.FastPeer() with { MessagesPerPeer = 0, LinksPerNewcomer = 3 };
        var h = new SimHarness(3, seed: 50, peer: peer, seedConfig: SimHarness.FastSeed());
        h.AddPeers(40, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
        var rng = new Random(50);
        var down = new Queue<int>();
        var samples = new List<(double T, double Mean, int Max)>();
        // Every 3 s from 20 s to 560 s a step: a random live peer crashes or leaves, or the one longest down restarts.
        for (int k = 0; k < 180; k++)
        {
            int step = k;
            h.Net.Schedule(TimeSpan.FromSeconds(20 + 3 * step), () =>
            {
                if (step % 2 == 1 && down.Count > 0)
                {
                    h.Net.Restart(down.Dequeue());
                    return;
                }
                var live = h.PeerIndex.Where(h.Net.IsAlive).ToList();
                int victim = live[rng.Next(live.Count)];
                if (step % 4 == 0) h.Net.Leave(victim);
                else h.Net.Crash(victim);
                down.Enqueue(victim);
            });
        }
        for (int t = 20; t <= 580; t += 40)
        {
            h.Run(t);
            var degrees = h.LivePeers.Select(p => p.Degree).ToList();
            samples.Add((t, degrees.Average(), degrees.Max()));
        }
        foreach (var (t, mean, max) in samples) TestContext.Out.WriteLine($"t {t,4} s  mean degree {mean:0.00}  max {max}");

        double start = samples[0].Mean, end = samples[^1].Mean;
        Assert.That(start, Is.GreaterThan(peer.LinksPerNewcomer), "built: newcomers linked");
        // Each peer's own links are about the newcomer's count, so the mean is about twice it.
        Assert.That(samples.Max(s => s.Mean), Is.LessThanOrEqualTo(2 * peer.LinksPerNewcomer + 1),
            "the mean degree stays about twice the newcomer's links");
        Assert.That(end, Is.LessThanOrEqualTo(start + 1), $"no ratchet: {start:0.00} after the joins, {end:0.00} after 180 churn steps");
        Assert.That(h.LivePeers.All(p => p.Degree >= 1), Is.True, "every live peer keeps a link (the overlay heals)");
    }
}
