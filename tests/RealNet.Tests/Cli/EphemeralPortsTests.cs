using GossipSim.RealNet.Cli;

namespace GossipSim.RealNet.Tests.Cli;

public class EphemeralPortsTests
{
    [TestCase(40000, 32768, 60999, true)]
    [TestCase(32768, 32768, 60999, true)]
    [TestCase(60999, 32768, 60999, true)]
    [TestCase(32767, 32768, 60999, false)]
    [TestCase(61000, 32768, 60999, false)]
    [TestCase(5001, 32768, 60999, false)]
    [TestCase(0, 32768, 60999, false)] // the OS picks: nothing to warn about
    public void Warning_OnlyForAListenPortInsideTheRange(int port, int low, int high, bool warns)
    {
        string? warning = EphemeralPorts.Warning(port, (low, high));
        Assert.That(warning != null, Is.EqualTo(warns));
        if (warns) Assert.That(warning, Does.Contain($"listen port {port}").And.Contain($"{low}-{high}").And.Contain($"Listen below {low}"));
    }

    [Test]
    public void Warning_WithTheRangeUnknown_IsNone() => Assert.That(EphemeralPorts.Warning(40000, null), Is.Null);

    [TestCase("32768\t60999\n", 32768, 60999)]
    [TestCase("1024 65535", 1024, 65535)]
    public void Parse_ReadsTheProcFileForm(string text, int low, int high) => Assert.That(EphemeralPorts.Parse(text), Is.EqualTo((low, high)));

    [TestCase("")]
    [TestCase("32768")]
    [TestCase("60999 32768")]
    [TestCase("a b")]
    public void Parse_OfAnythingElse_IsNull(string text) => Assert.That(EphemeralPorts.Parse(text), Is.Null);
}
