using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Config;

/// <summary>R1: every form the seed list accepts, and every error naming the file and line.</summary>
public class SeedListFileTests
{
    private static IReadOnlyList<NodeAddress> Parse(params string[] lines) => SeedListFile.Parse(lines, "seeds.txt");

    [Test]
    public void AcceptsColonAndCommaForms_BlankLines_Comments_AndTrailingComments()
    {
        var seeds = Parse(
            "# the seeds of this run",
            "127.0.0.1:5001",
            "",
            "   ",
            "10.0.0.2,5002",
            "  192.168.1.3:5003   # trailing comment",
            "\t172.16.0.4 , 5004",
            "localhost:5005");
        Assert.That(seeds.Select(s => s.ToString()), Is.EqualTo(new[]
        {
            "127.0.0.1:5001", "10.0.0.2:5002", "192.168.1.3:5003", "172.16.0.4:5004", "127.0.0.1:5005",
        }));
    }

    [Test]
    public void KeepsTheFileOrder() =>
        Assert.That(Parse("127.0.0.1:5003", "127.0.0.1:5001").Select(s => (int)s.Port), Is.EqualTo(new[] { 5003, 5001 }));

    [TestCase("300.1.1.1:5001", "seeds.txt:2: '300.1.1.1' is not an IPv4 address")]
    [TestCase("127.0.0.1:70000", "seeds.txt:2: '70000' is not a port (1-65535)")]
    [TestCase("127.0.0.1:0", "seeds.txt:2: '0' is not a port (1-65535)")]
    [TestCase("127.0.0.1:-5", "seeds.txt:2: '-5' is not a port")]
    [TestCase("127.0.0.1:50o1", "seeds.txt:2: '50o1' is not a port")]
    [TestCase("127.0.0.1", "seeds.txt:2: expected IP:Port or IP,Port")]
    [TestCase("127.0.0.1:", "seeds.txt:2: expected IP:Port or IP,Port")]
    [TestCase(":5001", "seeds.txt:2: expected IP:Port or IP,Port")]
    [TestCase("::1:5001", "seeds.txt:2: '::1' is not an IPv4 address")]
    [TestCase("seed.example.org:5001", "seeds.txt:2: 'seed.example.org' is not an IPv4 address")]
    [TestCase("127.0.0.1 5001", "seeds.txt:2: expected IP:Port or IP,Port")]
    public void RejectsABadLine_NamingFileAndLine(string badLine, string expected)
    {
        var e = Assert.Throws<SeedListException>(() => Parse("127.0.0.1:5001", badLine, "127.0.0.1:5009"));
        Assert.That(e!.Message, Does.StartWith(expected));
    }

    [Test]
    public void RejectsADuplicate_AtTheLineOfTheSecondCopy_WhateverItsForm()
    {
        var e = Assert.Throws<SeedListException>(() => Parse("127.0.0.1:5001", "# comment", "127.0.0.1:5002", "127.0.0.1,5001"));
        Assert.That(e!.Message, Is.EqualTo("seeds.txt:4: seed 127.0.0.1:5001 is listed twice"));
    }

    [Test]
    public void RejectsAnEmptyFile() =>
        Assert.That(Assert.Throws<SeedListException>(() => Parse())!.Message, Does.StartWith("seeds.txt: no seeds listed"));

    [Test]
    public void RejectsAFileOfOnlyCommentsAndBlanks() =>
        Assert.That(Assert.Throws<SeedListException>(() => Parse("# nothing here", "", "   # still nothing"))!.Message, Does.StartWith("seeds.txt: no seeds listed"));

    [Test]
    public void Load_NamesTheRealPath_InErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"seeds-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "127.0.0.1:5001\n\n127.0.0.1:abc\n");
        try
        {
            var e = Assert.Throws<SeedListException>(() => SeedListFile.Load(path));
            Assert.That(e!.Message, Does.StartWith($"{path}:3: 'abc' is not a port"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_OfAMissingFile_SaysSo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.txt");
        Assert.That(Assert.Throws<SeedListException>(() => SeedListFile.Load(path))!.Message, Is.EqualTo($"{path}: seed list file not found"));
    }

    [Test]
    public void Format_IsReadBackAsTheSameList()
    {
        var seeds = Parse("127.0.0.1:5001", "10.0.0.2:5002");
        Assert.That(SeedListFile.Parse(SeedListFile.Format(seeds).Split('\n'), "x"), Is.EqualTo(seeds));
    }

    [Test]
    public void AnOperatorLine_PinsTheOperatorsKey_AndIsNoSeed()
    {
        var list = SeedListFile.ParseList(["# seeds", "operator QUJD", "127.0.0.1:5001 S0", "127.0.0.1:5002"], "seeds.txt");
        Assert.That(list.OperatorKey, Is.EqualTo("QUJD"));
        Assert.That(list.OperatorLine, Is.EqualTo(2));
        Assert.That(list.Seeds.Select(e => e.Address.ToString()), Is.EqualTo(new[] { "127.0.0.1:5001", "127.0.0.1:5002" }));
        Assert.That(SeedListFile.ParseList(["127.0.0.1:5001"], "seeds.txt").OperatorKey, Is.Null, "no line: no operator key");
    }

    [TestCase("operator A B", "seeds.txt:2: expected 'operator KEY'", TestName = "AnOperatorLine_OfTwoWords_IsRefused_WithItsLine")]
    [TestCase("operator QUJD", "seeds.txt:2: the operator's key is pinned twice (first on line 1)", TestName = "AnOperatorKey_PinnedTwice_IsRefused")]
    public void BadOperatorLines(string second, string expected)
    {
        var e = Assert.Throws<SeedListException>(() => SeedListFile.ParseList(["operator QUJD", second, "127.0.0.1:5001"], "seeds.txt"));
        Assert.That(e!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Format_WithAnOperatorKey_IsReadBackWithIt()
    {
        var seeds = Parse("127.0.0.1:5001", "10.0.0.2:5002");
        string text = SeedListFile.Format(seeds.Select(a => (a, "K" + a.Port)), operatorKey: "OPKEY");
        var list = SeedListFile.ParseList(text.Split('\n'), "x");
        Assert.That(list.OperatorKey, Is.EqualTo("OPKEY"));
        Assert.That(list.Seeds.Select(e => e.Address), Is.EqualTo(seeds));
        Assert.That(list.Seeds.Select(e => e.Key), Is.EqualTo(new[] { "K5001", "K5002" }));
    }
}
