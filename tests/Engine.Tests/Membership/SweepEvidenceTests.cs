using GossipSim.Engine.Membership;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Membership;

/// <summary>When the seed's own sweep proposes a silent member's removal: silent at two passes in a row.</summary>
public class SweepEvidenceTests
{
    [TestCase(null, 100.0, false, Description = "the first silent probe: probed again at the next pass")]
    [TestCase(70.0, 100.0, true, Description = "silent at the last pass too (an interval before): proposed")]
    [TestCase(99.5, 100.0, false, Description = "the same pass (a second probe moments later): not yet")]
    [TestCase(85.0, 100.0, true, Description = "half an interval before: an earlier pass")]
    [TestCase(30.0, 100.0, false, Description = "silent long ago, answered since or not probed: forgotten, not counted")]
    public void Proposes(double? silentBefore, double now, bool expected) =>
        Assert.That(SweepEvidence.Proposes(silentBefore is { } t ? TimeSpan.FromSeconds(t) : null, TimeSpan.FromSeconds(now),
            TimeSpan.FromSeconds(30)), Is.EqualTo(expected));

    [TestCase(40.0, 100.0, false)]
    [TestCase(39.0, 100.0, true)]
    public void AFindingOlderThanTwoPasses_IsStale(double at, double now, bool stale) =>
        Assert.That(SweepEvidence.IsStale(TimeSpan.FromSeconds(at), TimeSpan.FromSeconds(now), TimeSpan.FromSeconds(30)), Is.EqualTo(stale));
}
