using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Membership;

public class StoreOutageTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Each row: a history of appends (R refused, K kept) and the lines it gives, in order.</summary>
    [TestCase("K K K", new string[0], Description = "a healthy store says nothing")]
    [TestCase("R", new[] { "refuses" }, Description = "the first refusal is told")]
    [TestCase("R R R R", new[] { "refuses" }, Description = "the rest of the outage is not")]
    [TestCase("R R R K", new[] { "refuses", "3 refused" }, Description = "the end of an outage is told with its count")]
    [TestCase("R K K R K", new[] { "refuses", "1 refused", "refuses", "1 refused" }, Description = "each outage is one pair")]
    public void AnOutage_IsToldWhenItBeginsAndWhenItEnds_NotOncePerCommit(string history, string[] expected)
    {
        var outage = new StoreOutage();
        var lines = new List<string>();
        double t = 0;
        foreach (var step in history.Split(' '))
        {
            t += 1;
            string? line = step == "R" ? outage.OnRefused("No space left on device", S(t)) : outage.OnKept(S(t));
            if (line != null) lines.Add(line);
        }
        Assert.That(lines, Has.Count.EqualTo(expected.Length), string.Join("\n", lines));
        for (int i = 0; i < expected.Length; i++) Assert.That(lines[i], Does.Contain(expected[i]));
    }

    [Test]
    public void TheFirstLine_SaysWhy_AndTheLastHowLong()
    {
        var outage = new StoreOutage();
        Assert.That(outage.OnRefused("No space left on device", S(10)), Does.Contain("No space left on device"));
        outage.OnRefused("No space left on device", S(11));
        Assert.That(outage.Refusing, Is.True);
        Assert.That(outage.OnKept(S(40)), Does.Contain("2 refused in 30 s"));
        Assert.That(outage.Refusing, Is.False);
    }
}
