using GossipSim.Scenarios.Dashboard.Layout;

namespace GossipSim.Dashboard.Tests.Layout;

public class ForceLayoutTests
{
    /// <summary>A preferential-attachment graph (each newcomer links to 2 earlier nodes, by degree), fixed by its seed.</summary>
    private static List<(ulong, ulong)> Graph(int n, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<(ulong, ulong)> { (1, 2) };
        var ends = new List<ulong> { 1, 2 };
        for (ulong v = 3; v <= (ulong)n; v++)
        {
            var picked = new HashSet<ulong>();
            while (picked.Count < Math.Min(2, (int)v - 1)) picked.Add(ends[rng.Next(ends.Count)]);
            foreach (var u in picked) { edges.Add((u, v)); ends.Add(u); ends.Add(v); }
        }
        return edges;
    }

    private static IEnumerable<ulong> Nodes(int n) => Enumerable.Range(1, n).Select(i => (ulong)i);

    private static Dictionary<ulong, (double x, double y)> Positions(ForceLayout layout) =>
        layout.Nodes.ToDictionary(n => n, n => { layout.TryGetPosition(n, out var x, out var y); return (x, y); });

    private static ForceLayout Settled(int n, List<(ulong, ulong)> edges)
    {
        var layout = new ForceLayout();
        layout.SetGraph(Nodes(n), edges);
        for (int i = 0; i < 100 && layout.Step(10) > 0; i++) { }
        return layout;
    }

    private static double Distance((double x, double y) a, (double x, double y) b) => Math.Sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));

    [Test]
    public void TheSameGraphAndSteps_GiveTheSamePositions_BitForBit()
    {
        var edges = Graph(80, 7);
        var a = new ForceLayout();
        var b = new ForceLayout();
        a.SetGraph(Nodes(80), edges);
        b.SetGraph(Nodes(80).Reverse(), edges.AsEnumerable().Reverse()); // input order does not matter
        a.Step(150);
        b.Step(150);
        var pa = Positions(a);
        var pb = Positions(b);
        Assert.That(pa.Keys, Is.EquivalentTo(pb.Keys));
        foreach (var k in pa.Keys)
        {
            Assert.That(BitConverter.DoubleToInt64Bits(pa[k].x), Is.EqualTo(BitConverter.DoubleToInt64Bits(pb[k].x)), $"x of {k}");
            Assert.That(BitConverter.DoubleToInt64Bits(pa[k].y), Is.EqualTo(BitConverter.DoubleToInt64Bits(pb[k].y)), $"y of {k}");
        }
    }

    [Test]
    public void ALaidOutGraph_ComesToRest_AndThenDoesNotMove()
    {
        var layout = Settled(60, Graph(60, 3));
        Assert.That(layout.Moving, Is.False, "every node should cool to rest");
        var before = Positions(layout);
        Assert.That(layout.Step(50), Is.Zero);
        Assert.That(Positions(layout), Is.EqualTo(before));
    }

    [Test]
    public void LinkedNodes_SitCloserThanNodesInGeneral()
    {
        var edges = Graph(60, 11);
        var p = Positions(Settled(60, edges));
        double meanEdge = edges.Average(e => Distance(p[e.Item1], p[e.Item2]));
        var keys = p.Keys.ToList();
        double meanPair = keys.SelectMany((a, i) => keys.Skip(i + 1).Select(b => Distance(p[a], p[b]))).Average();
        Assert.That(meanEdge, Is.LessThan(0.6 * meanPair), $"mean link length {meanEdge:F1}, mean distance {meanPair:F1}");
    }

    [Test]
    public void EveryNode_StaysInsideTheArea_AndNoTwoOverlap()
    {
        var edges = Graph(150, 5);
        // a second, separate component and isolated nodes must stay on screen too
        edges.AddRange(new (ulong, ulong)[] { (1001, 1002), (1002, 1003) });
        var layout = new ForceLayout(1000, 640, 24);
        layout.SetGraph(Nodes(150).Concat(new ulong[] { 1001, 1002, 1003, 2001, 2002 }), edges);
        for (int i = 0; i < 100 && layout.Step(10) > 0; i++) { }
        var p = Positions(layout);
        foreach (var (k, (x, y)) in p)
        {
            Assert.That(x, Is.InRange(24.0, 976.0), $"x of {k}");
            Assert.That(y, Is.InRange(24.0, 616.0), $"y of {k}");
        }
        var keys = p.Keys.ToList();
        double closest = keys.SelectMany((a, i) => keys.Skip(i + 1).Select(b => Distance(p[a], p[b]))).Min();
        Assert.That(closest, Is.GreaterThan(layout.IdealDistance / 5), "two nodes drawn on top of each other");
    }

    [Test]
    public void APeerJoiningElsewhere_DoesNotMoveNodesAwayFromIt()
    {
        var edges = Graph(60, 9);
        var layout = Settled(60, edges);
        var before = Positions(layout);
        // node 61 attaches to node 40; only 40 and its neighbours are warmed
        var grown = edges.Append(((ulong)40, (ulong)61)).ToList();
        layout.SetGraph(Nodes(61), grown);
        for (int i = 0; i < 100 && layout.Step(10) > 0; i++) { }
        var after = Positions(layout);
        var near = new HashSet<ulong> { 40, 61 };
        foreach (var (a, b) in edges) { if (a == 40) near.Add(b); if (b == 40) near.Add(a); }
        foreach (var k in before.Keys.Where(k => !near.Contains(k)))
            Assert.That(after[k], Is.EqualTo(before[k]), $"node {k} is not next to the change but moved");
        double nearMove = near.Where(before.ContainsKey).Max(k => Distance(before[k], after[k]));
        Assert.That(nearMove, Is.LessThan(layout.IdealDistance), "the neighbourhood of the change should shift, not jump");
    }

    [Test]
    public void ANewNode_StartsBesideItsPlacedNeighbours()
    {
        var edges = Graph(30, 2);
        var layout = Settled(30, edges);
        layout.SetGraph(Nodes(30).Append(31UL), edges.Append((5UL, 31UL)));
        layout.TryGetPosition(5, out var x5, out var y5);
        layout.TryGetPosition(31, out var x, out var y);
        Assert.That(Distance((x, y), (x5, y5)), Is.LessThanOrEqualTo(layout.IdealDistance + 1e-9));
    }

    [Test]
    public void ANodeThatLeavesTheDrawnSet_ComesBackWhereItWas()
    {
        var edges = Graph(40, 4);
        var layout = Settled(40, edges);
        layout.TryGetPosition(17, out var x, out var y);
        layout.SetGraph(Nodes(40).Where(n => n != 17), edges.Where(e => e.Item1 != 17 && e.Item2 != 17));
        Assert.That(layout.TryGetPosition(17, out _, out _), Is.False);
        layout.SetGraph(Nodes(40), edges);
        layout.TryGetPosition(17, out var x2, out var y2);
        Assert.That((x2, y2), Is.EqualTo((x, y)));
    }
}
