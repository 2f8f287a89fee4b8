using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;
namespace GossipSim.Scenarios.Run.Faults;

/// <summary>Where a node is in its life, as the runtime that hosts it knows.</summary>
public enum NodeState { NotStarted, Running, Down }

/// <summary>
/// What a runtime offers the <see cref="FaultInterpreter"/>: its nodes by scenario index, the
/// effects it can apply, and a clock for a fault's follow-ups. The simulator, and the real-run
/// orchestrator (processes, in-process hosting, namespace bed) implement it.
/// </summary>
public interface IFaultRuntime
{
    /// <summary>The network effects this runtime can apply; faults needing others are skipped (said once at start).</summary>
    NetworkEffects Supports { get; }

    /// <summary>Indices of the peers running now.</summary>
    IReadOnlyCollection<int> LivePeers();

    /// <summary>A running peer's degree now.</summary>
    int DegreeOf(int peer);

    /// <summary>Peers of the run (indices 0 to PeerCount - 1), started yet or not.</summary>
    int PeerCount { get; }

    /// <summary>The peer is running, registered with the seeds and holds at least one link.</summary>
    bool IsLinked(int peer);

    NodeState StateOf(NodeRef node);

    /// <summary>The node's address, for messages.</summary>
    string AddressOf(NodeRef node);

    /// <summary>Crashes a running node (no goodbye; its state is gone). <paramref name="degree"/> is traced with it, and
    /// <paramref name="unwatched"/> (<see cref="Unwatched"/>) when true.</summary>
    void Crash(NodeRef node, int degree, bool unwatched);

    /// <summary>The host <paramref name="host"/> dies with <paramref name="victims"/> (those running, about to be crashed each with
    /// <see cref="Crash"/>): a runtime that can take the host down as a machine dies does so first (the docker runtime over several
    /// engines kills the host's engine); the others do nothing here, and the victims' crashes are the host's.</summary>
    void HostDies(VictimSelector host, IReadOnlyList<NodeRef> victims) { }

    /// <summary>
    /// Of <paramref name="crashing"/> (peers about to crash together), the running ones no live peer is linked to but others of
    /// them: nobody is left to report them. None when the runtime cannot tell (a real node's links are its own): such a crash is
    /// held to the detection bound. Called alike on every rank.
    /// </summary>
    IReadOnlySet<int> Unwatched(IReadOnlySet<int> crashing) => NoPeers;

    private static readonly IReadOnlySet<int> NoPeers = new HashSet<int>();

    /// <summary>Starts a crashed node again: the same address, a new incarnation.</summary>
    void Restart(NodeRef node);

    /// <summary>Moves a running seed (<see cref="MoveFault"/>): it stops cleanly, and starts again at once at a new address with its
    /// key and an empty state; from then on the seed's index names it there. Only a runtime that <see cref="Supports"/>
    /// <see cref="NetworkEffects.SeedMove"/> is asked.</summary>
    void MoveSeed(NodeRef seed) => throw new NotSupportedException("this runtime cannot start a seed elsewhere");

    /// <summary>Host <paramref name="host"/> is drained (<see cref="DrainFault"/>): a runtime whose hosts are real (the docker runtime
    /// over several engines) starts nothing there again; the moves, leaves and joins follow.</summary>
    void HostDrains(VictimSelector host) { }

    /// <summary>Stops a running peer cleanly: it says goodbye to its seeds first (churn's graceful departure).</summary>
    void Leave(NodeRef node);

    /// <summary>Starts a new peer with the next index (<see cref="PeerCount"/> grows by one) and returns it.</summary>
    NodeRef Join();

    void Partition(PartitionFault partition);
    void Heal();
    double Loss { get; }
    void SetLoss(double rate);
    double Duplication { get; }
    void SetDuplication(double rate);
    /// <summary>(1, 0) is the normal latency.</summary>
    void SetLatencySpike(double factor, double extraMs);

    /// <summary>Runs <paramref name="action"/> this many seconds after the fault being applied was in place (on the simulator, when it
    /// was due; on real nodes, when it was due or, if applying it took time, once it was applied).</summary>
    void After(double seconds, Action action);

    /// <summary>Runs <paramref name="action"/> this many seconds after the fault being applied was due, or as soon as it can when that
    /// has passed: a step that keeps its place in the plan among faults that came late (a new seed's change is given before the faults
    /// planned after it, as on the simulator). The simulator is never late: there it is <see cref="After"/>.</summary>
    void AfterPlanned(double seconds, Action action) => After(seconds, action);

    /// <summary>One line for the person watching, stamped with the run's time.</summary>
    void Say(string line);

    /// <summary>Starts a seed the scenario adds (<see cref="SeedSetFault.NewSeed"/>): with the network's seed list, which does not
    /// name it, waiting for a vote to bring it in. Only a runtime that <see cref="Supports"/> <see cref="NetworkEffects.SeedSetVote"/>
    /// is asked.</summary>
    void StartNewSeed(NodeRef seed) => throw new NotSupportedException("this runtime cannot change the seed set");

    /// <summary>The address the seed set names a seed by: where it listens, or for a seed the seed list names by host name and key,
    /// the address that name and key stand for at every node.</summary>
    NodeAddress SeedAddressOf(NodeRef seed) => throw new NotSupportedException("this runtime cannot change the seed set");

    /// <summary>The seed set in force: the newest a running seed holds, with which of <paramref name="about"/> count in it; null when
    /// no seed runs.</summary>
    SeedSetView? SeedSetInForce(IReadOnlyList<NodeRef> about) => null;

    /// <summary>Gives an operator's change to a running seed of the set in force other than <paramref name="notVia"/>: the seed that
    /// took it, or null and why none did.</summary>
    (NodeRef? Via, string? Refused) ChangeSeedSet(SeedSetChange change, NodeRef? notVia) =>
        throw new NotSupportedException("this runtime cannot change the seed set");

    /// <summary>How long an operator lets a seed that a change left out run on before stopping it: its members learn the new set at
    /// their refresh, from it among others (two of the peers' membership refreshes).</summary>
    double SeedDrainSeconds => 60;

    /// <summary>Stops a running seed cleanly, as its operator does once a change left it out.</summary>
    void StopSeed(NodeRef seed) => throw new NotSupportedException("this runtime cannot change the seed set");

    /// <summary>
    /// The fault, due at <see cref="Fault.At"/>, has been carried out, after waiting for its trigger
    /// or for a fault planned before it that waited (<see cref="FaultOrder"/>) when <paramref name="waitedForTrigger"/>. A real run that comes to it late (the trigger, or
    /// a busy or slow runtime: a container engine may take seconds) moves its end by as long
    /// (<see cref="Runtimes.Processes.RunEnd"/>), so what follows the fault (its detection, the
    /// messages after it) keeps the time the scenario planned for it; the simulator's timeline is
    /// the scenario's own, the same on any machine.
    /// </summary>
    void Applied(Fault fault, bool waitedForTrigger) { }
}

/// <summary>The seed set in force as a runtime sees it: its version, whether a change is half done (joint), and whether each seed
/// asked about counts in it (in the order asked).</summary>
public sealed record SeedSetView(long Version, bool Joint, bool[] Counts);
