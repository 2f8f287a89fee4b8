using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Cli;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary>The node executable's command line: every tunable reachable, every bad input a clear message and exit code 2.</summary>
public class CommandLineTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NodeCommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SeedFile(params string[] lines)
    {
        string path = Path.Combine(_dir, "seeds.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void BadSeedListLine_ExitsWith2_NamingFileAndLine()
    {
        string seeds = SeedFile("127.0.0.1:5001", "# comment", "300.1.1.1:5002");
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Is.EqualTo($"error: {seeds}:3: '300.1.1.1' is not an IPv4 address"));
        Assert.That(stdout, Does.Not.Contain("LISTENING"), "the list is read before the node binds: LISTENING means it has its seeds");
    }

    [Test]
    public void MissingSeedList_ExitsWith2()
    {
        string seeds = Path.Combine(_dir, "nope.txt");
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{seeds}: seed list file not found"));
    }

    [Test]
    public void MissingSeedList_IsWaitedFor_WithSeedsWait_ThenReported()
    {
        string seeds = Path.Combine(_dir, "late.txt");
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--seeds-wait", "0.3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("seed list file not found"));
    }

    [Test]
    public void SeedNotInItsOwnList_ExitsWith2()
    {
        string seeds = SeedFile("127.0.0.1:5001");
        var (code, _, stderr) = Run("seed", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Match($"error: .*seeds.txt: this seed's address 127.0.0.1:\\d+ is not in the seed list"));
    }

    [Test]
    public void ASeedNameThatDoesNotResolve_ExitsWith2_NamingFileLineAndName()
    {
        string seeds = SeedFile("127.0.0.1:5001", "no-such-seed.invalid:5001");
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.Match(@"^error: .*seeds\.txt:2: seed host 'no-such-seed\.invalid' does not resolve: [^\n]+$"));
        Assert.That(stdout, Does.Not.Contain("LISTENING"), "a bad list costs no port");
    }

    [TestCase("127.0.0.1:99999", "'99999' is not a port")]
    [TestCase("0.0.0.0:5001", "not 0.0.0.0")]
    [TestCase("no-such-host.invalid:5001", "host 'no-such-host.invalid' does not resolve")]
    [TestCase("10.0.0.300:5001", "is not an IPv4 address, a host name or 'auto'")]
    [TestCase("127.0.0.1", "expected IP:Port")]
    public void BadListenAddress_ExitsWith2(string listen, string expected)
    {
        var (code, stdout, stderr) = Run("peer", "--listen", listen, "--seeds", SeedFile("127.0.0.1:5001"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--listen").And.Contain(expected));
        Assert.That(stdout, Does.Not.Contain("LISTENING"), "nothing is bound for a bad address");
    }

    [TestCase("--ping-interval", "-1", "--ping-interval must be a positive number of seconds, got '-1'")]
    [TestCase("--gossip-interval", "0", "--gossip-interval must be a positive number of seconds, got '0'")]
    [TestCase("--misses", "0", "--misses must be a whole number of at least 1, got '0'")]
    [TestCase("--messages", "2.5", "--messages must be a whole number of at least 0, got '2.5'")]
    [TestCase("--ping-interval", "soon", "--ping-interval must be a positive number of seconds, got 'soon'")]
    [TestCase("--originates", "maybe", "maybe")]
    [TestCase("--suspicion-query-timeout", "1", "--suspicion-query-timeout must be longer than --witness-probe-timeout (3 s)")]
    [TestCase("--no-such-option", "1", "--no-such-option")]
    public void BadPeerOption_ExitsWith2_WithAMessage(string option, string value, string expected)
    {
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Does.Not.Contain("LISTENING"), "settings are checked before anything is bound");
    }

    [Test]
    public void BadSeedOption_ExitsWith2() =>
        Assert.That(Run("seed", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), "--proposal-timeout", "1").Err,
            Does.Contain("--proposal-timeout must be longer than --probe-timeout (3 s)"));

    [Test]
    public void MissingRequiredOptions_ExitWith2()
    {
        var (code, _, stderr) = Run("peer");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--listen").And.Contain("--seeds"));
    }

    [Test]
    public void Help_ListsTheOptionsWithTheirDefaults()
    {
        var (code, stdout, _) = Run("peer", "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("--ping-interval").And.Contain("[default: 13]").And.Contain("--gossip-interval").And.Contain("(seconds)"));
    }

    [TestCase("peer")]
    [TestCase("seed")]
    [TestCase("keygen")]
    public void Help_ListsEveryOption_WithItsDescriptionAndDefault(string role)
    {
        var (code, stdout, stderr) = Run(role, "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stderr, Is.Empty);
        var command = NodeCommandLine.Build(TextWriter.Null, TextWriter.Null).Single(c => c.Name == role);
        var lines = stdout.Split('\n');
        foreach (var option in command.Options)
        {
            string line = lines.SingleOrDefault(l => l.TrimStart().StartsWith(option.Name + " ", StringComparison.Ordinal)) ?? "";
            Assert.That(line, Does.Contain(option.Description), option.Name);
            Assert.That(line, option.Required ? Does.Contain("(REQUIRED)") : Does.Contain("[default: "), option.Name);
        }
        Assert.That(command.Options, Has.Count.GreaterThan(role == "keygen" ? 1 : 20));
    }

    [Test]
    public void Help_OfTheExecutable_ListsTheCommands()
    {
        var (code, stdout, _) = Run("--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("seed").And.Contain("peer").And.Contain("keygen").And.Contain("2 bad input or usage"));
    }

    [TestCase(new string[0], "a command is required")]
    [TestCase(new[] { "sed" }, "unknown command 'sed'")]
    public void MissingOrUnknownCommand_ExitsWith2(string[] args, string expected)
    {
        var (code, _, stderr) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected).And.Contain("--help"));
    }

    [Test]
    public void MissingRequiredOptions_AreNamed_WithWhatIsExpected()
    {
        var (_, _, stderr) = Run("seed", "--quiet");
        Assert.That(stderr, Does.Contain("error: --listen is required: an IPv4 address and port (IP:Port)"));
        Assert.That(stderr, Does.Contain("error: --seeds is required: the seed list file"));
    }

    [Test]
    public void OptionWithoutItsValue_IsNamed()
    {
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), "--ping-interval");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--ping-interval needs a value: a positive number of seconds"));
    }

    [Test]
    public void AnOptionFollowedByAnotherOption_IsMissingItsValue_AndTheOtherStillCounts()
    {
        var options = new PeerOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        var r = command.Parse(["--ping-interval", "--misses", "2", "--link-timeout", "--help"]);
        Assert.That(r.Errors, Does.Contain("--ping-interval needs a value: a positive number of seconds"));
        Assert.That(r.Errors, Has.Some.StartsWith("--link-timeout needs a value"));
        Assert.That(r.HelpRequested, Is.True, "--help after a valueless option is still a request for help");
        Assert.That(options.Build(r, loopback: false).MissesBeforeSuspect, Is.EqualTo(2));
    }

    [TestCase("--seed", "x", "--seed must be a whole number from 0 to 18446744073709551615, got 'x'")]
    [TestCase("--incarnation", "1e3", "--incarnation must be a whole number, got '1e3'")]
    [TestCase("--parent-pid", "0", "--parent-pid must be a process id (a positive whole number), got '0'")]
    [TestCase("--quiet", "yes", "--quiet must be true or false, got 'yes'")]
    public void BadCommonOption_ExitsWith2_NamingTheOption(string option, string value, string expected)
    {
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Does.Not.Contain("LISTENING"));
    }

    [Test]
    public void ABadSeed_SaysWhatASeedIs()
    {
        var (_, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), "--seed", "abc");
        Assert.That(stderr, Does.Contain("--seed must be a whole number from 0 to 18446744073709551615, got 'abc' (The node's random seed:"));
        Assert.That(stderr, Does.Not.Contain("System.").And.Not.Contain("Exception"));
    }

    [TestCase("--help")]
    [TestCase("peer", "--help")]
    [TestCase("seed", "--help")]
    public void Help_StatesTheExitCodes(params string[] args)
    {
        var (code, stdout, _) = Run(args);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout, Does.Contain(ExitCodes.Help));
    }

    [Test]
    public void Values_CanBeGivenWithEquals_FlagsAlone_AndTheLastOneWins()
    {
        var options = new PeerOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        var r = command.Parse(["--ping-interval=2.5", "--originates", "--reattach", "false", "--misses", "2", "--misses", "5", "--message-includes-port"]);
        Assert.That(r.Errors, Is.Empty);
        var config = options.Build(r, loopback: false);
        Assert.That((config.PingInterval, config.Originates, config.ReattachOnLoss, config.MissesBeforeSuspect, config.MessageIncludesPort),
            Is.EqualTo((TimeSpan.FromSeconds(2.5), true, false, 5, true)));
    }

    /// <summary>Every tunable of a table given on the command line with a value other than its default, as the options' text.</summary>
    private static string[] EveryOptionWithAnotherValue<TConfig>(IReadOnlyList<Tunable<TConfig>> table, TConfig defaults) =>
        table.SelectMany(t => new[] { t.Option, t.Format(TunableSamples.OtherThan(t, t.Get(defaults))) }).ToArray();

    [Test]
    public void EveryPeerTunable_HasItsOption_ThatSetsIt()
    {
        var options = new PeerOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        var r = command.Parse(EveryOptionWithAnotherValue(PeerTunables.All, new PeerConfig()));
        Assert.That(r.Errors, Is.Empty);
        var config = options.Build(r, loopback: true);
        foreach (var t in PeerTunables.All)
            Assert.That(t.Get(config), Is.EqualTo(TunableSamples.OtherThan(t, t.Get(new PeerConfig()))), t.Option);
    }

    [Test]
    public void EverySeedTunable_HasItsOption_ThatSetsIt()
    {
        var options = new SeedOptions();
        var command = new CliCommand("seed", "");
        options.AddTo(command);
        var r = command.Parse(EveryOptionWithAnotherValue(SeedTunables.All, new SeedConfig()));
        Assert.That(r.Errors, Is.Empty);
        var config = options.Build(r);
        foreach (var t in SeedTunables.All)
            Assert.That(t.Get(config), Is.EqualTo(TunableSamples.OtherThan(t, t.Get(new SeedConfig()))), t.Option);
    }

    [Test]
    public void Help_NamesTheScenarioFieldOfEachTunable()
    {
        var lines = Run("peer", "--help").Out.Split('\n').Concat(Run("seed", "--help").Out.Split('\n')).ToArray();
        foreach (var t in PeerTunables.All.Concat<Tunable>(SeedTunables.All))
        {
            string line = lines.Single(l => l.TrimStart().StartsWith(t.Option + " ", StringComparison.Ordinal));
            Assert.That(line, t.Source == TunableSource.Scenario ? Does.Contain($"scenario: {t.JsonName})") : Does.Contain("set per node"), t.Option);
        }
    }

    [Test]
    public void ExpectedPeers_IsNoLongerANodeOption() =>
        Assert.That(Run("seed", "--listen", "127.0.0.1:0", "--seeds", SeedFile("127.0.0.1:5001"), "--expected-peers", "5").Err,
            Does.Contain("unknown option '--expected-peers'"));

    [Test]
    public void Defaults_AreTheClassicOnes()
    {
        var options = new PeerOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        Assert.That(options.Build(command.Parse(Array.Empty<string>()), loopback: false), Is.EqualTo(new PeerConfig()));
        var seedOptions = new SeedOptions();
        var seedCommand = new CliCommand("seed", "");
        seedOptions.AddTo(seedCommand);
        Assert.That(seedOptions.Build(seedCommand.Parse(Array.Empty<string>())), Is.EqualTo(new SeedConfig()));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    public void MessageIncludesPort_DefaultsToWhetherTheListenAddressIsLoopback(bool loopback, bool expected)
    {
        var options = new PeerOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        Assert.That(options.Build(command.Parse(Array.Empty<string>()), loopback).MessageIncludesPort, Is.EqualTo(expected));
    }

    [TestCase("127.0.0.1:0", "127.0.0.1:0")]
    [TestCase("localhost:6001", "127.0.0.1:6001")]
    [TestCase("10.0.0.5,7000", "10.0.0.5:7000")]
    public void ListenAddress_AcceptsPortZero(string text, string expected)
    {
        Assert.That(ListenAddress.TryParse(text, out var a, out _), Is.True);
        Assert.That(a.ToString(), Is.EqualTo(expected));
    }

    [TestCase(new[] { "seed-set" }, "seed-set: say add, remove or replace", TestName = "SeedSet_WithoutAChange_ExitsWith2")]
    [TestCase(new[] { "seed-set", "grow" }, "seed-set grow: expected add, remove or replace", TestName = "SeedSet_OfAnUnknownChange_ExitsWith2")]
    [TestCase(new[] { "seed-set", "add", "--state-dir", "S", "--operator-key", "K", "--address", "127.0.0.1:1" },
        "--key", TestName = "SeedSetAdd_WithoutTheNewSeedsKey_ExitsWith2")]
    [TestCase(new[] { "seed-set", "remove", "--state-dir", "S", "--operator-key", "K", "--address", "127.0.0.1" },
        "--address: ", TestName = "SeedSetRemove_OfABadAddress_ExitsWith2")]
    [TestCase(new[] { "seed-set", "remove", "--state-dir", "NONE", "--operator-key", "K", "--address", "127.0.0.1:1" },
        "is not a directory (give the state directory of a running seed)", TestName = "SeedSet_WithoutTheSeedsStateDirectory_ExitsWith2")]
    [TestCase(new[] { "seed-set", "remove", "--state-dir", "S", "--operator-key", "NONE", "--address", "127.0.0.1:1" },
        "not found ('keygen --node --out", TestName = "SeedSet_WithoutTheOperatorsKeyFile_ExitsWith2")]
    public void SeedSetUsage(string[] args, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "S"));
        File.WriteAllText(Path.Combine(_dir, "K"), "");
        var given = args.Select(a => a is "S" or "K" or "NONE" ? Path.Combine(_dir, a) : a).ToArray();
        var (code, _, err) = Run(given);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(expected));
    }
}
