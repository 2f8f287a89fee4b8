using System.Net;
using System.Net.Sockets;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Storage;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>A seed started on a damaged commit log stops with exit code 2, naming the file and offset, rather than start empty.</summary>
public class StateDirOptionTests
{
    [Test]
    public void ASeedWhoseCommitLogIsDamaged_ExitsWith2_NamingTheFileAndOffset()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-statedir-").FullName;
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            string seeds = Path.Combine(dir, "seeds.txt");
            File.WriteAllText(seeds, $"127.0.0.1:{port}\n");
            string state = Path.Combine(dir, "state-of-seed");
            Directory.CreateDirectory(state);
            string log = Path.Combine(state, FileCommitStore.FileName);
            File.WriteAllText(log, "not a commit log");

            var stderr = new StringWriter();
            int code = NodeCommandLine.Run(["seed", "--listen", $"127.0.0.1:{port}", "--seeds", seeds, "--out", Path.Combine(dir, "out"), "--state-dir", state],
                new StringWriter(), stderr);

            Assert.That(code, Is.EqualTo(NodeRunner.ExitUsage));
            Assert.That(stderr.ToString(), Does.StartWith($"error: commit log {log} is corrupt at byte offset 0"));
            Assert.That(File.ReadAllText(log), Is.EqualTo("not a commit log"), "the damaged file is left for the operator");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
