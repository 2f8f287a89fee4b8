using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Simulation;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Sim;

/// <summary>
/// Puts a scenario's fault schedule on the simulator's queue. Targets chosen at fault time
/// ("hub" = the live peer of highest degree then; random peers from the run's own stream).
/// </summary>
public sealed class FaultScheduler(SimNetwork net, Scenario scenario, int[] seedIndex, List<int> peerIndex, Rng rng, Action<string> say)
{
    private readonly List<int> _crashed = new();

    public void ScheduleAll()
    {
        foreach (var f in scenario.Faults.OrderBy(f => f.At))
            net.Schedule(TimeSpan.FromSeconds(f.At), () => Apply(f));
    }

    private void Apply(FaultSpec f)
    {
        switch (f.Action)
        {
            case "crash": Crash(f); break;
            case "restart": Restart(f); break;
            case "partition": Partition(f); break;
            case "heal": net.Heal(); say($"t={net.Now.TotalSeconds:F1}s healed all partitions"); break;
            case "loss":
                double before = net.LossRate;
                net.SetLoss(f.Rate ?? 0);
                say($"t={net.Now.TotalSeconds:F1}s message loss set to {f.Rate:P1}");
                if (f.DurationSeconds is { } d)
                    net.Schedule(net.Now + TimeSpan.FromSeconds(d), () => { net.SetLoss(before); say($"t={net.Now.TotalSeconds:F1}s message loss back to {before:P1}"); });
                break;
            case "duplication":
                double dupBefore = net.DuplicationRate;
                net.DuplicationRate = f.Rate ?? 0;
                say($"t={net.Now.TotalSeconds:F1}s message duplication set to {f.Rate:P1}");
                if (f.DurationSeconds is { } dd)
                    net.Schedule(net.Now + TimeSpan.FromSeconds(dd), () => { net.DuplicationRate = dupBefore; say($"t={net.Now.TotalSeconds:F1}s message duplication back to {dupBefore:P1}"); });
                break;
            case "latency-spike":
                net.SetLatencySpike(f.Factor ?? 1, TimeSpan.FromMilliseconds(f.ExtraMs ?? 0));
                say($"t={net.Now.TotalSeconds:F1}s latency spike: x{f.Factor ?? 1} +{f.ExtraMs ?? 0} ms for {f.DurationSeconds} s");
                net.Schedule(net.Now + TimeSpan.FromSeconds(f.DurationSeconds!.Value), () => { net.SetLatencySpike(1, TimeSpan.Zero); say($"t={net.Now.TotalSeconds:F1}s latency back to normal"); });
                break;
        }
    }

    /// <summary>Churn: joins are added up front by the runner; leaves pick a random live peer when they happen.</summary>
    public void ScheduleLeaves(ChurnSettings c)
    {
        if (c.LeavesPerSecond <= 0) return;
        double t = c.From;
        while (true)
        {
            t += -Math.Log(1 - rng.NextDouble()) / c.LeavesPerSecond;
            if (t >= c.Until) break;
            net.Schedule(TimeSpan.FromSeconds(t), () =>
            {
                var live = peerIndex.Where(net.IsAlive).ToArray();
                if (live.Length <= 1) return;
                int victim = live[rng.NextInt(live.Length)];
                if (c.Graceful) net.Leave(victim);
                else net.Crash(victim);
            });
        }
    }

    private void Crash(FaultSpec f)
    {
        var victims = new List<int>();
        switch (f.Target)
        {
            case "hub":
                int hub = Hub();
                if (hub >= 0) victims.Add(hub);
                break;
            case "random-peers":
                var live = peerIndex.Where(net.IsAlive).ToArray();
                rng.Shuffle(live.AsSpan());
                victims.AddRange(live.Take(f.Count ?? 1));
                break;
            case "peer": victims.Add(peerIndex[f.Index!.Value]); break;
            case "seed": victims.Add(seedIndex[f.Index!.Value]); break;
        }
        foreach (int v in victims)
        {
            if (!net.IsAlive(v)) continue;
            int degree = net.NodeAt(v) is PeerNode p ? p.Degree : 0;
            net.Crash(v);
            _crashed.Add(v);
            say($"t={net.Now.TotalSeconds:F1}s crashed {(f.Target == "seed" ? "seed" : "peer")} {net.AddressOf(v)}{(f.Target == "hub" ? $" (the hub, degree {degree})" : "")}");
        }
    }

    /// <summary>The live peer with the most links; ties go to the lowest index, so the choice is deterministic.</summary>
    public int Hub()
    {
        int best = -1, bestDegree = -1;
        foreach (int i in peerIndex)
            if (net.NodeAt(i) is PeerNode p && p.Degree > bestDegree) { best = i; bestDegree = p.Degree; }
        return best;
    }

    private void Restart(FaultSpec f)
    {
        var targets = f.Target switch
        {
            "crashed" => _crashed.ToList(),
            "seed" => new List<int> { seedIndex[f.Index!.Value] },
            _ => new List<int> { peerIndex[f.Index!.Value] },
        };
        foreach (int t in targets)
        {
            if (net.IsAlive(t)) continue;
            net.Restart(t);
            _crashed.Remove(t);
            say($"t={net.Now.TotalSeconds:F1}s restarted {net.AddressOf(t)}");
        }
    }

    private void Partition(FaultSpec f)
    {
        var groupOf = new Dictionary<int, int>();
        var parts = new List<string>();
        for (int g = 0; g < f.Groups!.Count; g++)
        {
            foreach (var text in f.Groups[g])
            {
                NodeSelector.TryParse(text, scenario, out var sel, out _);
                IReadOnlyList<int> indices = sel.Seeds ? seedIndex : peerIndex;
                for (int i = sel.From; i <= sel.To; i++) groupOf[indices[i]] = g + 1;
            }
            parts.Add("[" + string.Join(",", f.Groups[g]) + "]");
        }
        bool oneWay = f.Direction == "one-way";
        string description = oneWay ? $"{parts[0]} -> {parts[1]} lost (reverse works)" : string.Join(" | ", parts) + " | [everyone else]";
        net.Partition(groupOf, description, oneWay);
        say($"t={net.Now.TotalSeconds:F1}s partition {description}");
        if (f.DurationSeconds is { } d)
            net.Schedule(net.Now + TimeSpan.FromSeconds(d), () => { net.Heal(); say($"t={net.Now.TotalSeconds:F1}s partition healed"); });
    }
}
