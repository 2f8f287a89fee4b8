using GossipSim.Engine.Peer;
using NUnit.Framework;

namespace GossipSim.Engine.Tests;

/// <summary>What the incarnation a link was made under decides: which removals end it, and whether it watches the member now.</summary>
public class LinkIncarnationTests
{
    [TestCase(65536, 65536, true, Description = "a removal of the link's incarnation ends it")]
    [TestCase(65536, 65537, true, Description = "a removal of a later incarnation ends an earlier one's link")]
    [TestCase(65537, 65536, false, Description = "a link of the rejoined incarnation outlives the old removal")]
    [TestCase(131072, 65537, false, Description = "a restarted life's link outlives its previous life's removal")]
    public void EndedBy(long link, long removed, bool expected) =>
        Assert.That(LinkIncarnation.EndedBy(link, removed), Is.EqualTo(expected));

    [TestCase(65536, 65536, true, Description = "a link of the member's incarnation watches it")]
    [TestCase(65536, 65537, false, Description = "a rejoined member not yet shown there: its removal cuts the link, no watch")]
    [TestCase(65537, 65537, true, Description = "a kept link shown the new certificate watches it")]
    [TestCase(131072, 131072, true, Description = "a restarted member's new link watches it")]
    public void Watches(long link, long member, bool expected) =>
        Assert.That(LinkIncarnation.Watches(link, member), Is.EqualTo(expected));
}
