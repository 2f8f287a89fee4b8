using System.Diagnostics;
using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary>
/// A node's own key on the command line: made on first start in the state directory and the
/// same on every later start, <c>--key FILE</c>, <c>keygen --node</c>, seeds pinned by key in
/// the seed list, and the errors of each.
/// </summary>
public class NodeKeyOptionsTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-node-key-" + Guid.NewGuid().ToString("N"));
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

    /// <summary>Runs a seed that stops as soon as it has started (its parent is already gone); its log's text.</summary>
    private (int Code, string Err, string Log) RunSeedOnce(string seedsFile, string listen, params string[] more)
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        string outDir = Path.Combine(_dir, "out");
        var (code, _, stderr) = Run(["seed", "--listen", listen, "--seeds", seedsFile, "--out", outDir, "--quiet",
            "--parent-pid", gone.Id.ToString(CultureInfo.InvariantCulture), .. more]);
        if (code == 2 && stderr.Contains("cannot listen")) Assert.Inconclusive("the free port was taken meanwhile");
        var logs = Directory.Exists(outDir) ? Directory.GetFiles(outDir, "seed-*.txt") : [];
        return (code, stderr, logs.Length == 1 ? File.ReadAllText(logs[0]) : "");
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
        Assert.That(first.Log, Does.Contain("note: 1 of 1 seeds in").And.Contain("are not pinned by key"));

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
        var (code, stderr, _) = RunSeedOnce(seeds, listen.ToString());
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {seeds}: this seed's line pins {other.PublicKey.Fingerprint}, but its key").And.Contain("put its public key ("));
    }

    [TestCase("not-base64!", "is not a base64 public key")]
    [TestCase("AAEC", "a public key of 3 bytes; a node's public key is 65 bytes")]
    public void SeedList_WithABadKey_ExitsWith2_NamingTheFileAndLine(string key, string expected)
    {
        string seeds = Path.Combine(_dir, "seeds.txt");
        File.WriteAllText(seeds, $"# seeds\n127.0.0.1:5001 {key}\n");
        var (code, _, stderr) = Run("peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", Path.Combine(_dir, "out"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"error: {seeds}:2: ").And.Contain(expected));
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
