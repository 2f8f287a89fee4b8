using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>What a launcher reads of one running node for progress lines and victim choice.</summary>
/// <param name="TreeLinks">Plumtree: the peer's links on the tree (the others lazy); null when its links have no modes.</param>
/// <param name="PassiveView">HyParView: the peers its passive view holds; null when its overlay keeps none.</param>
public readonly record struct NodeSnapshot(int Degree, bool Registered, long GossipReceived, int Members, int? TreeLinks = null,
    int? PassiveView = null);

/// <summary>One seed or peer a launcher started (one life of it: a restart is a new one).</summary>
public interface IRealNode
{
    /// <summary>Where it listens (a loopback peer's port is known once it is ready).</summary>
    NodeAddress Address { get; }
    /// <summary>It stopped, crashed or exited by itself.</summary>
    bool HasExited { get; }
    void WaitReady(TimeSpan timeout);
    /// <summary>Its launcher learns when it listens without asking (a process's ready line); a container's is read from its log only on
    /// demand.</summary>
    bool TellsWhenListening => false;
    /// <summary>When it said it listens (UTC); null until then, or when it does not tell (<see cref="TellsWhenListening"/>).</summary>
    DateTime? ReadyAtUtc => null;
    /// <summary>No goodbye, connections cut, state gone (SIGKILL, or every socket closed at once).</summary>
    void Crash();
    /// <summary>Asks for a clean stop (SIGTERM); <see cref="WaitStopped"/> waits for it.</summary>
    void BeginStop();
    /// <summary>Leaves the network: a clean stop that says goodbye to the seeds first (a node process does on SIGTERM).</summary>
    void Leave() => BeginStop();
    /// <summary>Its OS process, whose resources (/proc/PID) a soak samples; null when it shares this process or runs in a container.</summary>
    int? ProcessId => null;
    bool WaitStopped(TimeSpan timeout);
    /// <summary>Its degree and counters now, or null when it has not told yet.</summary>
    NodeSnapshot? Snapshot();
    /// <summary>Its process's working set now (a container's: the engine's last sample); 0 when it shares this process or has
    /// exited. The run's loop asks every node every 2 s, so it must not wait on anything slow.</summary>
    long WorkingSet();
}

/// <summary>
/// Starts real seeds and peers: as loopback processes, hosted in this process, or as processes
/// in the namespace bed. The <see cref="RealOrchestrator"/> does everything else.
/// </summary>
public interface INodeLauncher : IDisposable
{
    /// <summary>"real" or "netns", as the summary names the runtime.</summary>
    string Runtime { get; }
    /// <summary>For the first line: "seed and peer processes on 127.0.0.1".</summary>
    string Describe { get; }
    /// <summary>The seeds' addresses, fixed before any starts (they are every node's seed list).</summary>
    IReadOnlyList<NodeAddress> SeedAddresses { get; }
    /// <summary>The addresses the seed set names the scenario's seeds by (its version 0, the seed list's): where they listen, unless
    /// the list names them by host name and key (docker: then the address each name and key stand for at every node).</summary>
    IReadOnlyList<NodeAddress> SeedSetAddresses => SeedAddresses;
    /// <summary>Whether it starts a seed a seed-set change adds (an index past the scenario's seeds) as one that joins by the vote, at a
    /// new address, with the run's operator key in its seed list (issue 56, 2).</summary>
    bool StartsJoiningSeeds => false;
    /// <summary>The seeds it can run at most, the scenario's and those a change starts; null: as many as asked (the namespace bed
    /// builds a namespace for each before the run).</summary>
    int? SeedRoom => null;
    /// <summary>Where a seed-set change reads the set a seed holds and hands it a change: by default its state directory on this
    /// machine, under the run's <paramref name="nodesDir"/>.</summary>
    ISeedStates SeedStates(string nodesDir) => new SeedStateDirectories(nodesDir);
    /// <summary>Host <paramref name="host"/> is drained: where hosts are real (docker over several engines), nothing new starts there.</summary>
    void DrainHost(VictimSelector host) { }
    /// <summary>Whether it can start a seed's next life elsewhere (<see cref="MoveSeed"/>).</summary>
    bool MovesSeeds => false;
    /// <summary>Starts the next life of a seed that stopped, elsewhere: a new address, its key, an empty state (as an orchestrator
    /// reschedules it on another host). Only asked when <see cref="MovesSeeds"/>.</summary>
    IRealNode MoveSeed(NodeRef seed) => throw new NotSupportedException("this launcher cannot start a seed elsewhere");
    /// <summary>Starts a node; <paramref name="listen"/> is its fixed address, or null for a new one (port 0 on loopback).</summary>
    IRealNode Start(NodeRef node, NodeAddress? listen, bool originates);
    /// <summary>Host <paramref name="host"/>'s crash as the machine dies, all its nodes at once (the docker runtime over several
    /// engines kills the host's engine); false when the launcher cannot, and its nodes are crashed one by one.</summary>
    bool KillHost(VictimSelector host) => false;
    /// <summary>Launcher-specific lines of the summary's extra section.</summary>
    void AddExtra(Dictionary<string, object> extra);
}
