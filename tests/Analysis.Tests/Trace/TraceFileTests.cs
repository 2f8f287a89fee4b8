using System.IO.Compression;
using System.Text;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Trace;

/// <summary>Every trace reader reads through <see cref="TraceFile.Read"/>: compressed or not, strict or skipping what it cannot read.</summary>
public class TraceFileTests
{
    private const string Started = "{\"t\":0.0000000,\"ev\":\"node-started\",\"node\":\"10.1.0.1:7000\",\"incarnation\":1,\"detail\":\"peer\"}";
    private const string Torn = "{\"t\":1.0,\"ev\":\"node-started\",\"node\":{\"t\":2.0,\"ev\":\"crash\"}}";
    private const string Ended = "{\"t\":3.0000000,\"ev\":\"run-end\",\"node\":\"0.0.0.0:0\"}";

    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-tracefile-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, bool gzip, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        byte[] text = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        using var file = File.Create(path);
        using Stream into = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        into.Write(text);
        return path;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ATrace_ReadsTheSame_CompressedOrNot(bool gzip)
    {
        string path = Write("trace", gzip, Started, "", Ended);
        Assert.That(TraceFile.Read(path).Select(e => e.Kind), Is.EqualTo(new[] { TraceKind.NodeStarted, TraceKind.RunEnded }));
    }

    [Test]
    public void AnUnreadableLine_IsAnErrorNamingFileAndLine()
    {
        string path = Write(TraceFile.Plain, false, Started, Torn, Ended);
        var ex = Assert.Throws<FormatException>(() => TraceFile.Read(path).ToList())!;
        Assert.That(ex.Message, Does.StartWith($"{path}:2: not a trace event"));
    }

    [Test]
    public void AnUnreadableLine_WhenSkipping_IsDroppedAndSaid()
    {
        string path = Write(TraceFile.Plain, false, Started, Torn, Ended);
        var said = new List<string>();
        var kinds = TraceFile.Read(path, skipped: said.Add).Select(e => e.Kind).ToList();
        Assert.That(kinds, Is.EqualTo(new[] { TraceKind.NodeStarted, TraceKind.RunEnded }));
        Assert.That(said, Has.Count.EqualTo(1));
        Assert.That(said[0], Does.StartWith($"{path}:2: unreadable trace line skipped"));
    }
}
