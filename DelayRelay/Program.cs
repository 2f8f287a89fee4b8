using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GossipSim.Simulator.Latency;

namespace GossipSim.DelayRelay;

/// <summary>
/// The delaying relay as its own process, which the netns runtime starts inside the bed's
/// router namespace (a process's sockets live in the namespace it runs in). Not for users.
///
/// Protocol with the launcher: the relay prints `RELAY LISTENING ip:port` once it accepts;
/// it reads commands on stdin, one per line: `spike FACTOR EXTRA_MS` and `normal`; it stops
/// when stdin closes, on SIGTERM, or when --parent-pid is gone, and then writes --stats.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var listen = new Option<string>("--listen") { Description = "Address to accept redirected connections on", Required = true };
        var latency = new Option<string>("--latency")
            { Description = "The latency model to apply, as the bed wrote it (LatencyFile)", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the relay's delay draws", DefaultValueFactory = _ => 1 };
        var parent = new Option<int?>("--parent-pid") { Description = "Stop when this process is gone" };
        var stats = new Option<string?>("--stats") { Description = "Write the relay's counters (JSON) here when it stops" };
        var nodes = new Option<string?>("--nodes")
            { Description = "The nodes' IP addresses, one a line, node 0 first (seeds, then peers): a model drawn by pair (wan) needs them" };
        var cmd = new RootCommand("The netns bed's delaying TCP relay (started by the netns runtime inside the router namespace)")
        {
            listen, latency, seed, parent, stats, nodes,
        };
        cmd.SetAction(r => Run(r.GetValue(listen)!, r.GetValue(latency)!, r.GetValue(seed), r.GetValue(parent), r.GetValue(stats),
            r.GetValue(nodes)));
        return cmd.Parse(args).Invoke();
    }

    private static int Run(string listenText, string latencyPath, ulong seed, int? parentPid, string? statsPath, string? nodesPath)
    {
        if (!IPEndPoint.TryParse(listenText, out var listen))
        {
            Console.Error.WriteLine($"error: --listen: '{listenText}' is not IP:PORT");
            return 2;
        }
        LatencyModel model;
        // The model as the run uses it (a wan run's placement and pairs come from its seed), the simulator's own rule.
        try { model = LatencyFile.Read(latencyPath).ForRun(seed); }
        catch (Exception ex) when (ex is IOException or FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"error: --latency: {ex.Message}");
            return 2;
        }
        Dictionary<IPAddress, int>? nodeIndex = null;
        if (nodesPath != null)
        {
            try { nodeIndex = NodeList(File.ReadLines(nodesPath)); }
            catch (Exception ex) when (ex is IOException or FormatException)
            {
                Console.Error.WriteLine($"error: --nodes: {ex.Message}");
                return 2;
            }
        }
        var relay = new DelayRelay(listen, model, seed, transparent: true,
            nodeOf: nodeIndex == null ? null : ep => nodeIndex.TryGetValue(ep.Address, out int i) ? i : -1);
        relay.Start();
        Console.Out.WriteLine($"RELAY LISTENING {relay.LocalEndPoint}");
        Console.Out.Flush();

        var stop = new TaskCompletionSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            c => { c.Cancel = true; stop.TrySetResult(); });
        using var intr = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT,
            c => { c.Cancel = true; stop.TrySetResult(); });
        var commands = Task.Run(() =>
        {
            string? line;
            while ((line = Console.In.ReadLine()) != null)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 3 && parts[0] == "spike"
                    && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double factor)
                    && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double extraMs))
                    relay.SetSpike(factor, TimeSpan.FromMilliseconds(extraMs));
                else if (parts is ["normal"])
                    relay.SetSpike(1, TimeSpan.Zero);
                else
                    Console.Error.WriteLine($"relay: unknown command '{line}'");
            }
            stop.TrySetResult();
        });
        var watch = Task.Run(async () =>
        {
            if (parentPid is not { } pid) return;
            while (!stop.Task.IsCompleted)
            {
                if (!Directory.Exists($"/proc/{pid}")) { stop.TrySetResult(); return; }
                await Task.Delay(500);
            }
        });
        stop.Task.GetAwaiter().GetResult();
        relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (statsPath != null)
        {
            var d = relay.Stats.ToDictionary();
            d["model"] = model.Describe();
            d["timerSlackMs"] = Math.Round(relay.TimerSlack.TotalMilliseconds, 3);
            File.WriteAllText(statsPath, JsonSerializer.Serialize(d, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        return 0;
    }

    /// <summary>Node i's address on line i (blank lines skipped): which node a connection's address is.</summary>
    public static Dictionary<IPAddress, int> NodeList(IEnumerable<string> lines)
    {
        var index = new Dictionary<IPAddress, int>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (!IPAddress.TryParse(line, out var ip)) throw new FormatException($"'{line}' is not an IP address");
            if (!index.TryAdd(ip, index.Count)) throw new FormatException($"{line} is listed twice");
        }
        return index;
    }
}
