using GossipSim.Scenarios.Results;

namespace GossipSim.Scenarios.Tests.Results;

public class OutputFilesTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"outputs-{Guid.NewGuid():N}"));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private void Write(string name, int bytes, DateTime lastWriteUtc)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
    }

    [Test]
    public void FilesAnEarlierRunLeft_AreNamedApart_NotCountedAsWritten()
    {
        var start = new DateTime(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);
        Write("trace.jsonl.gz", 2048, start.AddSeconds(30));
        Write("summary.json", 100, start.AddSeconds(31));
        Write("logs/peer-1.log", 1024, start.AddHours(-5));
        Write("logs/peer-2.log", 1024, start.AddHours(-5));

        string line = OutputFiles.Line(_dir, start);

        Assert.That(line, Does.Contain("trace.jsonl.gz 2 KiB"));
        Assert.That(line.Split("; left from an earlier run")[0], Does.Not.Contain("logs/"), "the old logs are not this run's");
        Assert.That(line, Does.EndWith("; left from an earlier run, not touched: logs/ (2 files) 2 KiB"));
    }

    [Test]
    public void ARunThatWroteEverything_SaysNothingOfEarlierRuns()
    {
        var start = new DateTime(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);
        Write("logs/peer-1.log", 1024, start.AddSeconds(1));
        Write("outputfile.txt", 10, start.AddSeconds(2));
        string line = OutputFiles.Line(_dir, start);
        Assert.That(line, Does.Contain("logs/ (1 file) 1 KiB").And.Contain("outputfile.txt 10 B"));
        Assert.That(line, Does.Not.Contain("earlier run"));
    }
}
