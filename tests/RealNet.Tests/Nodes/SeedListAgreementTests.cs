using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>Seeds given different seed lists stop with a clear error instead of diverging silently.</summary>
[NonParallelizable]
public class SeedListAgreementTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<NodeHost> _hosts = new();
    private readonly List<NodeLog> _logs = new();

    private static string LogFile(string name) => Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-list-logs", $"{name}-{Guid.NewGuid():N}.txt");

    private static string[] Lines(string file)
    {
        if (!File.Exists(file)) return [];
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Split('\n');
    }

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
        foreach (var l in _logs) l.Dispose();
        _logs.Clear();
    }

    /// <param name="logFile">The seed's output file (none: no output).</param>
    private NodeHost StartSeed(TcpTransport transport, NodeAddress[] list, CollectingTraceSink trace, string? logFile = null)
    {
        transport.RestrictSenders(SenderPolicy.ForSeed(list));
        var log = logFile == null ? null : new NodeLog(logFile, null, "");
        if (log != null) _logs.Add(log);
        var host = new NodeHost(new SeedNode(FastTimings.Seed, list, epoch: 1), transport, new NodeHostOptions { Random = new Rng(3), Trace = trace, Log = log });
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

    /// <summary>
    /// A node outside a lone seed's list cannot stop it by claiming to be a
    /// seed (anyone can send that); the lone seed says what is wrong, answers with its digest, and
    /// runs on. The other seed, which lists the lone one, stops on its answer.
    /// </summary>
    [Test]
    public async Task ASeedWhoseListNamesOnlyItself_SaysSo_AndRunsOn_WhenAnotherSeedContactsIt()
    {
        var lone = TcpTransport.Listen(Loopback.AnyPort);
        var other = TcpTransport.Listen(Loopback.AnyPort);
        var trace = new CollectingTraceSink();
        string loneLog = LogFile("lone");
        Directory.CreateDirectory(Path.GetDirectoryName(loneLog)!);
        var loneHost = StartSeed(lone, [lone.LocalAddress], trace, loneLog);
        var otherHost = StartSeed(other, [lone.LocalAddress, other.LocalAddress], trace);
        Assert.That(await HaltedAsync(otherHost), Does.Contain("runs with a different seed list"));
        await Eventually.HoldsAsync(() => Lines(loneLog).Any(l => l.Contains($"my seed list names only me ({lone.LocalAddress})") && l.Contains("not stopping")),
            "the lone seed says what is wrong", Patience);
        Assert.That(loneHost.Completion.IsCompleted, Is.False, "the lone seed runs on");
    }

    /// <summary>A seed list check from an address outside the list is refused with a line; it never stops the seed.</summary>
    [Test]
    public async Task ASeedListCheck_FromANodeOutsideTheList_IsRefused_AndTheSeedRunsOn()
    {
        var a = TcpTransport.Listen(Loopback.AnyPort);
        var b = TcpTransport.Listen(Loopback.AnyPort);
        string log = LogFile("a");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var host = StartSeed(a, [a.LocalAddress, b.LocalAddress], new CollectingTraceSink(), log);
        await using var outsider = TcpTransport.Listen(Loopback.AnyPort);
        outsider.Start((_, _, _) => { });
        outsider.Send(a.LocalAddress, new Engine.Messages.SeedListCheck(0xBAD, 9, IsAnswer: false));
        await Eventually.HoldsAsync(() => Lines(log).Any(l => l.Contains($"refused a seed list check from {outsider.LocalAddress}")), "the seed refuses the check", Patience);
        Assert.That(host.Completion.IsCompleted, Is.False);
    }

    [Test]
    public async Task SeedsWithTheSameList_RunOn()
    {
        await using var net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-lists", Guid.NewGuid().ToString("N")));
        var peer = net.AddPeer();
        await Eventually.HoldsAsync(() => ((Engine.Peer.PeerNode)peer.Node).IsRegistered, "a peer registers", Patience);
        Assert.That(net.Seeds.Select(s => s.Completion.IsCompleted), Has.All.False, "no seed stopped");
    }

    /// <summary>
    /// Seed processes with pinned lists that differ: the seed that lists the other (pinned) exits
    /// with the error and no stack trace; the lone seed, whose list names only itself, cannot be
    /// stopped by a node outside its list: it logs what is wrong and runs on.
    /// </summary>
    [Test]
    public async Task SeedProcesses_WithDifferentPinnedLists_TheListingSeedExitsWithTheError_AndNoStackTrace()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-list-processes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string KeyOf(string name)
        {
            string path = Path.Combine(dir, name + ".key");
            using var made = RealNet.Security.NodeIdentity.Create(path, replace: false);
            return made.PublicKey.ToBase64();
        }
        string loneKey = KeyOf("lone"), otherKey = KeyOf("other");
        NodeProcess Seed(string name, string list) => NodeProcess.Start("seed", Path.Combine(dir, name),
            ["--listen", "127.0.0.1:0", "--seeds", Path.Combine(dir, list), "--seeds-wait", "60", "--quiet", "--parent-pid", parent, "--key", Path.Combine(dir, name + ".key")]);
        using var lone = Seed("lone", "lone.txt");
        var loneAddress = await lone.ListeningAsync(Patience);
        File.WriteAllText(Path.Combine(dir, "lone.txt"), SeedListFile.Format([(loneAddress, loneKey)]));
        using var other = Seed("other", "other.txt");
        var otherAddress = await other.ListeningAsync(Patience);
        File.WriteAllText(Path.Combine(dir, "other.txt"), SeedListFile.Format([(loneAddress, loneKey), (otherAddress, otherKey)]));

        Assert.That(other.WaitForExit(Patience), Is.True, $"{other.OutDir} exits");
        // Its stderr is read asynchronously: wait for the line rather than for the stream's end.
        await Eventually.HoldsAsync(() => other.Errors.Any(e => e.Contains("seed list disagreement")), $"{other.OutDir} says why on stderr", Patience);
        TestContext.Out.WriteLine($"{other.OutDir}: exit code {other.ExitCode}; stderr: {string.Join(" | ", other.Errors)}");
        Assert.That(other.ExitCode, Is.EqualTo(1));
        Assert.That(string.Join("\n", other.Errors), Does.Contain("seed list disagreement").And.Contain("Give every seed the same seed list file"));
        Assert.That(NodeFiles.LogLines(other), Has.None.Contains("   at "), "no stack trace in the log");

        await Eventually.HoldsAsync(() => NodeFiles.LogLines(lone).Any(l => l.Contains($"my seed list names only me ({loneAddress})") && l.Contains("not stopping")),
            "the lone seed says what is wrong", Patience);
        Assert.That(lone.HasExited, Is.False, "a node outside the lone seed's list cannot stop it");
    }
}
