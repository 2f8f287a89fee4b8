using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// Whether a commit proves its majority: floor(n/2)+1 distinct seeds of the seed set its votes were counted at signed a
/// yes vote for exactly this operation (and the key it binds, and that set's version). A forged commit (a squatter on a
/// seed's address, a lying seed) or a minority one fails, whoever sends it. Version 0 is the seed list a node starts with; a
/// later version is a set the seeds voted (<see cref="SeedSetHistory"/>), joint while a change is in progress (a majority of
/// each of its two sets), and a commit from a version this node has not learned waits until it has.
/// </summary>
public static class CommitCheck
{
    /// <param name="startingSeeds">The seed list this node started with, sorted: version 0 while it has learned no other.</param>
    /// <param name="learned">The versions this node learned since; null: none.</param>
    /// <returns>Null when the proof holds; otherwise why not, for the log line.</returns>
    public static string? Verify(in CommittedOp op, NodeAddress[] startingSeeds, SeedSetHistory? learned, ISeedIdentity identity)
    {
        if (op.Proof is not { } proof) return "it carries no votes";
        if (op.Op.Change == MembershipChange.Remove && proof.PeerKey != null) return "a removal that binds a key";
        // The voters of the proof's version: the starting list (by position, no allocation per commit: a million-peer run checks
        // two million), or a set this node learned.
        var set = learned?.At(proof.SetVersion);
        if (set == null && (learned != null || proof.SetVersion != 0))
            return $"its votes were counted at seed-set version {proof.SetVersion}, which I have not learned (I know up to version "
                + $"{learned?.Current.Version ?? 0})";
        var voters = set?.Voters ?? startingSeeds;
        var counted = new PositionSet();
        foreach (var vote in proof.Votes)
        {
            int position = Array.BinarySearch(voters, vote.Seed);
            if (position < 0)
                return set == null ? $"a vote from {vote.Seed}, which is not a seed"
                    : $"a vote from {vote.Seed}, which is no seed at version {set.Version}";
            if (!counted.Add(position)) return $"two votes from {vote.Seed}";
            if (!identity.Verify(vote.Seed, op.Op, proof.PeerKey, vote.Signature, proof.SetVersion))
                return $"the vote of {vote.Seed} does not verify";
        }
        if (set == null)
            return Quorum.Reached(counted.Count, voters.Length)
                ? null
                : $"only {counted.Count} of {voters.Length} seeds' votes (majority is {Quorum.Of(voters.Length)})";
        // Every vote is now a distinct seed of the set: the set decides (a joint one by a majority of each of its two sets).
        return set.Decides(proof.Votes.Select(v => v.Seed)) ? null
            : $"only {counted.Count} votes at {set}: not a majority" + (set.IsJoint ? " of each set" : "");
    }
}
