using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Tests.PowerLaw;

/// <summary>The bootstrap's body draw gives, for every point, the value index an array of every point's index would give.</summary>
public class BodyDrawsTests
{
    private static IEnumerable<TestCaseData> Bodies()
    {
        yield return new TestCaseData(new[] { 5 }, 1).SetName("one value");
        yield return new TestCaseData(new[] { 1, 1, 1 }, 3).SetName("one point a value");
        yield return new TestCaseData(new[] { 1 }, 1).SetName("one point");
        yield return new TestCaseData(new[] { 3, 7, 2, 9 }, 2).SetName("only the values below xmin count");
        yield return new TestCaseData(new[] { 398_415, 199_948, 114_600, 71_400, 47_900, 33_600, 24_300, 18_300, 14_000, 11_000 }, 10)
            .SetName("a million peers' degrees: buckets spanning no boundary");
        yield return new TestCaseData(Enumerable.Range(0, 5000).Select(i => 1 + i % 3).ToArray(), 5000)
            .SetName("more values than buckets: several boundaries in a bucket");
        yield return new TestCaseData(new[] { 1024, 1, 1023, 2048 }, 4).SetName("ends on bucket edges");
    }

    [TestCaseSource(nameof(Bodies))]
    public void EveryPoint_IsInTheValueThatHoldsIt(int[] counts, int bodyValues)
    {
        var expanded = new List<int>();
        for (int i = 0; i < bodyValues; i++) expanded.AddRange(Enumerable.Repeat(i, counts[i]));
        var draws = new BodyDraws(counts, bodyValues);
        Assert.That(draws.Points, Is.EqualTo(expanded.Count));
        for (int j = 0; j < expanded.Count; j++)
            if (draws.ValueOf(j) != expanded[j])
                Assert.Fail($"point {j}: value index {draws.ValueOf(j)}, expected {expanded[j]}");
    }

    [Test]
    public void NoValuesBelowXmin_IsNoPoints()
    {
        Assert.That(new BodyDraws(new[] { 4, 5 }, 0).Points, Is.Zero);
    }
}
