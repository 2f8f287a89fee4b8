using System.Diagnostics;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;
using GossipSim.TestSupport;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>The bed itself: hosts, the path through the router and relay, partitions, pulled cables, teardown.</summary>
public class BedTests : BedTestBase
{
    private static readonly string Bin = AppContext.BaseDirectory;

    /// <summary>
    /// Whether a TCP connection from the host reaches the node at the address and stays up: the
    /// connect must succeed within 3 s and the connection must still be open a second later
    /// (the relay accepts first and resets the caller when it cannot reach the node; a reset
    /// ends `read` at once, while an open, silent connection makes it time out).
    /// </summary>
    private static bool CanConnect(NetnsBed bed, string role, int index, string ip, int port) =>
        RunIn(bed.NamespaceOf(role, index), "timeout", "5", "bash", "-c",
            $"exec 3<>/dev/tcp/{ip}/{port} || exit 10; read -t 1 -u 3 x; [ $? -gt 128 ] || exit 11").ExitCode == 0;

    private static (int ExitCode, string Output) RunIn(string ns, params string[] command)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns }.Concat(command)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    [Test]
    public void Build_GivesEachHostItsOwnNamespaceAndAddress_AndDisposeRemovesThemAll()
    {
        string name;
        using (var bed = NetnsBed.Build(seeds: 2, peers: 3))
        {
            name = bed.Name;
            Assert.That(bed.ExistingNamespaces(), Has.Count.EqualTo(2 + 3 + 1));
            var (code, addr) = RunIn(bed.NamespaceOf("peer", 2), "ip", "-4", "-o", "addr", "show", "dev", "eth0");
            Assert.That(code, Is.EqualTo(0));
            Assert.That(addr, Does.Contain("inet 10.77.1.3/32"));
            // The bed's subnet lives only inside the bed: the machine's own namespace has no route into it.
            var root = Process.Start(new ProcessStartInfo("ip", "-4 route get 10.77.1.3") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string route = root.StandardOutput.ReadToEnd();
            root.WaitForExit();
            Assert.That(route, Does.Not.Contain("br0"));
        }
        Assert.That(NetnsBed.NamespacesOfThisProcess().Where(n => n.StartsWith(name + "-", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Dispose_KillsProcessesStillRunningInTheBed()
    {
        var bed = NetnsBed.Build(seeds: 1, peers: 0);
        using var sleeper = Process.Start(new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", bed.NamespaceOf("seed", 0), "sleep", "600" } })!;
        try
        {
            // `ip netns exec` enters the namespace, then runs sleep in its own pid: that name proves the process is in the bed (the
            // teardown kills what is in its namespaces; one still entering would be missed, or fail alone and prove nothing).
            await Eventually.HoldsAsync(() => sleeper.HasExited || CommandOf(sleeper.Id) == "sleep", "the sleeper runs inside the bed's namespace");
            Assert.That(sleeper.HasExited, Is.False, "ip netns exec entered the bed's namespace");
            bed.Dispose();
            await Eventually.HoldsAsync(() => sleeper.HasExited, "the process in the bed is killed"); // sleep 600 outlasts the wait
        }
        finally
        {
            bed.Dispose();
            if (!sleeper.HasExited) sleeper.Kill();
        }
    }

    /// <summary>A process's command name (/proc/PID/comm), or null once it is gone.</summary>
    private static string? CommandOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
    }

    [Test]
    public void Partition_AndPulledCable_CutAHostOff_AndHealRestoresIt()
    {
        using var bed = NetnsBed.Build(seeds: 1, peers: 1);
        string dir = Directory.CreateTempSubdirectory("gs-bed-").FullName;
        try
        {
            string seedFile = Path.Combine(dir, "seeds.txt");
            File.WriteAllText(seedFile, SeedListFile.Format(new[] { BedAddresses.Seed(0) }));
            var latencyFile = Path.Combine(dir, "latency.json");
            GossipSim.DelayRelay.LatencyFile.Write(latencyFile, new Simulator.Latency.ConstantLatency(1));
            bed.ApplyFilters(null, 0);
            var relay = NodeProcess.Start(bed.Router, Path.Combine(Bin, "GossipSim.DelayRelay.dll"),
                new[] { "--listen", $"{BedAddresses.RouterIp}:{BedAddresses.RelayPort}", "--latency", latencyFile, "--parent-pid", Environment.ProcessId.ToString() },
                "relay", dir, "RELAY LISTENING ", stdin: true);
            relay.WaitReady(TimeSpan.FromSeconds(60));
            var seed = NodeProcess.Start(bed.NamespaceOf("seed", 0), Path.Combine(Bin, "GossipSim.RealNet.dll"),
                new[] { "seed", "--listen", BedAddresses.Seed(0).ToString(), "--seeds", seedFile, "--out", dir, "--quiet", "--parent-pid", Environment.ProcessId.ToString() },
                "seed 0", dir);
            seed.WaitReady(TimeSpan.FromSeconds(60));
            string seedIp = BedAddresses.Seed(0).IpText;

            Assert.That(CanConnect(bed, "peer", 0, seedIp, BedAddresses.NodePort), Is.True, "connected before any fault");

            bed.ApplyFilters(new BedPartition(new[] { new[] { seedIp }, new[] { BedAddresses.Peer(0).IpText } }, false, "test"), 0);
            Assert.That(CanConnect(bed, "peer", 0, seedIp, BedAddresses.NodePort), Is.False, "cut by the partition");
            bed.ApplyFilters(null, 0);
            Assert.That(CanConnect(bed, "peer", 0, seedIp, BedAddresses.NodePort), Is.True, "healed");

            bed.SetLink("peer", 0, up: false);
            Assert.That(CanConnect(bed, "peer", 0, seedIp, BedAddresses.NodePort), Is.False, "the peer's cable is pulled");
            bed.SetLink("peer", 0, up: true);
            Assert.That(CanConnect(bed, "peer", 0, seedIp, BedAddresses.NodePort), Is.True, "plugged back");

            seed.Kill();
            bed.SetHostRunning("seed", 0, running: false);
            var refused = RunIn(bed.NamespaceOf("peer", 0), "timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{seedIp}/{BedAddresses.NodePort}");
            Assert.That(refused.Output, Does.Contain("Connection refused"), "a crashed node's host refuses at once, as its kernel would");

            seed.WaitExit(TimeSpan.FromSeconds(5));
            relay.CloseInput();
            Assert.That(relay.WaitExit(TimeSpan.FromSeconds(10)), Is.True, "the relay stops when its stdin closes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
