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
    public void Warning_OnlyForAListenPortInsideTheRange(int port, int low, int high, bool warns)
    {
        string? warning = EphemeralPorts.Warning(port, EphemeralPorts.Origin.Operator, (low, high));
        Assert.That(warning != null, Is.EqualTo(warns));
        if (warns) Assert.That(warning, Does.Contain($"listen port {port}").And.Contain($"{low}-{high}").And.Contain($"Listen below {low}"));
    }

    [TestCase(0, false, EphemeralPorts.Origin.OperatingSystem)]
    [TestCase(0, true, EphemeralPorts.Origin.OperatingSystem)]
    [TestCase(40000, true, EphemeralPorts.Origin.Launcher)]
    [TestCase(40000, false, EphemeralPorts.Origin.Operator)]
    [TestCase(5001, false, EphemeralPorts.Origin.Operator)]
    public void OriginOf_TellsWhoChoseThePort(int port, bool launched, EphemeralPorts.Origin origin) =>
        Assert.That(EphemeralPorts.OriginOf(port, launched), Is.EqualTo(origin));

    [TestCase(EphemeralPorts.Origin.OperatingSystem)]
    [TestCase(EphemeralPorts.Origin.Launcher)]
    public void Warning_ForAPortInsideTheRangeThatTheOperatorDidNotChoose_IsNone(EphemeralPorts.Origin origin) =>
        Assert.That(EphemeralPorts.Warning(40000, origin, (32768, 60999)), Is.Null);

    [Test]
    public void Warning_WithTheRangeUnknown_IsNone() => Assert.That(EphemeralPorts.Warning(40000, EphemeralPorts.Origin.Operator, null), Is.Null);

    [TestCase("32768\t60999\n", 32768, 60999)]
    [TestCase("1024 65535", 1024, 65535)]
    public void Parse_ReadsTheProcFileForm(string text, int low, int high) => Assert.That(EphemeralPorts.Parse(text), Is.EqualTo((low, high)));

    [TestCase("")]
    [TestCase("32768")]
    [TestCase("60999 32768")]
    [TestCase("a b")]
    public void Parse_OfAnythingElse_IsNull(string text) => Assert.That(EphemeralPorts.Parse(text), Is.Null);
}
