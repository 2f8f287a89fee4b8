using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Commands;

/// <summary>
/// Each kind of bad input a person can give the scenario command (and the manager) gets one
/// message in plain words that says where (file, line, field, or option) and what was
/// expected, and exit code 2; never a .NET type name or a parser's own wording.
/// </summary>
[NonParallelizable] // swaps Console.Out and Console.Error
public class BadInputTests
{
    private static readonly string[] Internals = ["System.", "Exception", "Nullable", "`1", "Int32", "UInt64", "Double", "JsonTokenType", "BytePositionInLine", "LineNumber", "Path: $"];

    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-badinput-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Err) Run(params string[] args)
    {
        var (code, _, err) = ScenariosCommand.Run(args);
        return (code, err);
    }

    private static void AssertPlain(string message)
    {
        foreach (var word in Internals) Assert.That(message, Does.Not.Contain(word), $"no .NET internals in: {message}");
    }

    [TestCase("{\n  \"peers\": 5,\n  \"peerSettings\": { \"missesBeforeSuspect\": 0 }\n}", 3, "field peerSettings.missesBeforeSuspect: expected a whole number of at least 1, got 0", TestName = "A value out of range names its line and field path")]
    [TestCase("{\n  \"peers\": 5,\n  \"faults\": [\n    { \"at\": 5, \"action\": \"crash\",\n      \"target\": \"hubb\" }\n  ]\n}", 5, "field faults[0].target: expected \"hub\", \"random-peers\", \"peer\", \"seed\" or \"host\"", TestName = "A check made after reading still names the field's line")]
    [TestCase("{\n  \"peers\": 5,\n  \"network\": { \"latency\": { \"model\": \"lognormal\" } }\n}", 3, "field network.latency.medianMs: expected a positive median", TestName = "A missing field is placed at the line of the object that lacks it")]
    [TestCase("{\n  \"seeds\": 3,\n  \"peers\": \"five\"\n}", 3, "field peers: expected a whole number", TestName = "A value of the wrong kind says what kind was expected")]
    [TestCase("{\n  \"peers\": 5,\n  \"maxHeapGiB\": 0.1\n}", 3, "field maxHeapGiB: expected a heap ceiling in GiB, at least 0.25", TestName = "A heap ceiling too small says the least")]
    [TestCase("{\n  \"peers\": 5,\n  \"protocol\": { \"broadcast\": \"gossipsub\" }\n}", 3, "field protocol.broadcast: expected one of \"flood\", \"plumtree\", \"rumour\"", TestName = "An unknown protocol lists the protocols")]
    [TestCase("{\n  \"peers\": 5,\n  \"protocol\": { \"graftTimeoutSeconds\": 0 }\n}", 3, "field protocol.graftTimeoutSeconds: expected a positive number of seconds, got 0", TestName = "A protocol timing out of range names its field")]
    [TestCase("{\n  \"seed\": \"abc\"\n}", 2, "the run's random seed", TestName = "A bad seed in a file says what a seed is")]
    [TestCase("{\n  \"seeds\": 3,\n  \"peerz\": 5\n}", 3, "unknown field 'peerz'", TestName = "An unknown field is named")]
    [TestCase("{\n  \"seeds\": 3,\n  \"peers\": 5,,\n}", 3, "line 3, column 14: not valid JSON: expected a field name in double quotes, found ','", TestName = "A JSON syntax error says where and what in plain words")]
    [TestCase("{\n  \"seeds\": 3\n  \"peers\": 5\n}", 3, "not valid JSON: expected a comma or the end of the object or list", TestName = "A missing comma is called one")]
    [TestCase("{\n  \"seeds\": 3,\n", 3, "the file ends before every { and [ is closed", TestName = "An unclosed object is called one")]
    public void ABadScenarioFile_NamesFileLineAndField_InPlainWords(string json, int line, string expected)
    {
        string path = Write(json);
        var (code, err) = Run(path, "--runtime", "sim");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.StartWith($"error: {path}: line {line}"));
        Assert.That(err, Does.Contain(expected));
        AssertPlain(err);
    }

    [TestCase("--seed", "abc", "--seed must be a whole number from 0 to 18446744073709551615, got 'abc'", "random seed", TestName = "--seed abc says what a seed is")]
    [TestCase("--peers", "0", "--peers must be a whole number from 1 to 16,000,000, got '0'", "", TestName = "--peers out of range says the range")]
    [TestCase("--peers", "many", "--peers must be a whole number", "Number of peers", TestName = "--peers of the wrong kind says what it takes")]
    [TestCase("--max-heap", "0.1", "--max-heap must be a number from 0.25 to 65536, got '0.1'", "heap ceiling", TestName = "--max-heap too small says the range")]
    [TestCase("--runtime", "cloud", "'cloud'", "sim", TestName = "--runtime of an unknown kind lists the kinds")]
    public void ABadOption_SaysWhatItTakes(string option, string value, string expected, string meaning)
    {
        var (code, err) = Run("sim-loss.json", option, value);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(expected).And.Contain(meaning));
        AssertPlain(err);
    }

    [TestCase("--minutes", "0", "--minutes must be a number from 1 to 1440, got '0'", "How long the soak runs", TestName = "soak --minutes 0 says the range")]
    [TestCase("--peers", "1000", "--peers must be a whole number from 2 to 150, got '1000'", "Peers at the start", TestName = "soak --peers past the process limit says the range")]
    [TestCase("--overlay", "chord", "'chord'", "hyparview", TestName = "soak --overlay of an unknown kind lists the kinds")]
    public void ABadSoakOption_SaysWhatItTakes_BeforeANodeStarts(string option, string value, string expected, string meaning)
    {
        var (code, err) = Run("soak", option, value, "--out", Path.Combine(_dir, "soak"));
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(expected).And.Contain(meaning));
        Assert.That(Directory.Exists(Path.Combine(_dir, "soak")), Is.False, "nothing ran");
        AssertPlain(err);
    }

    [TestCase("--broadcast", "gossipsub", "--broadcast: 'gossipsub' is not a broadcast protocol", "rumour",
        TestName = "swarm --broadcast not on the menu lists the menu's, a registered one among them")]
    [TestCase("--failure-detector", "swim,swim", "--failure-detector: 'swim,swim' names a failure detector twice", "",
        TestName = "swarm --failure-detector naming one twice says so")]
    public void ABadSwarmOption_SaysWhatItTakes_BeforeARun(string option, string value, string expected, string meaning)
    {
        var (code, err) = Run("swarm", option, value, "--runs", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(expected).And.Contain(meaning));
        AssertPlain(err);
    }

    [TestCase("", "no such folder", TestName = "soak --judge of a missing folder says so")]
    [TestCase("scenario.json", "holds no summary.json: is it a soak's results folder", TestName = "soak --judge of a folder without a run's summary says what is missing")]
    [TestCase("all", "scenario.json: line 1, column 3: not valid JSON", TestName = "soak --judge of a garbled folder names the file and the place")]
    public void JudgingAFolderThatIsNoFinishedSoak_SaysWhy(string holds, string expected)
    {
        string folder = Path.Combine(_dir, "judged");
        if (holds != "")
        {
            Directory.CreateDirectory(folder);
            foreach (var name in holds == "all" ? new[] { "scenario.json", "summary.json", "resources.csv", "soak.json" } : [holds])
                File.WriteAllText(Path.Combine(folder, name), "{ not json");
            if (holds == "all") File.WriteAllText(Path.Combine(folder, "trace.jsonl"), "");
        }
        var (code, err) = Run("soak", "--judge", folder);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain(expected));
        AssertPlain(err);
    }

    [Test]
    public void AHeapCeilingForRealNodes_IsRefused_NamingTheRuntime()
    {
        var (code, err) = Run("crash-hub.json", "--max-heap", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--max-heap bounds the simulator's heap: crash-hub runs on \"real\""));
        AssertPlain(err);
    }

    [Test]
    public void AMissingScenario_ListsTheShippedOnes()
    {
        var (code, err) = Run("crash-hubb.json");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("crash-hubb.json: no such scenario file").And.Contain("crash-hub.json"));
        AssertPlain(err);
    }

    [Test]
    public void TheShippedFolder_NamedFromTheRepositoryRoot_IsFound()
    {
        string root = Directory.CreateTempSubdirectory("gossipsim-root-").FullName;
        string old = Environment.CurrentDirectory;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Scenarios", "scenarios"));
            File.WriteAllText(Path.Combine(root, "Scenarios", "scenarios", "x.json"), "{}");
            Environment.CurrentDirectory = root;
            string expected = Path.Combine(root, "Scenarios", "scenarios", "x.json");
            Assert.That(ScenarioLoader.Resolve("scenarios/x.json"), Is.EqualTo(expected));
            Assert.That(ScenarioLoader.Resolve("x.json"), Is.EqualTo(expected));
            Assert.That(ScenarioLoader.Resolve("x"), Is.EqualTo(expected));
        }
        finally
        {
            Environment.CurrentDirectory = old;
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Help_StatesTheExitCodes()
    {
        var (code, help, _) = ScenariosCommand.Run("--help");
        Assert.That(code, Is.Zero);
        Assert.That(help, Does.Contain(ExitCodes.Help));
    }

    [TestCase("frobnicate", "unknown command 'frobnicate'; commands: list", TestName = "An unknown manager command gets 'unknown command' and the list")]
    [TestCase("kill", "kill: expected hub, peer:i, seed:i, an address ip:port or a port", TestName = "A kill without a target says what it takes")]
    [TestCase("kill peer:x", "kill: expected hub, peer:i, seed:i, an address ip:port or a port, not 'peer:x'", TestName = "A kill of no node says what it takes")]
    [TestCase("add some", "add: expected a number of peers, not 'some'", TestName = "An add of no number says what it takes")]
    [TestCase("restart hub", "restart: expected peer:i, seed:i, an address ip:port or a port", TestName = "A restart of the hub is refused in plain words")]
    public void ABadManagerLine_SaysWhatWasExpected(string line, string expected)
    {
        Assert.That(ManagerCommand.Parse(line, out string error), Is.Null);
        Assert.That(error, Does.StartWith(expected));
        AssertPlain(error);
    }

    [TestCase("exit", typeof(QuitRun))]
    [TestCase("quit", typeof(QuitRun))]
    public void ExitAndQuit_BothEndTheRun(string line, Type expected) =>
        Assert.That(ManagerCommand.Parse(line, out _), Is.TypeOf(expected));

    [Test]
    public void KillWithABarePort_MeansTheNodeOnThatPort()
    {
        var command = ManagerCommand.Parse("kill 5001", out _);
        Assert.That(command, Is.EqualTo(new KillNode(NodeTarget.At(new NodeAddress(0, 5001)))));
        Assert.That(ManagerCommand.Parse(ManagerCommand.Format(command!), out _), Is.EqualTo(command), "the page's log reads back the same");
    }

    [TestCase("bench flood --threads 0", "--threads must be a whole number from 1 to 256, got '0'")]
    [TestCase("bench flood --threads many", "--threads must be a whole number from 1 to 256, got 'many'")]
    [TestCase("bench flood --min-ms 0", "--min-ms must be at least 0.001 (one microsecond): the smallest link delay is the time window in which threads run apart")]
    [TestCase("bench flood --peers 3", "--peers must be at least --links + 1 (4)")]
    [TestCase("bench flood --peers 20000000", "--peers must be at most 16,777,215 (24-bit peer ids)")]
    [TestCase("bench phold --lps 0", "--lps must be a whole number 1 or more, got '0'")]
    [TestCase("bench phold --end -5", "--end must be above 0 and at most 1000000000")]
    public void ABadBenchArgument_GetsOneLineSayingWhatWasExpected(string args, string expected)
    {
        var (code, err) = Run(args.Split(' '));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(expected));
        Assert.That(err.Trim().Split('\n').Count(l => l.StartsWith("error:")), Is.EqualTo(1), err);
        AssertPlain(err);
    }
}
