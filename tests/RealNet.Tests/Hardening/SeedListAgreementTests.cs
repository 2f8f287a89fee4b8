using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Network;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Hardening;

/// <summary>Issue 22, finding 6: seeds given different seed lists stop with a clear error instead of diverging silently.</summary>
[NonParallelizable]
public class SeedListAgreementTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<NodeHost> _hosts = new();

    [TearDown]
    public async Task Stop()
    {
        var hosts = _hosts.ToArray();
        _hosts.Clear();
        foreach (var h in hosts)
        {
            try { await h.CrashAsync(); }
            catch (NodeHaltException) { } // the stop the test expected
        }
    }

    private NodeHost StartSeed(TcpTransport transport, NodeAddress[] list, CollectingTraceSink trace)
    {
        transport.RestrictSenders(SenderPolicy.ForSeed(list));
        var host = new NodeHost(new SeedNode(FastTimings.Seed, list, epoch: 1), transport, new NodeHostOptions { Random = new Rng(3), Trace = trace });
        _hosts.Add(host);
        host.Start();
        return host;
    }

    private static async Task<string> HaltedAsync(NodeHost host)
    {
        var ended = await Task.WhenAny(host.Completion, Task.Delay(Patience));
        Assert.That(ended, Is.SameAs(host.Completion), $"seed {host.Address} stops");
        var e = Assert.ThrowsAsync<NodeHaltException>(async () => await host.Completion);
        TestContext.Out.WriteLine($"seed {host.Address}: {e!.Message}");
        return e.Message;
    }

    [Test]
    public async Task SeedsWithDifferentLists_BothStop_NamingTheOtherSeedAndWhatToDo()
    {
        var a = TcpTransport.Listen(Loopback.AnyPort);
        var b = TcpTransport.Listen(Loopback.AnyPort);
        var trace = new CollectingTraceSink();
        var stranger = new NodeAddress(0x7F000001, 9); // a third seed only one of them lists
        StartSeed(a, [a.LocalAddress, b.LocalAddress], trace);
        StartSeed(b, [a.LocalAddress, b.LocalAddress, stranger], trace);
        foreach (var h in _hosts)
            Assert.That(await HaltedAsync(h), Does.Contain("runs with a different seed list").And.Contain("Give every seed the same seed list file"));
    }

    [Test]
    public async Task ASeedWhoseListNamesOnlyItself_StopsWhenAnotherSeedContactsIt()
    {
        var lone = TcpTransport.Listen(Loopback.AnyPort);
        var other = TcpTransport.Listen(Loopback.AnyPort);
        var trace = new CollectingTraceSink();
        var loneHost = StartSeed(lone, [lone.LocalAddress], trace);
        StartSeed(other, [lone.LocalAddress, other.LocalAddress], trace);
        Assert.That(await HaltedAsync(loneHost), Does.Contain($"my seed list names only me ({lone.LocalAddress})").And.Contain("commit alone"));
    }

    [Test]
    public async Task SeedsWithTheSameList_RunOn()
    {
        await using var net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-lists", Guid.NewGuid().ToString("N")));
        var peer = net.AddPeer();
        await Eventually.HoldsAsync(() => ((Engine.Peer.PeerNode)peer.Node).IsRegistered, "a peer registers", Patience);
        Assert.That(net.Seeds.Select(s => s.Completion.IsCompleted), Has.All.False, "no seed stopped");
    }

    [Test]
    public async Task SeedProcesses_WithDifferentLists_ExitWithTheError_AndNoStackTrace()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-list-processes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        NodeProcess Seed(string name, string list) => NodeProcess.Start("seed", Path.Combine(dir, name),
            ["--listen", "127.0.0.1:0", "--seeds", Path.Combine(dir, list), "--seeds-wait", "60", "--quiet", "--parent-pid", parent]);
        using var lone = Seed("lone", "lone.txt");
        var loneAddress = await lone.ListeningAsync(Patience);
        File.WriteAllText(Path.Combine(dir, "lone.txt"), SeedListFile.Format([loneAddress]));
        using var other = Seed("other", "other.txt");
        var otherAddress = await other.ListeningAsync(Patience);
        File.WriteAllText(Path.Combine(dir, "other.txt"), SeedListFile.Format([loneAddress, otherAddress]));

        foreach (var p in new[] { lone, other })
        {
            Assert.That(p.WaitForExit(Patience), Is.True, $"{p.OutDir} exits");
            // Its stderr is read asynchronously: wait for the line rather than for the stream's end.
            await Eventually.HoldsAsync(() => p.Errors.Any(e => e.Contains("seed list disagreement")), $"{p.OutDir} says why on stderr", Patience);
            TestContext.Out.WriteLine($"{p.OutDir}: exit code {p.ExitCode}; stderr: {string.Join(" | ", p.Errors)}");
            Assert.That(p.ExitCode, Is.EqualTo(1));
            Assert.That(string.Join("\n", p.Errors), Does.Contain("seed list disagreement").And.Contain("Give every seed the same seed list file"));
            Assert.That(NodeFiles.LogLines(p), Has.None.Contains("   at "), "no stack trace in the log");
        }
        Assert.That(string.Join("\n", lone.Errors), Does.Contain($"my seed list names only me ({loneAddress})"));
    }
}
