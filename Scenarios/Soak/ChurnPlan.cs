using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Soak;

/// <summary>What one churn step does to the peers.</summary>
public enum ChurnKind { Crash, Restart, Join, Leave }

/// <summary>
/// A soak's churn as a fault schedule, drawn entirely from the run's seed (so a soak repeats its choices): from
/// <see cref="From"/> to <see cref="Until"/>, every <see cref="PeerEverySeconds"/> (± a quarter) a peer crashes, a crashed peer
/// restarts, a new peer joins or a peer leaves cleanly; every <see cref="SeedEverySeconds"/> (± a tenth) a seed crashes and
/// restarts 5 to 15 s later. The choice keeps the live peers near the run's count (<see cref="Choose"/>).
/// </summary>
public sealed record ChurnPlan(double From, double Until, double PeerEverySeconds = 20, double SeedEverySeconds = 600)
{
    /// <summary>A seed is down this long at most, so a restarted seed is back before the next one goes.</summary>
    public const double SeedDownMaxSeconds = 15;

    /// <param name="maxPeerSlots">Peers the run may start in all (the runtime's process limit): joins stop there.</param>
    public IReadOnlyList<FaultSpec> Draw(ulong runSeed, int seeds, int peers, int maxPeerSlots)
    {
        var rng = Rng.ForStream(runSeed, ulong.MaxValue - 4, 0x534F414B); // "SOAK": apart from every other stream of the run
        var faults = new List<FaultSpec>();
        int live = peers, crashed = 0, slots = peers;
        for (double t = From + Jitter(rng, PeerEverySeconds, 0.25); t < Until; t += Jitter(rng, PeerEverySeconds, 0.25))
        {
            var kind = Choose(rng, live, crashed, peers, slots < maxPeerSlots);
            double at = Math.Round(t, 2);
            switch (kind)
            {
                case ChurnKind.Crash:
                    faults.Add(new FaultSpec { At = at, Action = "crash", Target = "random-peers", Count = 1 });
                    live--; crashed++;
                    break;
                case ChurnKind.Restart:
                    faults.Add(new FaultSpec { At = at, Action = "restart", Target = "crashed", Count = 1 });
                    live++; crashed--;
                    break;
                case ChurnKind.Join:
                    faults.Add(new FaultSpec { At = at, Action = "join", Count = 1 });
                    live++; slots++;
                    break;
                case ChurnKind.Leave:
                    faults.Add(new FaultSpec { At = at, Action = "leave", Target = "random-peers", Count = 1 });
                    live--;
                    break;
            }
        }
        foreach (double at in SeedRestartTimes(rng))
        {
            int seed = rng.NextInt(seeds);
            faults.Add(new FaultSpec { At = Math.Round(at, 2), Action = "crash", Target = "seed", Index = seed });
            faults.Add(new FaultSpec { At = Math.Round(at + 5 + rng.NextDouble() * (SeedDownMaxSeconds - 5), 2), Action = "restart",
                Target = "seed", Index = seed });
        }
        return faults.OrderBy(f => f.At).ToList();
    }

    /// <summary>Every <see cref="SeedEverySeconds"/> within the churn; a churn shorter than that still restarts one seed, midway.</summary>
    private IEnumerable<double> SeedRestartTimes(Rng rng)
    {
        var times = new List<double>();
        for (double t = From + Jitter(rng, SeedEverySeconds, 0.1); t + SeedDownMaxSeconds < Until; t += Jitter(rng, SeedEverySeconds, 0.1))
            times.Add(t);
        if (times.Count == 0 && Until - From >= SeedDownMaxSeconds) times.Add((From + Until - SeedDownMaxSeconds) / 2);
        return times;
    }

    private static double Jitter(Rng rng, double every, double spread) => every * (1 - spread + 2 * spread * rng.NextDouble());

    /// <summary>
    /// The next step: any of the four while the live peers are within a tenth (at least 2) of <paramref name="target"/>; below
    /// that only what adds a peer (a restart, a join), above it only what takes one (a crash, a leave). A restart needs a crashed
    /// peer, a join a free slot; at most one live peer is never taken.
    /// </summary>
    public static ChurnKind Choose(Rng rng, int live, int crashed, int target, bool canJoin)
    {
        int band = Math.Max(2, target / 10);
        var allowed = new List<ChurnKind>(4);
        bool low = live <= target - band, high = live >= target + band;
        if (!high && crashed > 0) allowed.Add(ChurnKind.Restart);
        if (!high && canJoin) allowed.Add(ChurnKind.Join);
        if (!low && live > 1) { allowed.Add(ChurnKind.Crash); allowed.Add(ChurnKind.Leave); }
        if (allowed.Count == 0) allowed.Add(live > 1 ? ChurnKind.Crash : crashed > 0 ? ChurnKind.Restart : ChurnKind.Join);
        return allowed[rng.NextInt(allowed.Count)];
    }
}
