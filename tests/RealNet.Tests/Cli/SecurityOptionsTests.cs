using System.Diagnostics;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary>The command line of the hardening options and the cluster key: keygen, --cluster-key from a file or the environment, and their errors.</summary>
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
            // A parent that is already gone: the seed stops cleanly as soon as it has started.
            using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            gone.WaitForExit();
            var (code, stdout, stderr) = Run("seed", "--listen", listen.ToString(), "--seeds", seeds, "--out", _dir, "--quiet",
                "--cluster-key", "env:" + variable, "--parent-pid", gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (code == 2 && stderr.Contains("cannot listen")) Assert.Inconclusive("the free port was taken meanwhile");
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(stdout, Does.StartWith($"LISTENING {listen}"));
            string log = File.ReadAllText(Directory.GetFiles(_dir, "seed-*.txt").Single());
            Assert.That(log, Does.Contain($"cluster key {key.Fingerprint}: connections are authenticated and encrypted"));
            Assert.That(log, Does.Not.Contain(key.ToBase64()), "the key itself is never logged");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
