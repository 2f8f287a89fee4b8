using System.Diagnostics;
using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Security;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary>
/// The command line of the hardening options, the cluster key (keygen, --cluster-key from a file
/// or the environment) and the node's own key (made in the state directory on first start and the
/// same on the next, --key FILE, keygen --node, seeds pinned by key in the seed list), and their errors.
/// </summary>
public class SecurityOptionsTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-sec-cli-" + Guid.NewGuid().ToString("N"));
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

    private string SeedFile()
    {
        string path = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(path, "127.0.0.1:5001\n");
        return path;
    }

    [Test]
    public void Keygen_WritesAKey_ThatLoads_AndRefusesToOverwriteIt()
    {
        string path = Path.Combine(_dir, "cluster.key");
        var (code, stdout, _) = Run("keygen", "--out", path);
        Assert.That(code, Is.EqualTo(0));
        var key = ClusterKey.Load(path, out _);
        Assert.That(stdout, Does.Contain($"fingerprint {key.Fingerprint}").And.Contain($"--cluster-key {path}"));
        var again = Run("keygen", "--out", path);
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Err, Does.Contain("already exists"));
        Assert.That(Run("keygen", "--out", path, "--force").Code, Is.EqualTo(0));
        Assert.That(ClusterKey.Load(path, out _).Fingerprint, Is.Not.EqualTo(key.Fingerprint));
    }

    [Test]
    public void BadClusterKey_ExitsWith2_BeforeAnythingIsBound()
    {
        string bad = Path.Combine(_dir, "bad.key");
        File.WriteAllText(bad, "c2hvcnQ=");
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile(), "--cluster-key", bad);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {bad}: the key is 5 bytes; a cluster key is 32 bytes"));
        Assert.That(stdout, Does.Not.Contain("LISTENING"));
        Assert.That(Run("seed", "--listen", "127.0.0.1:0", "--seeds", SeedFile(), "--cluster-key", "env:GOSSIPSIM_NO_SUCH_VARIABLE").Err,
            Does.Contain("the environment variable GOSSIPSIM_NO_SUCH_VARIABLE is not set"));
    }

    [TestCase("--max-connections", "0", "--max-connections must be a whole number of at least 1, got '0'")]
    [TestCase("--frame-timeout", "0", "--frame-timeout must be a positive number of seconds, got '0'")]
    [TestCase("--check-hello-ip", "maybe", "maybe")]
    [TestCase("--max-frames-per-second", "-1", "--max-frames-per-second must be a whole number of at least 0, got '-1'")]
    public void BadHardeningOption_ExitsWith2(string option, string value, string expected)
    {
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", SeedFile(), option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected));
    }

    [Test]
    public void HardeningOptions_SetTheTransport_AndDefaultToTheTransportsDefaults()
    {
        var options = new CommonOptions();
        var command = new CliCommand("peer", "");
        options.AddTo(command);
        var set = options.Transport(command.Parse(["--max-connections", "50", "--frame-timeout", "1.5", "--check-hello-ip", "false"]));
        Assert.That((set.MaxConnections, set.FrameTimeout, set.CheckHelloIp), Is.EqualTo((50, TimeSpan.FromSeconds(1.5), false)));
        var paced = options.Transport(command.Parse(["--max-frames-per-second", "300", "--max-handshakes-per-second", "0"]));
        Assert.That((paced.MaxFramesPerSecond, paced.FrameBurst, paced.MaxHandshakesPerSecond), Is.EqualTo((300, 600, 0)), "a burst of two seconds' worth; 0: no limit");
        var defaults = options.Transport(command.Parse(Array.Empty<string>()));
        Assert.That(defaults, Is.EqualTo(new GossipSim.RealNet.Transport.TcpTransportOptions()));
        Assert.That(defaults.MaxConnections, Is.EqualTo(1024));
    }

    [Test]
    public void NodeWithAClusterKeyFromTheEnvironment_RunsWithIt_AndLogsItsFingerprint()
    {
        var key = ClusterKey.Generate();
        string variable = "GOSSIPSIM_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key.ToBase64());
        try
        {
            var listen = Loopback.DeadAddress();
            string seeds = Path.Combine(_dir, "seeds.txt");
            File.WriteAllText(seeds, listen + "\n");
            var (code, stdout, stderr, log) = RunSeedOnce(seeds, listen.ToString(), "--cluster-key", "env:" + variable);
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(stdout, Does.StartWith($"LISTENING {listen}"));
            Assert.That(log, Does.Contain($"cluster key {key.Fingerprint}: connections are authenticated and encrypted"));
            Assert.That(log, Does.Not.Contain(key.ToBase64()), "the key itself is never logged");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>Runs a seed that stops as soon as it has started (its parent is already gone); its log's text.</summary>
    private (int Code, string Out, string Err, string Log) RunSeedOnce(string seedsFile, string listen, params string[] more)
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = Run(["seed", "--listen", listen, "--seeds", seedsFile, "--out", outDir, "--quiet",
            "--parent-pid", gone.Id.ToString(CultureInfo.InvariantCulture), .. more]);
        if (code == 2 && stderr.Contains("cannot listen")) Assert.Inconclusive("the free port was taken meanwhile");
        var logs = Directory.Exists(outDir) ? Directory.GetFiles(outDir, "seed-*.txt") : [];
        return (code, stdout, stderr, logs.Length == 1 ? File.ReadAllText(logs[0]) : "");
    }

    [Test]
    public void NodeKey_IsMadeOnFirstStart_InTheStateDirectory_AndTheSameOnTheNext()
    {
        var listen = Loopback.DeadAddress();
        string seeds = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(seeds, listen + "\n");
        var first = RunSeedOnce(seeds, listen.ToString());
        Assert.That(first.Code, Is.EqualTo(0), first.Err);
        string keyFile = Path.Combine(_dir, "out", "state", NodeIdentity.FileName);
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "readable by its owner only");
        using var key = NodeIdentity.LoadOrCreate(keyFile, out bool created, out string? warning);
        Assert.That((created, warning), Is.EqualTo((false, (string?)null)));
        Assert.That(first.Log, Does.Contain($"node key {key.PublicKey.Fingerprint} made now in {keyFile}; public key {key.PublicKey.ToBase64()}"));
        Assert.That(first.Log, Does.Contain("warning: 1 of 1 seeds in").And.Contain("are not pinned by key"));

        // Pinned now, with the key it made: it starts again with the same key, and no note.
        File.WriteAllText(seeds, $"{listen} {key.PublicKey.ToBase64()}\n");
        var second = RunSeedOnce(seeds, listen.ToString());
        Assert.That(second.Code, Is.EqualTo(0), second.Err);
        Assert.That(second.Log, Does.Contain($"node key {key.PublicKey.Fingerprint} from {keyFile}"));
        Assert.That(second.Log.Split('\n').Count(l => l.Contains("are not pinned by key")), Is.EqualTo(1), "the note was written in the first life only");
    }

    [Test]
    public void Seed_WhosePinnedKeyIsNotItsOwn_ExitsWith2_NamingBothKeys()
    {
        var listen = Loopback.DeadAddress();
        using var other = NodeIdentity.Ephemeral();
        string seeds = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(seeds, $"{listen} {other.PublicKey.ToBase64()}\n");
        var (code, _, stderr, _) = RunSeedOnce(seeds, listen.ToString());
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {seeds}: this seed's line pins {other.PublicKey.Fingerprint}, but its key").And.Contain("put its public key ("));
    }

    /// <summary>A bad key was refused only after LISTENING, which says the node has its seeds (README: the list is read before).</summary>
    [TestCase("not-base64!", "is not a base64 public key")]
    [TestCase("NOTAKEY==", "is not a base64 public key")]
    [TestCase("AAEC", "a public key of 3 bytes; a node's public key is 65 bytes")]
    public void SeedList_WithABadKey_ExitsWith2_NamingTheFileAndLine_BeforeListening(string key, string expected)
    {
        string seeds = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(seeds, $"# seeds\n127.0.0.1:5001 {key}\n");
        var (code, stdout, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", Path.Combine(_dir, "out"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {seeds}:2: ").And.Contain(expected).And.Contain("expected"));
        Assert.That(stdout, Does.Not.Contain("LISTENING"), "the list, keys and all, is read before the node binds");
    }

    [Test]
    public void PublicKey_NotOnTheCurve_IsRefused()
    {
        var bytes = new byte[NodeIdentity.PublicKeyBytes];
        bytes[0] = 4;
        bytes[1] = 1; // (1, 0) is no point of P-256
        Assert.That(Assert.Throws<NodeKeyException>(() => NodeIdentity.ParsePublic(Convert.ToBase64String(bytes), "seeds.txt:1"))!.Message,
            Is.EqualTo("seeds.txt:1: the public key is not a point on the P-256 curve"));
    }

    [Test]
    public void KeygenNode_WritesAKeyForDashDashKey_AndPrintsThePublicKeyToPin()
    {
        string path = Path.Combine(_dir, "seed1.key");
        var (code, stdout, _) = Run("keygen", "--node", "--out", path);
        Assert.That(code, Is.EqualTo(0));
        using var key = NodeIdentity.LoadOrCreate(path, out bool created, out _);
        Assert.That(created, Is.False);
        Assert.That(stdout, Does.Contain($"public key: {key.PublicKey.ToBase64()}").And.Contain($"--key {path}"));
        var again = Run("keygen", "--node", "--out", path);
        Assert.That((again.Code, again.Err), Is.EqualTo((2, $"error: {path} already exists; pass --force to replace it (the node then becomes a new identity)\n")));
    }

    [Test]
    public void KeygenNodeForce_ReplacesTheKeyWhole_AndAWriteThatFails_LeavesTheOldKey()
    {
        string path = Path.Combine(_dir, "seed1.key");
        Assert.That(Run("keygen", "--node", "--out", path).Code, Is.EqualTo(0));
        string old = File.ReadAllText(path);
        // Something in the way of the temporary file: the new key cannot be written.
        string blocker = SecretFile.TemporaryFor(path);
        Directory.CreateDirectory(blocker);
        var failed = Run("keygen", "--node", "--out", path, "--force");
        Assert.That(failed.Code, Is.EqualTo(2));
        Assert.That(failed.Err, Does.StartWith($"error: cannot write {path}: "));
        Assert.That(File.ReadAllText(path), Is.EqualTo(old), "the old key is still there, whole");
        Directory.Delete(blocker);

        var replaced = Run("keygen", "--node", "--out", path, "--force");
        Assert.That(replaced.Code, Is.EqualTo(0));
        using var key = NodeIdentity.LoadOrCreate(path, out bool created, out string? warning);
        Assert.That((created, warning), Is.EqualTo((false, (string?)null)), "loaded, readable by its owner only");
        Assert.That(File.ReadAllText(path), Is.Not.EqualTo(old));
        Assert.That(replaced.Out, Does.Contain($"public key: {key.PublicKey.ToBase64()}"));
        Assert.That(Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "seed1.key" }), "no temporary file left");
    }

    [Test]
    public void NodeKeyFile_ThatIsNotAKey_StopsTheNode_NamingTheFile()
    {
        string path = Path.Combine(_dir, "broken.key");
        File.WriteAllText(path, "hello");
        string seeds = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(seeds, "127.0.0.1:5001\n");
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", Path.Combine(_dir, "out"), "--key", path);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {path}: not an ECDSA private key in PEM form"));
    }

    [TestCase("127.0.0.1:5001 BASE64KEY", "127.0.0.1:5001", "BASE64KEY")]
    [TestCase("127.0.0.1,5001\tBASE64KEY   # seed one", "127.0.0.1:5001", "BASE64KEY")]
    [TestCase("127.0.0.1:5001", "127.0.0.1:5001", null)]
    public void SeedListLine_MayPinTheSeedsKey(string line, string address, string? key)
    {
        var entry = SeedListFile.ParseEntries([line], "seeds.txt").Single();
        Assert.That((entry.Address.ToString(), entry.Key, entry.Line), Is.EqualTo((address, key, 1)));
    }

    [Test]
    public void SeedListLine_WithTwoWordsAfterTheAddress_IsAnError()
    {
        var e = Assert.Throws<SeedListException>(() => SeedListFile.ParseEntries(["127.0.0.1:5001 KEY extra"], "seeds.txt"));
        Assert.That(e!.Message, Does.StartWith("seeds.txt:1: "));
    }
}
