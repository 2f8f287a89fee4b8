using GossipSim.Dashboard.Frames;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>The picture's change from one frame to the next, and the whole picture a page starts from.</summary>
public class FramePictureTests
{
    private static FrameNode Peer(int k, int deg = 1, string st = "up", bool sus = false) => new(k, $"10.0.0.{k}:7000", false, deg, st, sus);

    /// <summary>A picture from "k:deg:st" nodes (st up, crashed; a trailing ? is suspected) and "a-b" links.</summary>
    private static FramePicture P(string nodes, string links)
    {
        var ns = nodes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Split(':'))
            .Select(f => Peer(int.Parse(f[0]), int.Parse(f[1]), f[2].TrimEnd('?'), f[2].EndsWith('?')))
            .ToDictionary(n => n.K);
        var ls = links.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('-'))
            .Select(f => new FrameLink(int.Parse(f[0]), int.Parse(f[1]))).ToHashSet();
        return new FramePicture(ns, ls);
    }

    private static string Show(FrameGraph g) =>
        $"nodes [{string.Join(" ", g.Nodes.Select(n => $"{n.K}:{n.Deg}:{n.St}{(n.Sus ? "?" : "")}"))}] " +
        $"gone [{string.Join(" ", g.Gone)}] made [{string.Join(" ", g.Made.Select(l => $"{l[0]}-{l[1]}"))}] closed [{string.Join(" ", g.Closed.Select(l => $"{l[0]}-{l[1]}"))}]";

    [TestCase("0:1:up 1:1:up", "0-1", "0:1:up 1:1:up", "0-1", "nodes [] gone [] made [] closed []", TestName = "nothing moved: an empty change")]
    [TestCase("0:1:up 1:1:up", "0-1", "0:1:crashed 1:1:up", "0-1", "nodes [0:1:crashed] gone [] made [] closed []", TestName = "a crash: that node only")]
    [TestCase("0:1:crashed 1:1:up", "0-1", "0:1:crashed? 1:0:up", "", "nodes [0:1:crashed? 1:0:up] gone [] made [] closed [0-1]", TestName = "a suspicion and a closed link")]
    [TestCase("0:1:up 1:2:up 2:1:up", "0-1 1-2", "1:1:up 2:1:up", "1-2", "nodes [1:1:up] gone [0] made [] closed [0-1]", TestName = "a removed node goes with its links")]
    [TestCase("0:0:up", "", "0:1:up 3:1:up", "0-3", "nodes [0:1:up 3:1:up] gone [] made [0-3] closed []", TestName = "a newcomer and its link")]
    public void AChange_HoldsOnlyWhatMoved(string beforeNodes, string beforeLinks, string afterNodes, string afterLinks, string expected)
    {
        Assert.That(Show(FramePicture.Change(P(beforeNodes, beforeLinks), P(afterNodes, afterLinks))), Is.EqualTo(expected));
    }

    [Test]
    public void TheWholePicture_IsEveryNodeAndLink_AndAChangeFromNothingWithoutTheFullMark()
    {
        var p = P("2:1:up 0:2:up 1:1:crashed", "0-2 0-1");
        var whole = p.Whole();
        Assert.That(whole.Full, Is.True);
        Assert.That(Show(whole), Is.EqualTo("nodes [0:2:up 1:1:crashed 2:1:up] gone [] made [0-1 0-2] closed []"));
        var fromNothing = FramePicture.Change(FramePicture.Empty, p);
        Assert.That((fromNothing.Full, Show(fromNothing)), Is.EqualTo((false, Show(whole))));
    }

    [TestCase(3, 1, 1, 3)]
    [TestCase(1, 3, 1, 3)]
    public void ALink_IsTheSameWhicheverEndNamesIt(int a, int b, int lower, int upper)
    {
        var link = new FrameLink(a, b);
        Assert.That((link.A, link.B, link), Is.EqualTo((lower, upper, new FrameLink(b, a))));
    }
}
