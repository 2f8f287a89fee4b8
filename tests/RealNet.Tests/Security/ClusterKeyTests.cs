using GossipSim.RealNet.Security;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>Loading and writing the cluster key: the formats, the file mode, and an error naming the source for every bad input.</summary>
public class ClusterKeyTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-key-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Test, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WriteNew_WritesOneBase64LineOf32Bytes_ReadableByItsOwnerOnly_AndLoadReadsItBack()
    {
        string path = Path.Combine(_dir, "cluster.key");
        var written = ClusterKey.WriteNew(path, overwrite: false);
        string text = File.ReadAllText(path);
        Assert.That(Convert.FromBase64String(text.Trim()), Has.Length.EqualTo(32));
        Assert.That(text, Does.EndWith("\n").And.Length.EqualTo(45));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var loaded = ClusterKey.Load(path, out string? warning);
        Assert.That(loaded.Fingerprint, Is.EqualTo(written.Fingerprint));
        Assert.That(warning, Is.Null);
    }

    [Test]
    public void WriteNew_RefusesToReplaceAKey_UnlessTold()
    {
        string path = Path.Combine(_dir, "cluster.key");
        var first = ClusterKey.WriteNew(path, overwrite: false);
        var e = Assert.Throws<ClusterKeyException>(() => ClusterKey.WriteNew(path, overwrite: false));
        Assert.That(e!.Message, Does.Contain("already exists").And.Contain("--force"));
        Assert.That(ClusterKey.Load(path, out _).Fingerprint, Is.EqualTo(first.Fingerprint), "the old key is untouched");
        var second = ClusterKey.WriteNew(path, overwrite: true);
        Assert.That(second.Fingerprint, Is.Not.EqualTo(first.Fingerprint));
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void Load_FromAnEnvironmentVariable()
    {
        var key = ClusterKey.Generate();
        string name = "GOSSIPSIM_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, key.ToBase64());
        try
        {
            Assert.That(ClusterKey.Load("env:" + name, out _).Fingerprint, Is.EqualTo(key.Fingerprint));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Test, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_FromAFileOthersCanRead_WarnsButLoads()
    {
        string path = Path.Combine(_dir, "open.key");
        File.WriteAllText(path, ClusterKey.Generate().ToBase64());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        ClusterKey.Load(path, out string? warning);
        Assert.That(warning, Does.Contain("can be read by other users").And.Contain($"chmod 600 {path}"));
    }

    [TestCase("not base64 at all!", "not a base64-encoded key")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAA==", "the key is 16 bytes; a cluster key is 32 bytes")]
    [TestCase("", "the key is 0 bytes")]
    public void Load_BadKeyFile_NamesTheFile(string content, string expected)
    {
        string path = Path.Combine(_dir, "bad.key");
        File.WriteAllText(path, content);
        var e = Assert.Throws<ClusterKeyException>(() => ClusterKey.Load(path, out _));
        Assert.That(e!.Message, Does.StartWith(path + ":").And.Contain(expected));
    }

    [Test]
    public void Load_MissingFileOrVariable_SaysWhich()
    {
        string path = Path.Combine(_dir, "nope.key");
        Assert.That(Assert.Throws<ClusterKeyException>(() => ClusterKey.Load(path, out _))!.Message, Is.EqualTo($"--cluster-key: key file {path} not found"));
        Assert.That(Assert.Throws<ClusterKeyException>(() => ClusterKey.Load("env:GOSSIPSIM_SURELY_UNSET_VARIABLE", out _))!.Message,
            Does.Contain("the environment variable GOSSIPSIM_SURELY_UNSET_VARIABLE is not set"));
        Assert.That(Assert.Throws<ClusterKeyException>(() => ClusterKey.Load("env:", out _))!.Message, Does.Contain("name the environment variable"));
    }

    [Test]
    public void Fingerprint_TellsKeysApart_AndDoesNotRevealTheKey()
    {
        var a = ClusterKey.Generate();
        var b = ClusterKey.Generate();
        Assert.That(a.Fingerprint, Has.Length.EqualTo(16));
        Assert.That(a.Fingerprint, Is.Not.EqualTo(b.Fingerprint));
        Assert.That(Convert.ToHexStringLower(Convert.FromBase64String(a.ToBase64())), Does.Not.Contain(a.Fingerprint));
        Assert.That(ClusterKey.FromBase64(a.ToBase64(), "test").Fingerprint, Is.EqualTo(a.Fingerprint));
    }
}
