using System.Buffers;
using System.Text;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>
/// The pieces that keep a node process small (see ProcessMemory, TraceFileSink, StatusFile):
/// each must say exactly what the code it replaces said.
/// </summary>
public class NodeProcessMemoryTests
{
    private static readonly NodeAddress A = NodeAddress.Parse("127.0.0.1:7001");
    private static readonly NodeAddress B = NodeAddress.Parse("10.20.30.40:65535");

    private static string Engines(in TraceEvent e)
    {
        var buf = new ArrayBufferWriter<byte>();
        TraceJson.Format(e, buf);
        return Encoding.UTF8.GetString(buf.WrittenSpan);
    }

    /// <summary>
    /// The formatter writes a plain detail itself, so that a node process does not load
    /// System.Text.Json; what it writes must be exactly what the encoder would have written.
    /// </summary>
    [Test]
    public void TraceDetails_AreWhatTheJsonEncoderWrites()
    {
        // Every printable ASCII character, the ones JSON or HTML-safe encoding escapes among them, and a few others.
        var chars = Enumerable.Range(0x20, 0x5F).Select(c => ((char)c).ToString())
            .Concat(["\t", "\n", "\u0001", "é", "→", "😀", "", "a\"b", "<script>&'+`\\", "registered with seeds 127.0.0.1:7001; degree 3 (why: link-timeout) #1"]);
        foreach (var detail in chars)
        {
            var e = new TraceEvent(TimeSpan.FromSeconds(1.5), TraceKind.LinkDown, A, B, Detail: $"x{detail}y");
            string expected = ",\"detail\":\"" + JsonEncodedText.Encode($"x{detail}y").ToString() + "\"}\n";
            Assert.That(Engines(e), Does.EndWith(expected), $"detail {JsonSerializer.Serialize(detail)}");
            Assert.That(TraceJson.Parse(Encoding.UTF8.GetBytes(Engines(e).TrimEnd('\n'))).Detail, Is.EqualTo($"x{detail}y"), "and it reads back");
        }
    }

    [Test]
    public void TraceFileSink_WritesEachLineAtOnce()
    {
        using var stream = new MemoryStream();
        var sink = new TraceFileSink(stream);
        var first = new TraceEvent(TimeSpan.FromSeconds(1), TraceKind.NodeStarted, A, A: 5, Detail: "peer");
        sink.Write(first);
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(Engines(first)), "nothing held back in a buffer");
        var second = new TraceEvent(TimeSpan.FromSeconds(2), TraceKind.LinkUp, A, B);
        sink.Write(second);
        sink.Dispose();
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(Engines(first) + Engines(second)));
        Assert.That(sink.Lines, Is.EqualTo(2));
    }

    private static async Task<JsonElement> StatusOf(Node node)
    {
        string dir = Path.Combine(Path.GetTempPath(), "realnet-status-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "status.json");
        var host = new NodeHost(node, new ManualTransport(A), new NodeHostOptions
        {
            Random = new Rng(1),
            StatusPath = path,
            StatusInterval = TimeSpan.FromMilliseconds(50),
        });
        try
        {
            host.Start();
            await Eventually.HoldsAsync(() => File.Exists(path), "the status file appears", TimeSpan.FromSeconds(30));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }
        finally
        {
            await host.CrashAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public async Task StatusJson_IsValidJsonWithEveryField()
    {
        var seeds = new[] { NodeAddress.Parse("127.0.0.1:5001"), NodeAddress.Parse("127.0.0.1:5002") };
        var peer = await StatusOf(new GossipSim.Engine.Peer.PeerNode(new GossipSim.Engine.Config.PeerConfig(), seeds, 42));
        Assert.That(peer.GetProperty("address").GetString(), Is.EqualTo("127.0.0.1:7001"));
        Assert.That(peer.GetProperty("role").GetString(), Is.EqualTo("peer"));
        Assert.That(peer.GetProperty("pid").GetInt32(), Is.EqualTo(Environment.ProcessId));
        Assert.That(peer.GetProperty("t").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(peer.GetProperty("incarnation").GetInt64(), Is.EqualTo(42));
        Assert.That(peer.GetProperty("registered").GetBoolean(), Is.False);
        Assert.That(peer.GetProperty("degree").GetInt32(), Is.EqualTo(0));
        Assert.That(peer.GetProperty("neighbours").GetArrayLength(), Is.EqualTo(0));
        Assert.That(peer.GetProperty("messageList").GetInt32(), Is.EqualTo(0));
        Assert.That(peer.GetProperty("gossipReceived").GetInt64(), Is.EqualTo(0));
        Assert.That(peer.GetProperty("gossipSent").GetInt64(), Is.EqualTo(0));

        var seed = await StatusOf(new GossipSim.Engine.Seed.SeedNode(new GossipSim.Engine.Config.SeedConfig(), [A, seeds[0]], 3));
        Assert.That(seed.GetProperty("role").GetString(), Is.EqualTo("seed"));
        Assert.That(seed.GetProperty("seeds").GetInt32(), Is.EqualTo(2));
        Assert.That(seed.GetProperty("members").GetInt32(), Is.EqualTo(0));
        Assert.That(seed.GetProperty("digest").GetString(), Does.Match("^[0-9a-f]{16}$"));
    }

    [Test]
    public void ParentWatch_SeesLiveAndGoneProcesses()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("procfs is Linux's");
        Assert.That(NodeRunner.IsAliveProcfs(Environment.ProcessId), Is.True, "this process");
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        Assert.That(NodeRunner.IsAliveProcfs(child.Id), Is.True, "a running child");
        child.Kill();
        child.WaitForExit();
        Assert.That(NodeRunner.IsAliveProcfs(child.Id), Is.False, "a killed (and reaped) child");
        Assert.That(NodeRunner.IsAliveProcfs(int.MaxValue), Is.False, "no such process");
    }

    [Test]
    public void MemoryTrim_RunsAndCollectsWhenAllocated()
    {
        int before = GC.CollectionCount(0);
        var junk = new List<byte[]>();
        for (int i = 0; i < 64; i++) junk.Add(new byte[8 << 10]); // 512 KB, over the threshold
        junk.Clear();
        ProcessMemory.Trim();
        Assert.That(GC.CollectionCount(0), Is.GreaterThan(before));
        Assert.DoesNotThrow(ProcessMemory.Trim); // nothing allocated since: no collection needed, still fine
    }

    /// <summary>
    /// What outlives a few gen-0 collections dies in gen 2, which gen-0 rounds never collect: within a minute of rounds the heap must
    /// be back to what is live, the dead objects' regions returned.
    /// </summary>
    [Test]
    public void MemoryTrim_ReturnsGarbageThatReachedGen2WithinAMinuteOfRounds()
    {
        long Heap() => GC.GetGCMemoryInfo().HeapSizeBytes;
        for (int i = 0; i < ProcessMemory.FullCollectionRounds; i++) ProcessMemory.Trim(); // a full round has just passed
        long live = Heap();
        var (junk, generation) = Gen2Junk(Junk);
        Assert.That(generation, Is.EqualTo(2));
        long held = Heap();
        Assert.That(held, Is.GreaterThan(live + Junk / 2), "the dead objects are still counted in the heap");
        for (int i = 0; i < ProcessMemory.FullCollectionRounds; i++) ProcessMemory.Trim();
        Assert.That(junk.IsAlive, Is.False, "collected");
        Assert.That(Heap(), Is.LessThan(live + Junk / 4), $"heap {Heap() >> 10} KiB after a minute of rounds; {live >> 10} KiB live before");
    }

    private const int Junk = 16 << 20;

    /// <summary>Junk bytes in 8 KiB arrays promoted into gen 2 (as a message kept for minutes is), referenced by nothing but the weak
    /// reference returned; made here so that no local of the test keeps it; and the generation it is in.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Junk, int Generation) Gen2Junk(int bytes)
    {
        var junk = new List<byte[]>();
        for (int i = 0; i < bytes / (8 << 10); i++) junk.Add(new byte[8 << 10]);
        GC.Collect(0);
        GC.Collect(1);
        return (new WeakReference(junk), GC.GetGeneration(junk));
    }
}
