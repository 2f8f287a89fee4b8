using GossipSim.Bench.Exchange;

namespace GossipSim.Bench.Tests.Exchange;

/// <summary>The kernel's mail names its sender, receiver and round in every word, and its hash is of the bytes as they are.</summary>
public class MailPatternTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(13)]
    [TestCase(4096)]
    public void WhatIsWritten_Checks_WithTheSameHash(int length)
    {
        var segment = new byte[length];
        ulong hash = MailPattern.Write(segment, 2, 1, 5);
        Assert.That(MailPattern.Check(segment, 2, 1, 5), Is.EqualTo((true, hash)));
    }

    [TestCase(3, 1, 5)]
    [TestCase(2, 0, 5)]
    [TestCase(2, 1, 6)]
    public void AnotherSenderReceiverOrRound_DoesNotMatch(int sender, int receiver, int round)
    {
        var segment = new byte[64];
        MailPattern.Write(segment, 2, 1, 5);
        Assert.That(MailPattern.Check(segment, sender, receiver, round).Matches, Is.False);
    }

    [TestCase(0)]
    [TestCase(9)]
    [TestCase(20)]
    public void OneChangedByte_DoesNotMatch_AndChangesTheHash(int at)
    {
        var segment = new byte[21];
        ulong hash = MailPattern.Write(segment, 0, 1, 0);
        segment[at] ^= 0x10;
        var (matches, changed) = MailPattern.Check(segment, 0, 1, 0);
        Assert.That(matches, Is.False);
        Assert.That(changed, Is.Not.EqualTo(hash));
    }
}
