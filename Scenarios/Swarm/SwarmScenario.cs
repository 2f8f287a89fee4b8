using System.Text.Json;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Swarm;

/// <summary>
/// One swarm run's scenario, drawn entirely from (swarm seed, run number): a safety phase of
/// random faults (loss up to 30 %, duplication, reordering, latency spikes, two-way and
/// one-way partitions, peer crashes and restarts, clean leaves, newcomers, a seed crash and
/// restart, a change of the seed set by vote) under one combination of the menus' broadcasts and failure detectors (a host's own
/// among them) and the overlays, then a heal phase with a clean network, long enough for every
/// check's bound.
/// </summary>
public static class SwarmScenario
{
    public const double FaultsFrom = 8;
    public const double HealAt = 40;
    public const double Duration = 80;

    /// <summary>"plumtree+hyparview+swim": the run's protocol as compare-protocols names it.</summary>
    public static string ProtocolName(Scenario s) => SwarmProtocol.Of(s).Name;

    /// <param name="menu">What the protocol is drawn from (default: <see cref="SwarmMenu.All"/>); the faults are the same on any.</param>
    public static Scenario Make(ulong swarmSeed, int run, int peers, SwarmMenu? menu = null)
    {
        var rng = SwarmStreams.Run(swarmSeed, run);
        int seeds = 3 + 2 * rng.NextInt(2); // 3 or 5
        var faults = new List<FaultSpec>();
        double T(double from, double to) => Math.Round(from + rng.NextDouble() * (to - from), 2);

        if (rng.Chance(0.7))
            faults.Add(new FaultSpec
                { At = T(FaultsFrom, 20), Action = "loss", Rate = Math.Round(rng.NextDouble() * 0.30, 3), DurationSeconds = T(5, 18) });
        if (rng.Chance(0.4))
            faults.Add(new FaultSpec
                { At = T(FaultsFrom, 30), Action = "duplication", Rate = Math.Round(rng.NextDouble() * 0.2, 3),
                    DurationSeconds = T(3, 9) });
        if (rng.Chance(0.4))
            faults.Add(new FaultSpec
                { At = T(FaultsFrom, 30), Action = "latency-spike", Factor = Math.Round(1 + rng.NextDouble() * 9, 2),
                    ExtraMs = Math.Round(rng.NextDouble() * 200), DurationSeconds = T(2, 9) });
        if (rng.Chance(0.5))
        {
            int cut = 1 + rng.NextInt(Math.Max(1, peers / 3));
            int first = rng.NextInt(peers - cut + 1);
            var side = new List<string> { $"peers:{first}-{first + cut - 1}" };
            if (rng.Chance(0.5)) side.Add($"seed:{rng.NextInt(seeds)}");
            var rest = new List<string>();
            if (first > 0) rest.Add($"peers:0-{first - 1}");
            if (first + cut < peers) rest.Add($"peers:{first + cut}-{peers - 1}");
            // One-way: only messages from the cut side to the rest are lost (needs a non-empty rest).
            bool oneWay = rng.Chance(0.3) && rest.Count > 0;
            faults.Add(new FaultSpec
            {
                At = T(FaultsFrom, 25), Action = "partition", DurationSeconds = T(3, 14),
                Groups = oneWay ? new() { side, rest } : new() { side },
                Direction = oneWay ? "one-way" : null,
            });
        }
        int crashes = rng.NextInt(4);
        for (int i = 0; i < crashes; i++)
            faults.Add(new FaultSpec
                { At = T(FaultsFrom, 30), Action = "crash", Target = rng.Chance(0.3) ? "hub" : "random-peers", Count = 1 });
        if (crashes > 0 && rng.Chance(0.5)) faults.Add(new FaultSpec { At = T(31, 38), Action = "restart", Target = "crashed" });
        if (rng.Chance(0.3))
            faults.Add(new FaultSpec { At = T(FaultsFrom, 30), Action = "leave", Target = "random-peers", Count = 1 + rng.NextInt(2) });
        if (rng.Chance(0.3)) faults.Add(new FaultSpec { At = T(FaultsFrom, 30), Action = "join", Count = 1 + rng.NextInt(3) });
        if (rng.Chance(0.4))
        {
            int s = rng.NextInt(seeds);
            faults.Add(new FaultSpec { At = T(FaultsFrom, 25), Action = "crash", Target = "seed", Index = s });
            faults.Add(new FaultSpec { At = T(26, 38), Action = "restart", Target = "seed", Index = s });
        }

        var scenario = new Scenario
        {
            Name = $"swarm-{run}",
            Description = $"swarm run {run} of swarm seed {swarmSeed}: random faults until {HealAt} s, then a clean heal phase",
            Runtime = RuntimeNames.Sim,
            Seed = SwarmStreams.RunSeed(swarmSeed, run),
            Seeds = seeds,
            Peers = peers,
            JoinWindowSeconds = 5,
            DurationSeconds = Duration,
            Gossip = new GossipSettings
                { Origins = JsonSerializer.SerializeToElement(Math.Min(10, peers)), ["intervalSeconds"] = 1, ["messagesPerPeer"] = 70 },
            PeerSettings = new PeerSettings
            {
                ["pingIntervalSeconds"] = 1, ["missesBeforeSuspect"] = 3, ["witnessProbeTimeoutSeconds"] = 0.5,
                    ["suspicionQueryTimeoutSeconds"] = 1,
                ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1, ["reattachRetrySeconds"] = 1, ["membershipRefreshSeconds"] = 3,
            },
            SeedSettings = new SeedSettings
                { ["probeTimeoutSeconds"] = 0.6, ["proposalTimeoutSeconds"] = 1.5, ["antiEntropyIntervalSeconds"] = 1 },
            Network = new NetworkSettings
            {
                // A 2 ms floor (propagation) under the log-normal part: runs may go on several threads (--threads), in windows of 2 ms.
                Latency = new LatencySpec { Model = "lognormal", MinMs = 2, MedianMs = 18, Sigma = 0.6 },
                ReorderRate = Math.Round(rng.NextDouble() * 0.1, 3),
            },
            Faults = faults.OrderBy(f => f.At).ToList(),
        };
        // Drawn last, so the faults of a (swarm seed, run) are what they were before protocols were drawn, and the same on any menu:
        // a replay that names the run's protocol is the same run.
        (menu ?? SwarmMenu.All).Draw(rng).ApplyTo(scenario);
        // Drawn after the protocol too, for the same reason: a seed-set change (issue 56, 2) in the middle of the other faults, its
        // two votes under loss, partitions, peer crashes and the crash of a seed (the one it removes or another).
        if (rng.Chance(0.35))
        {
            string change = rng.NextInt(3) switch { 0 => "add", 1 => "remove", _ => "replace" };
            int index = rng.NextInt(seeds);
            faults.Add(new FaultSpec
                { At = T(FaultsFrom, 30), Action = "seed-set", Change = change, Index = change == "add" ? null : index });
            scenario.Faults = faults.OrderBy(f => f.At).ToList();
        }
        // Drawn after those, for the same reason: a seed rescheduled elsewhere with its key (issue 56, 1), amid the other faults
        // (a seed's crash, a change of the set, partitions).
        // Not a seed a seed-set change takes out: moved with an empty state, it never learns that it is out (the seeds of the set do
        // not tell a seed outside it), and runs on holding no member (swarm seed 2, run 570; docs/soak.md, class Y).
        int moving = rng.NextInt(seeds);
        if (rng.Chance(0.3) && !faults.Any(f => f.Action == "seed-set" && f.Index == moving))
        {
            faults.Add(new FaultSpec { At = T(FaultsFrom, 30), Action = "move", Target = "seed", Index = moving });
            scenario.Faults = faults.OrderBy(f => f.At).ToList();
        }
        return scenario;
    }
}
