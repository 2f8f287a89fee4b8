using GossipSim.Analysis.Checks;

namespace GossipSim.Analysis.Tests.Checks;

public class HeldUpTimeTests
{
    // Each span is (taken at, late by): the node was held up from (at - late) to at. The window is 10 s from t=20.
    [TestCase(new double[0], 0.0, TestName = "nothing held up: the window stays")]
    [TestCase(new[] { 25.0, 2.0 }, 2.0, TestName = "a stall of 2 s inside: 2 s more")]
    [TestCase(new[] { 21.0, 3.0 }, 1.0, TestName = "a stall that began before the window: only its part inside")]
    [TestCase(new[] { 25.0, 2.0, 25.0, 2.0, 24.5, 1.0 }, 2.0, TestName = "one stall seen by several nodes counts once")]
    [TestCase(new[] { 25.0, 2.0, 31.0, 2.0 }, 4.0, TestName = "a stall just past the window, taken in as it grows")]
    [TestCase(new[] { 25.0, 2.0, 40.0, 2.0 }, 2.0, TestName = "a stall well after the window: not taken in")]
    [TestCase(new[] { 15.0, 2.0 }, 0.0, TestName = "a stall before the window: nothing")]
    public void AWindow_GrowsByTheHeldUpTimeInIt_CountedOnce(double[] spans, double extra)
    {
        var heldUp = new HeldUpTime();
        for (int i = 0; i < spans.Length; i += 2) heldUp.Add(spans[i], spans[i + 1]);
        Assert.That(heldUp.Within(20, 10), Is.EqualTo(extra).Within(1e-9));
    }
}
