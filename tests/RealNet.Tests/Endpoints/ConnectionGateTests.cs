using System.Net;
using GossipSim.RealNet.Endpoints;
using static GossipSim.RealNet.Endpoints.ConnectionGate;

namespace GossipSim.RealNet.Tests.Endpoints;

/// <summary>The rule of <see cref="ConnectionGate.Decide"/>, as a table: 4 in all, 2 per source.</summary>
public class ConnectionGateTests
{
    private static readonly EndpointLimits Limits = new() { MaxConnections = 4, MaxConnectionsPerSource = 2 };

    // Each held connection: its source (a, b, c) and whether it is waiting (w) for its request or being answered (A).
    [TestCase("", "a", Verdict.Admit, -1, TestName = "Decide_Empty_Admits")]
    [TestCase("aw bw", "a", Verdict.Admit, -1, TestName = "Decide_RoomInAllAndForTheSource_Admits")]
    [TestCase("aw aw", "a", Verdict.CloseOneToAdmit, 0, TestName = "Decide_SourceFull_ClosesItsOldestWaiting")]
    [TestCase("aA aw", "a", Verdict.CloseOneToAdmit, 1, TestName = "Decide_SourceFull_SkipsOneBeingAnswered")]
    [TestCase("bw aA aA", "a", Verdict.Refuse, -1, TestName = "Decide_SourceFull_AllAnswered_RefusesNotClosingAnotherSource")]
    [TestCase("aw aA bw bw", "c", Verdict.CloseOneToAdmit, 0, TestName = "Decide_AllFull_ClosesTheOldestWaitingOfAnySource")]
    [TestCase("aA aA bA bw", "c", Verdict.CloseOneToAdmit, 3, TestName = "Decide_AllFull_OnlyOneWaiting_ClosesIt")]
    [TestCase("aA aA bA bA", "c", Verdict.Refuse, -1, TestName = "Decide_AllFull_AllAnswered_Refuses")]
    public void Decide_Table(string held, string source, Verdict verdict, int close)
    {
        var list = held.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => new HeldConnection(Ip(h[0]), h[1] == 'A')).ToList();
        Assert.That(Decide(list, Ip(source[0]), Limits), Is.EqualTo((verdict, close)));
    }

    [Test]
    public void TryAdmit_ClosesTheConnectionItMakesRoomWith_AndFreesItsPlaceOnDispose()
    {
        var gate = new ConnectionGate(Limits);
        var closed = new List<int>();
        var first = gate.TryAdmit(Ip('a'), () => closed.Add(1));
        var second = gate.TryAdmit(Ip('a'), () => closed.Add(2));
        second!.Answering();
        var third = gate.TryAdmit(Ip('a'), () => closed.Add(3));
        Assert.That(third, Is.Not.Null);
        Assert.That(closed, Is.EqualTo(new[] { 1 }), "the source's oldest waiting connection made room");
        third!.Answering();
        Assert.That(gate.TryAdmit(Ip('a'), () => closed.Add(4)), Is.Null, "both of the source's places are being answered");
        Assert.That(gate.Refused, Is.EqualTo(1));
        second.Dispose();
        Assert.That(gate.TryAdmit(Ip('a'), () => closed.Add(5)), Is.Not.Null, "a connection that ended gave its place back");
        Assert.That(gate.Count, Is.EqualTo(2));
        first!.Dispose(); // already gone: no effect
        Assert.That(gate.Count, Is.EqualTo(2));
    }

    private static IPAddress Ip(char source) => IPAddress.Parse($"127.0.0.{source - 'a' + 2}");
}
