using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// Whether a commit proves its majority: floor(n/2)+1 distinct seeds of the seed list signed a
/// yes vote for exactly this operation (and the key it binds). A forged commit (a squatter on a
/// seed's address, a lying seed) or a minority one fails, whoever sends it.
/// </summary>
public static class CommitCheck
{
    /// <summary>Null when the proof holds; otherwise why not, for the log line.</summary>
    public static string? Verify(in CommittedOp op, NodeAddress[] sortedSeeds, ISeedIdentity identity)
    {
        if (op.Proof is not { } proof) return "it carries no votes";
        if (op.Op.Change == MembershipChange.Remove && proof.PeerKey != null) return "a removal that binds a key";
        var counted = new PositionSet(); // no allocation per commit: a million-peer run checks two million
        foreach (var vote in proof.Votes)
        {
            int position = Array.BinarySearch(sortedSeeds, vote.Seed);
            if (position < 0) return $"a vote from {vote.Seed}, which is not a seed";
            if (!counted.Add(position)) return $"two votes from {vote.Seed}";
            if (!identity.Verify(vote.Seed, op.Op, proof.PeerKey, vote.Signature)) return $"the vote of {vote.Seed} does not verify";
        }
        return Quorum.Reached(counted.Count, sortedSeeds.Length)
            ? null
            : $"only {counted.Count} of {sortedSeeds.Length} seeds' votes (majority is {Quorum.Of(sortedSeeds.Length)})";
    }
}
