using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Tests.Network;
using GossipSim.RealNet.Tests.Support;

namespace GossipSim.RealNet.Tests.Hardening;

/// <summary>Issue 22, finding 6: one client sending bad reports cannot fill a seed's disk.</summary>
[NonParallelizable]
public class SeedLogFloodTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task AClientSpammingBadReports_LeavesTheSeedsLogUnderItsCap_WithCountsInsteadOfLines()
    {
        const long cap = 8 * 1024;
        await using var net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "log-flood", Guid.NewGuid().ToString("N")), logMaxBytes: cap);
        var seed = net.Seeds[0];
        await using var spammer = ProbePeer.Start(incarnation: 1);
        const int rounds = 40, perRound = 500;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < perRound; i++) spammer.Send(seed.Address, new DeadNodeReport(new NodeAddress(0x7F000001, (ushort)(20000 + i)), i, spammer.Address));
            await Task.Delay(100); // spread over seconds, so the log sees many one-second windows
        }
        await Eventually.HoldsAsync(() => spammer.Inbox.Count == rounds * perRound, "the seed answers every report", Patience);

        string path = net.LogPath(seed);
        var files = new[] { path, path + ".1" }.Where(File.Exists).ToArray();
        var lines = files.SelectMany(File.ReadAllLines).ToArray();
        int logged = lines.Count(l => l.Contains("dead-node report about") || l.Contains("dead-node message received"));
        var summaries = lines.Where(l => l.Contains("more lines about dead-node reports")).ToArray();
        TestContext.Out.WriteLine($"probe: {rounds * perRound} bad reports to one seed; log files {string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} B"))}; " +
                                  $"{logged} report lines and {summaries.Length} summary lines kept, e.g. '{summaries.FirstOrDefault()}'");
        foreach (var f in files) Assert.That(new FileInfo(f).Length, Is.LessThanOrEqualTo(cap), $"{f} is within the cap");
        Assert.That(File.Exists(path + ".1"), Is.True, "the log rotated");
        Assert.That(summaries, Is.Not.Empty, "held-back lines are counted in summary lines");
        Assert.That(lines.Length, Is.LessThan(rounds * perRound / 10), "far fewer lines than reports");
    }
}
