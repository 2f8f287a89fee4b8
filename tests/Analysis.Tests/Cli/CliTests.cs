using System.Text.Json;
using GossipSim.Analysis.Cli;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Cli;

[NonParallelizable] // swaps Console.Out and Console.Error
public class CliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}"));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (AnalysisCli.Run(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void FitJson_HasExactlyTheSummaryFieldsAndRecoversAlpha()
    {
        var data = new DiscretePowerLawSampler(2.5, 5).Sample(5000, new Rng(12));
        string path = Write("pl.txt", "# synthetic, alpha 2.5, xmin 5\n\n" + string.Join("\n", data) + "\n");

        var (code, stdout, _) = Run("fit", path, "--json", "--bootstrap", "0");

        Assert.That(code, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "alpha", "alphaStdErr", "xmin", "ntail", "ks", "p", "vsLognormal", "vsExponential" }));
        Assert.That(root.GetProperty("vsLognormal").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "R", "p" }));
        Assert.That(root.GetProperty("vsExponential").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "R", "p" }));
        Assert.That(root.GetProperty("p").ValueKind, Is.EqualTo(JsonValueKind.Null));
        double alpha = root.GetProperty("alpha").GetDouble(), se = root.GetProperty("alphaStdErr").GetDouble();
        Assert.That(alpha, Is.EqualTo(2.5).Within(2 * se));
        Assert.That(root.GetProperty("xmin").GetInt64(), Is.InRange(5, 15));
    }

    [Test]
    public void FitTable_IsReadableAndSeeded()
    {
        var data = new DiscretePowerLawSampler(2.2, 1).Sample(1500, new Rng(5));
        string path = Write("pl.txt", string.Join("\n", data));
        var first = Run("fit", path, "--bootstrap", "30", "--seed", "9");
        var second = Run("fit", path, "--bootstrap", "30", "--seed", "9", "--threads", "1");
        Assert.That(first.Code, Is.EqualTo(0));
        Assert.That(first.Out, Does.Contain("alpha").And.Contain("xmin").And.Contain("KS distance").And.Contain("p (bootstrap)").And.Contain("seed 9"));
        Assert.That(first.Out, Does.Contain("A power law is"));
        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void Fit_NamesTheFileAndLineOfABadValue()
    {
        string path = Write("bad.txt", "3\n4\n# fine\n\nfive\n");
        var (code, _, err) = Run("fit", path);
        Assert.That(code, Is.EqualTo(CliErrors.InputError));
        Assert.That(err, Does.Contain($"{path}:5: 'five' is not an integer"));
    }

    [Test]
    public void Fit_RefusesDataThatCannotBeFitted()
    {
        string path = Write("flat.txt", "7\n7\n7\n");
        var (code, _, err) = Run("fit", path, "--bootstrap", "0");
        Assert.That(code, Is.EqualTo(CliErrors.CannotFit));
        Assert.That(err, Does.Contain("cannot fit a power law: all 3 values equal 7"));
    }

    [Test]
    public void Fit_OnAMissingFile_SaysSo()
    {
        var (code, _, err) = Run("fit", Path.Combine(_dir, "nope.txt"));
        Assert.That(code, Is.EqualTo(CliErrors.InputError));
        Assert.That(err, Does.Contain("no such file"));
    }

    [Test]
    public void Fit_RejectsANegativeBootstrapCount()
    {
        var (code, _, err) = Run("fit", Write("x.txt", "1\n2\n"), "--bootstrap", "-5");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--bootstrap must be a whole number 0 or more, got '-5'"));
    }

    [TestCase("--bootstrap", "many", "--bootstrap must be a whole number 0 or more, got 'many' (Synthetic data sets")]
    [TestCase("--seed", "abc", "--seed must be a whole number from 0 to 18446744073709551615, got 'abc' (Seed of the bootstrap")]
    [TestCase("--xmin", "0", "--xmin must be a whole number 1 or more, got '0'")]
    public void Fit_ABadOptionValue_IsNamedInPlainWords_WithExitCode2(string option, string value, string expected)
    {
        var (code, _, err) = Run("fit", Write("x.txt", "1\n2\n"), option, value);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(expected));
        foreach (var internals in new[] { "System.", "Exception", "Nullable", "Int32", "UInt64" }) Assert.That(err, Does.Not.Contain(internals));
    }

    [Test]
    public void Help_StatesTheExitCodes()
    {
        var (code, stdout, _) = Run("--help");
        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain(ExitCodes.Help));
    }

    [Test]
    public void Fit_OnATrace_FitsTheLivePeersDegrees_PlainOrCompressed()
    {
        // A BA overlay written as a trace: link-up events both ways, peers announced as "peer".
        var rng = new Rng(3);
        var lines = new List<string>();
        var seed = NodeAddress.Parse("10.0.0.1:7000");
        lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, seed, Detail: "seed")));
        int n = 600;
        NodeAddress P(int i) => new((uint)(0x0A010000 + i), 7000);
        for (int i = 0; i < n; i++) lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(1), TraceKind.NodeStarted, P(i), Detail: "peer")));
        var ends = new List<int> { 0, 1, 1, 0 };
        lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(2), TraceKind.LinkUp, P(0), P(1))));
        lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(2), TraceKind.LinkUp, P(1), P(0))));
        var degree = new long[n];
        degree[0] = degree[1] = 1;
        for (int v = 2; v < n; v++)
        {
            int u = ends[rng.NextInt(ends.Count)];
            ends.Add(u); ends.Add(v);
            degree[u]++; degree[v]++;
            lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(3), TraceKind.LinkUp, P(v), P(u))));
            lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(3), TraceKind.LinkUp, P(u), P(v))));
        }
        string tracePath = Write("trace.jsonl", string.Join("\n", lines) + "\n");
        string listPath = Write("degrees.txt", string.Join("\n", degree));

        var fromTrace = Run("fit", tracePath, "--json", "--bootstrap", "0");
        var fromList = Run("fit", listPath, "--json", "--bootstrap", "0");

        Assert.That(fromTrace.Code, Is.EqualTo(0), fromTrace.Err);
        Assert.That(fromTrace.Err, Does.Contain("trace with 600 live peers"));
        Assert.That(fromTrace.Out, Is.EqualTo(fromList.Out));

        // The same trace compressed, as runs write it, named by its results folder.
        File.Delete(tracePath);
        using (var gz = new System.IO.Compression.GZipStream(File.Create(tracePath + ".gz"), System.IO.Compression.CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
            w.Write(string.Join("\n", lines) + "\n");
        var fromFolder = Run("fit", _dir, "--json", "--bootstrap", "0");
        Assert.That(fromFolder.Code, Is.EqualTo(0), fromFolder.Err);
        Assert.That(fromFolder.Out, Is.EqualTo(fromList.Out));
    }

    [Test]
    public void Fit_OnATrace_LeavesOutPeersWithNoLinkAndSaysSo()
    {
        var lines = new List<string>();
        NodeAddress P(int i) => new((uint)(0x0A010000 + i), 7000);
        for (int i = 0; i < 6; i++) lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, P(i), Detail: "peer")));
        foreach (var (a, b) in new[] { (0, 1), (0, 2), (0, 3), (1, 2) })
        {
            lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(1), TraceKind.LinkUp, P(a), P(b))));
            lines.Add(TraceJson.ToLine(new TraceEvent(TimeSpan.FromSeconds(1), TraceKind.LinkUp, P(b), P(a))));
        }
        string path = Write("trace.jsonl", string.Join("\n", lines) + "\n");
        var (code, _, err) = Run("fit", path, "--json", "--bootstrap", "0");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(err, Does.Contain("left out 2 peers with degree 0"));
    }

    [Test]
    public void Fit_OnABadTraceLine_NamesFileAndLine()
    {
        string path = Write("trace.jsonl", "{\"t\":0.0000000,\"ev\":\"node-started\",\"node\":\"10.1.0.1:7000\",\"incarnation\":1,\"detail\":\"peer\"}\n{\"t\":1.0,\"ev\":\"bogus\",\"node\":\"10.1.0.1:7000\"}\n");
        var (code, _, err) = Run("fit", path);
        Assert.That(code, Is.EqualTo(CliErrors.InputError));
        Assert.That(err, Does.Contain($"{path}:2: not a trace event (unknown event 'bogus')"));
    }

    [Test]
    public void AResultsFolderWithoutTrace_GivesTheDegreesItsRunWrote()
    {
        long[] degrees = [3, 7, 3, 12, 3, 7, 1000];
        string run = Path.Combine(_dir, "run");
        Directory.CreateDirectory(run);
        DegreeHistogramFile.Write(run, degrees);
        Assert.That(File.ReadAllLines(Path.Combine(run, DegreeHistogramFile.FileName)).Skip(1), Is.EqualTo(new[] { "3 3", "7 2", "12 1", "1000 1" }), "ascending, one line a degree");
        var (values, kind) = DegreeInput.Read(run);
        Assert.That(kind, Is.EqualTo(DegreeInput.Kind.IntegerList));
        Assert.That(values, Is.EquivalentTo(degrees));
    }

    [TestCase("5 0", "the count '0' is not a whole number of at least 1")]
    [TestCase("5 -2", "the count '-2' is not a whole number of at least 1")]
    [TestCase("5 2 1", "is not an integer (or \"value count\")")]
    [TestCase("x 2", "is not an integer (or \"value count\")")]
    public void AValueCountLine_ThatIsNotOne_NamesFileAndLine(string line, string expected)
    {
        string path = Write("counts.txt", "4 2\n" + line + "\n");
        var e = Assert.Throws<InputException>(() => DegreeInput.ReadIntegers(path));
        Assert.That(e!.Message, Does.Contain($"{path}:2: ").And.Contain(expected));
    }

    [Test]
    public void Report_OnAFolderWithoutTrace_SaysWhatIsMissing()
    {
        var (code, _, err) = Run("report", _dir);
        Assert.That(code, Is.EqualTo(CliErrors.InputError));
        Assert.That(err, Does.Contain("holds no trace.jsonl.gz (nor trace.jsonl): is it a run's results folder?"));
    }

    [Test]
    public void Report_OnARunThatKeptNoTrace_SaysWhyAndHowToGetOne()
    {
        Write("repro.txt", "# reproduce\ndotnet run --project Scenarios -c Release -- sim-1m.json --seed 42\n");
        var (code, _, err) = Run("report", _dir);
        Assert.That(code, Is.EqualTo(CliErrors.InputError));
        Assert.That(err, Does.Contain("this run kept no trace").And.Contain("dotnet run --project Scenarios -c Release -- sim-1m.json --seed 42 --trace on"));
    }

    [Test]
    public void Report_RebuildsPlotsAndHtmlFromATrace()
    {
        string lines = string.Join("\n", new[]
        {
            "{\"t\":0.0000000,\"ev\":\"node-started\",\"node\":\"10.0.0.1:7000\",\"incarnation\":1,\"detail\":\"seed\"}",
            "{\"t\":0.1000000,\"ev\":\"node-started\",\"node\":\"10.1.0.1:7000\",\"incarnation\":1,\"detail\":\"peer\"}",
            "{\"t\":0.2000000,\"ev\":\"node-started\",\"node\":\"10.1.0.2:7000\",\"incarnation\":1,\"detail\":\"peer\"}",
            "{\"t\":0.3000000,\"ev\":\"node-started\",\"node\":\"10.1.0.3:7000\",\"incarnation\":1,\"detail\":\"peer\"}",
            "{\"t\":1.0000000,\"ev\":\"link-up\",\"node\":\"10.1.0.1:7000\",\"peer\":\"10.1.0.2:7000\"}",
            "{\"t\":1.0000000,\"ev\":\"link-up\",\"node\":\"10.1.0.2:7000\",\"peer\":\"10.1.0.1:7000\"}",
            "{\"t\":1.0000000,\"ev\":\"link-up\",\"node\":\"10.1.0.1:7000\",\"peer\":\"10.1.0.3:7000\"}",
            "{\"t\":1.0000000,\"ev\":\"link-up\",\"node\":\"10.1.0.3:7000\",\"peer\":\"10.1.0.1:7000\"}",
            "{\"t\":12.5000000,\"ev\":\"gossip-delivered\",\"node\":\"10.1.0.2:7000\",\"from\":\"10.1.0.1:7000\",\"msg\":\"10.1.0.1:7000#1\",\"hops\":1,\"createdTicks\":120000000}",
            "{\"t\":20.0000000,\"ev\":\"crash\",\"node\":\"10.1.0.1:7000\",\"degree\":2,\"detail\":\"peer\"}",
            "{\"t\":59.0000000,\"ev\":\"suspected\",\"node\":\"10.1.0.2:7000\",\"peer\":\"10.1.0.1:7000\",\"witnesses\":1}",
        }) + "\n";
        Write("trace.jsonl", lines);
        Write("summary.json", "{\"scenario\":\"tiny\",\"peers\":3}");
        Write("repro.txt", "# comment\ndotnet run --project Scenarios -- tiny.json --seed 1\n");

        var (code, stdout, err) = Run("report", _dir, "--bootstrap", "0");

        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("report.html"));
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.That(html, Does.Contain("GossipSim run: tiny"));
        Assert.That(html, Does.Contain("dotnet run --project Scenarios -- tiny.json --seed 1"));
        Assert.That(html, Does.Contain("<td>10.1.0.1:7000</td><td>peer</td><td class=\"num\">2</td><td class=\"num\">20.000</td><td class=\"num\">59.000</td>"));
        // Two live peers with degree 0 (their only neighbour crashed): no fit, and the report says why.
        Assert.That(html, Does.Contain("No power law could be fitted"));
        foreach (var f in new[] { "degree.svg", "latency.svg", "failures.svg", "degree.png", "latency.png", "failures.png" }) Assert.That(File.Exists(Path.Combine(_dir, f)), f);
    }

    /// <summary>The --help example named trace.jsonl, which runs no longer write (they write trace.jsonl.gz).</summary>
    [Test]
    public void Help_FitExample_RunsOnAResultsFolderAsARunWritesIt()
    {
        var (_, help, _) = Run("--help");
        string example = help.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("-- fit results/", StringComparison.Ordinal));
        var args = example[(example.IndexOf("-- fit ", StringComparison.Ordinal) + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A results folder as a run leaves it (its compressed trace only), where the example looks for it.
        string folder = Path.Combine(_dir, "results", "crash-hub");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Path("tests", "fixtures", "crash-hub", "trace.jsonl.gz"), Path.Combine(folder, "trace.jsonl.gz"));
        args[1] = Path.Combine(_dir, args[1]);
        int bootstrap = Array.IndexOf(args, "--bootstrap");
        if (bootstrap >= 0) args[bootstrap + 1] = "20"; // the example's count, made quick

        var (code, stdout, err) = Run(args);

        Assert.That(code, Is.Zero, $"{example}\n{err}");
        Assert.That(stdout, Does.Contain("\"alpha\""));
    }

    /// <summary>A value below 1, or no value at all, is bad input (exit 2, file and line), not a fit that failed (exit 1).</summary>
    [TestCase("1\n-3\n5\n0\n7\n", 2, "'-3' is not a positive whole number")]
    [TestCase("4\n4 2\n0 3\n", 3, "'0' is not a positive whole number")]
    [TestCase("1 -3 5 0 7\n", 1, "is not an integer (or \"value count\")")]
    public void Fit_AValueBelowOne_IsBadInput_NamingFileLineAndWhatWasExpected(string text, int line, string expected)
    {
        string path = Write("values.txt", text);
        var (code, _, err) = Run("fit", path, "--bootstrap", "0");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.StartWith($"error: {path}:{line}: ").And.Contain(expected).And.Contain("expected"));
    }

    [TestCase("")]
    [TestCase("# only a comment\n\n")]
    public void Fit_OnAFileWithNoValue_IsBadInput_SayingWhatWasExpected(string text)
    {
        string path = Write("empty.txt", text);
        var (code, _, err) = Run("fit", path, "--bootstrap", "0");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.StartWith($"error: {path}: no values").And.Contain("expected positive whole numbers"));
    }

    /// <summary>"frobnicate" was answered "Required command was not provided." first.</summary>
    [Test]
    public void AnUnknownCommand_IsNamed_AndTheCommandsListed()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("error: unknown command 'frobnicate'"));
        Assert.That(err, Does.Contain("fit").And.Contain("report").And.Contain("sample").And.Contain("degrees-compare"));
        Assert.That(err, Does.Not.Contain("Required command").And.Not.Contain("Unrecognized"));
    }

    [Test]
    public void NoCommand_SaysACommandIsNeeded_AndListsThem()
    {
        var (code, _, err) = Run();
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.StartWith("error: a command is needed").And.Contain("degrees-compare").And.Not.Contain("Required command"));
    }

    [Test]
    public void Help_ExplainsTheCommands()
    {
        var (code, stdout, _) = Run("--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("fit").And.Contain("report").And.Contain("Clauset"));
        var fitHelp = Run("fit", "--help");
        Assert.That(fitHelp.Out, Does.Contain("--bootstrap").And.Contain("--seed").And.Contain("--json").And.Contain("trace.jsonl"));
    }

    [Test]
    public void Sample_WritesIntegersTheFitAccepts()
    {
        string path = Path.Combine(_dir, "g.txt");
        var (code, _, err) = Run("sample", "geometric", "--rate", "0.2", "--n", "500", "-o", path);
        Assert.That(code, Is.EqualTo(0), err);
        var values = File.ReadAllLines(path).Select(long.Parse).ToArray();
        Assert.That(values, Has.Length.EqualTo(500));
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void DegreesCompare_WritesJsonAndBothImages_AndPrintsTheFigures()
    {
        string a = Write("a.txt", "# proto\n1\n2\n2\n3\n50\n");
        string b = Write("b.txt", "1\n2\n3\n3\n4\n");
        string outDir = Path.Combine(_dir, "out");

        var (code, stdout, _) = Run("degrees-compare", a, b, "--tail-at", "3,50", "--out", outDir);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("two-sample KS D").And.Contain("5 % critical D").And.Contain("tail ratio at 50"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "degrees-compare.json")));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("a").GetProperty("max").GetInt64(), Is.EqualTo(50));
        Assert.That(root.GetProperty("maxRatio").GetDouble(), Is.EqualTo(12.5));
        Assert.That(root.GetProperty("tails")[0].GetProperty("ratio").GetDouble(), Is.EqualTo((2.0 / 5) / (3.0 / 5)).Within(1e-12));
        Assert.That(root.GetProperty("tails")[1].GetProperty("ratio").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(new FileInfo(Path.Combine(outDir, "degrees-compare.png")).Length, Is.GreaterThan(0));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "degrees-compare.svg")), Does.Contain("<svg"));
    }

    [Test]
    public void DegreesCompare_SeveralSamplesASide_WritesThePooledFiguresAndTheVerdict()
    {
        string a = Write("a1.txt", "1\n2\n2\n10\n") + "," + Write("a2.txt", "1 2\n3\n20\n");
        string b = string.Join(",", Write("b1.txt", "1\n2\n3\n4\n"), Write("b2.txt", "2\n2\n5\n40\n"), Write("b3.txt", "1\n3\n3\n8\n"));
        string outDir = Path.Combine(_dir, "out");

        var (code, stdout, err) = Run("degrees-compare", a, b, "--tail-at", "3", "--out", outDir);

        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("pooled: all degrees of a side as one sample").And.Contain("verdict: does NOT meet (tail ratio at 3")
            .And.Contain("p of each A sample against pooled B"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "degrees-compare.json")));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("ksPooled").GetProperty("d").GetDouble(), Is.EqualTo(3.0 / 8 - 2.0 / 12).Within(1e-12));
        Assert.That(root.GetProperty("a").GetProperty("samples").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("a").GetProperty("maxDegree").GetProperty("mean").GetDouble(), Is.EqualTo(15));
        var tail = root.GetProperty("tails")[0];
        Assert.That(tail.GetProperty("a").GetProperty("count").GetProperty("mean").GetDouble(), Is.EqualTo(1.5));
        Assert.That(tail.GetProperty("ratioOfMeans").GetDouble(), Is.EqualTo(0.375 / (7.0 / 12)).Within(1e-12));
        Assert.That(root.GetProperty("verdict").GetProperty("met").GetBoolean(), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(outDir, "degrees-compare.svg")), Does.Contain("<svg"));
    }

    [TestCase("empty entry", "sample A: ", "has an empty entry")]
    [TestCase("twice", "sample B: ", "is listed twice")]
    [TestCase("bad line", "bad.txt:3: 'many' is not an integer", "")]
    [TestCase("missing", "nope.txt: no such file", "")]
    public void DegreesCompare_BadListOfSamples_NamesTheFileAndWhatWasExpected(string what, string message, string more)
    {
        string good = Write("good.txt", "1\n2\n"), other = Write("other.txt", "2\n3\n");
        var (a, b) = what switch
        {
            "empty entry" => ($"{good},,{other}", good),
            "twice" => (good, $"{other},{other}"),
            "bad line" => ($"{good},{Write("bad.txt", "1\n2\nmany\n")}", other),
            _ => (good, $"{other},{Path.Combine(_dir, "nope.txt")}"),
        };
        var (code, _, stderr) = Run("degrees-compare", a, b, "--out", _dir);
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain(message).And.Contain(more).And.Not.Contain("Exception"));
    }

    [TestCase("missing", "no such file")]
    [TestCase("bad", "bad.txt:2: 'x' is not an integer")]
    [TestCase("empty", "no degrees found")]
    [TestCase("negative", "degree -1 is negative")]
    [TestCase("tail", "--tail-at must be degrees of 1 or more")]
    [TestCase("no B", "degrees-compare needs <B> (Sample B")]
    [TestCase("no x", "--tail-at needs a value (Degrees x")]
    public void DegreesCompare_BadInput_IsOnePlainLineAndExitCode2(string what, string message)
    {
        string good = Write("good.txt", "1\n2\n");
        string[] args = what switch
        {
            "missing" => ["degrees-compare", Path.Combine(_dir, "nope.txt"), good, "--out", _dir],
            "bad" => ["degrees-compare", Write("bad.txt", "1\nx\n"), good, "--out", _dir],
            "empty" => ["degrees-compare", good, Write("empty.txt", "# nothing\n"), "--out", _dir],
            "negative" => ["degrees-compare", Write("neg.txt", "3\n-1\n"), good, "--out", _dir],
            "tail" => ["degrees-compare", good, good, "--tail-at", "10,0"],
            "no B" => ["degrees-compare", good],
            _ => ["degrees-compare", good, good, "--tail-at"],
        };
        var (code, _, stderr) = Run(args);
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain(message).And.Not.Contain("Exception"));
    }
}
