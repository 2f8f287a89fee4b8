using System.Diagnostics;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// The runtime settings every node process gets, on loopback and in the namespace bed alike.
/// They act on the JIT node (GossipSim.RealNet.dll); the native node (node-native/) reads its
/// settings from what was compiled in, and the Scenarios build compiles in the same 256 MiB
/// heap cap (Scenarios.csproj, NodeGCHeapHardLimit).
/// </summary>
public static class NodeEnvironment
{
    public static void Apply(ProcessStartInfo psi)
    {
        psi.Environment["DOTNET_TieredPGO"] = "0";       // smaller, faster-starting node processes
        psi.Environment["DOTNET_TC_QuickJitForLoops"] = "1";
        psi.Environment["DOTNET_gcServer"] = "0";
        // RealNet.csproj's tiering (tier 1 only after 30,000 calls; 0x7530) and the runtime's default 100 ms (0x64) before
        // counting starts, for a GossipSim host's node mode too: its runtimeconfig is the host's, which counts at once and
        // recompiles after 30 calls, as the simulator wants, so each of its nodes would compile far more at start-up.
        // Environment settings win over a runtimeconfig's; the repository's JIT node has these already.
        psi.Environment["DOTNET_TC_CallCountThreshold"] = "0x7530";
        psi.Environment["DOTNET_TC_CallCountingDelayMs"] = "0x64";
        // An idle pool thread sleeps at once instead of spinning for work: a node is woken a few hundred times a second, and 33
        // processes' spinning threads on 2 cores took the time the others needed to run (docs/performance.md, section 5).
        psi.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0x10000000"; // 256 MiB cap per node: a runaway node fails alone
        // The launcher's large young generation (Properties/launchSettings.json) is for
        // simulations of a million peers, not for nodes that allocate a few MB a run.
        psi.Environment.Remove("DOTNET_GCgen0size");
        // One malloc arena: glibc otherwise gives each thread its own (up to 8 per core), and the
        // node's few native allocations, spread over them, leave partly used pages in every one
        // that malloc_trim cannot hand back, so the resident memory creeps all run long
        // (docs/soak.md, "What failed"). A node allocates too little natively for one arena's lock to matter.
        psi.Environment["MALLOC_ARENA_MAX"] = "1";
    }
}
