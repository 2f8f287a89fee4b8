using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Tests.Run.Faults;

public class RateWindowsTests
{
    /// <summary>
    /// A script of steps on a rate that starts at 0.01: "open a r" opens window a at rate r,
    /// "close a" ends it, "last r" sets the lasting rate; after the script, the rate in force.
    /// </summary>
    [TestCase("", 0.01, TestName = "No fault: the rate the run started with")]
    [TestCase("open a 0.05", 0.05, TestName = "A window holds its rate")]
    [TestCase("open a 0.05; close a", 0.01, TestName = "A window's end puts the starting rate back")]
    [TestCase("open a 0.05; open b 0.08; close a", 0.08, TestName = "A window ending as the next starts does not cancel it (sim-loss at 60 s)")]
    [TestCase("open a 0.05; open b 0.08; close a; close b", 0.01, TestName = "Touching windows both ended: the starting rate")]
    [TestCase("open a 0.05; open b 0.08; close b", 0.05, TestName = "A nested window ends back to the outer one")]
    [TestCase("open a 0.05; last 0.2", 0.2, TestName = "A lasting rate supersedes an open window")]
    [TestCase("open a 0.05; last 0.2; close a", 0.2, TestName = "A superseded window's end changes nothing")]
    [TestCase("last 0.2; open a 0.05; close a", 0.2, TestName = "A window after a lasting rate ends back to it")]
    [TestCase("open a 0.05; close a; close a", 0.01, TestName = "A window ends once")]
    public void TheRateInForce_AfterAScript(string script, double expected)
    {
        var windows = new RateWindows(0.01);
        var ids = new Dictionary<string, int>();
        foreach (var step in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var w = step.Split(' ');
            switch (w[0])
            {
                case "open": ids[w[1]] = windows.Open(double.Parse(w[2], System.Globalization.CultureInfo.InvariantCulture)); break;
                case "close": windows.Close(ids[w[1]]); break;
                case "last": windows.SetLasting(double.Parse(w[1], System.Globalization.CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException(step);
            }
        }
        Assert.That(windows.Current, Is.EqualTo(expected));
    }
}
