using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Storage;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// How a run reaches a seed's state directory for a seed-set change (issue 56, 2): the set the seed holds, read from its
/// <c>seedset.state</c>, and a signed change handed to it as the <c>seed-set</c> command hands one (<see cref="SeedSetRequestFile"/>).
/// The orchestrator signs; this only carries the request and the answer, so the run's operator key never leaves the launcher's side.
/// </summary>
public interface ISeedStates
{
    /// <summary>The set the seed's state holds; null before its first step (its seed list's set). Throws
    /// <see cref="IOException"/> or <see cref="CommitLogCorruptException"/> when its file could not be read whole this time.</summary>
    SeedSet? HeldBy(NodeRef seed);

    /// <summary>Hands the signed <paramref name="request"/> to the seed and waits, at most <see cref="SeedSetRequestFile.AnswerPatience"/>,
    /// for its answer (not taken: the request is taken back).</summary>
    SeedSetRequestFile.Answer Hand(NodeRef seed, SeedSetRequestFile.Request request);
}

/// <summary>The seeds' state directories on this machine (<see cref="PinnedSeeds.StateDirectory"/>): loopback processes, in-process
/// nodes, the namespace bed's processes.</summary>
public sealed class SeedStateDirectories(string nodesDir) : ISeedStates
{
    public SeedSet? HeldBy(NodeRef seed) => SeedSetFile.HeldIn(PinnedSeeds.StateDirectory(nodesDir, seed));

    public SeedSetRequestFile.Answer Hand(NodeRef seed, SeedSetRequestFile.Request request) =>
        SeedSetRequestFile.Hand(PinnedSeeds.StateDirectory(nodesDir, seed), request);
}
