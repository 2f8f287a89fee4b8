using GossipSim.Engine.Peer;
using NUnit.Framework;

namespace GossipSim.Engine.Tests;

/// <summary>The links a peer keeps when it registers again: shown its new certificate, renewed where held, never made anew.</summary>
public class KeptLinksTests
{
    [TestCase(3, 65536, 65537, 65536, 65537, true, Description = "a rejoin's first certificate, before a majority answered: shown at once")]
    [TestCase(3, 65536, 65537, -1, 65537, true, Description = "a rejoin's first certificate, none held before: shown")]
    [TestCase(3, 65536, 65537, 65537, 65537, false, Description = "a later seed's reply: shown already")]
    [TestCase(0, 65536, 65537, 65536, 65537, false, Description = "no link kept: nothing to show")]
    [TestCase(3, 65536, 65537, 65536, 65536, false, Description = "the removed incarnation's certificate: nothing new to show")]
    [TestCase(3, 65536, 65537, 65536, -1, false, Description = "a reply with no certificate")]
    [TestCase(2, 65536, 65536, -1, 65536, false, Description = "a first registration: its links are made with this certificate")]
    public void ShowWithCertificate(int links, long life, long registering, long held, long received, bool expected) =>
        Assert.That(KeptLinks.ShowWithCertificate(links, life, registering, held, received), Is.EqualTo(expected));

    [TestCase(false, false, true, true, Description = "a refusal of a re-shown link: the far end no longer holds it")]
    [TestCase(false, true, true, false, Description = "a refusal of a request out: the request's, not the link's")]
    [TestCase(false, false, false, false, Description = "a refusal about no held link: nothing to end")]
    [TestCase(true, false, true, false, Description = "an acceptance of a re-shown link: it stays")]
    public void EndsHeldLink(bool accepted, bool asked, bool held, bool expected) =>
        Assert.That(KeptLinks.EndsHeldLink(accepted, asked, held), Is.EqualTo(expected));

    [TestCase(0, 65536, 65536, 3, 3, Description = "a newcomer: the newcomer's count")]
    [TestCase(1, 131072, 131072, 3, 2, Description = "a restarted peer holding one link: what it lacks")]
    [TestCase(5, 65536, 65536, 3, 0, Description = "a first registration already linked: nothing")]
    [TestCase(5, 65536, 65537, 3, 3, Description = "registered again with links kept: the full count anew, its kept links may be one side of a partition")]
    [TestCase(0, 65536, 65537, 3, 3, Description = "registered again with none kept: the newcomer's count")]
    [TestCase(2, 131072, 131073, 1, 1, Description = "a restarted peer registered again: one new link per newcomer")]
    public void LinksAtRegistration(int kept, long life, long registered, int linksPerNewcomer, int expected) =>
        Assert.That(SeedPa.LinkLoss.LinksAtRegistration(kept, registeredAgain: registered > life, linksPerNewcomer), Is.EqualTo(expected));
}
