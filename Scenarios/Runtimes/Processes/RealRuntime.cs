using GossipSim.Analysis.Wan;
using GossipSim.Simulator.Latency;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>"real" in the runtime table: seeds and peers as processes (or hosted in this one) on 127.0.0.1.</summary>
public sealed class RealRuntime : IRuntimeDriver
{
    public static readonly RealRuntime Instance = new();
    private RealRuntime() { }

    public string Name => RuntimeNames.Real;
    public bool Simulates => false;
    public string? Unavailable() => null;
    public void Refuse(Scenario s) => RealRunner.RefuseChurn(s);
    /// <summary>In-process nodes write no trace files of their own for the dashboard to read.</summary>
    public bool DashboardFollows(Scenario s) => s.RealHosting != "in-process";
    public RunResult Run(RunPlan plan, Action<string> say) => RealRunner.Run(plan, say);
    /// <summary>None: loopback cannot delay a message (its run says so: RealRunner.LatencyNotAppliedLine).</summary>
    public NodePlaces? PlacesOf(LatencyModel latency, ulong seed, int seeds) => null;
    public RunFailedException? Failure(Exception ex) => null;
}
