namespace GossipSim.Engine.Vocabulary;

/// <summary>A peer's identity in the membership: its address and the incarnation it runs.</summary>
public readonly record struct PeerId(NodeAddress Address, long Incarnation)
{
    public override string ToString() => $"{Address}#{Incarnation}";
}

/// <summary>An entry of a peer list as seeds hand it out: who, and how many links it has.</summary>
public readonly record struct PeerListEntry(NodeAddress Address, int Degree);

public enum MembershipChange : byte { Add = 1, Remove = 2 }

/// <summary>
/// One membership operation. Operations are idempotent and commute (see PeerList.Apply):
/// a higher incarnation wins, and at equal incarnation Remove wins over Add.
/// </summary>
public readonly record struct MembershipOp(MembershipChange Change, PeerId Peer);

/// <summary>
/// A committed operation as it travels between seeds: the seed that proposed it, that seed's
/// epoch (a restarted seed starts a new log) and its commit sequence number in that epoch
/// (contiguous from 1), which anti-entropy uses to find gaps; and its proof, the signed votes
/// of a majority (null only where nothing has been attached yet).
/// </summary>
public readonly record struct CommittedOp(NodeAddress Proposer, long Epoch, long Sequence, MembershipOp Op, CommitProof? Proof = null);

/// <summary>One seed log: a proposer in one epoch.</summary>
public readonly record struct LogId(NodeAddress Proposer, long Epoch) : IComparable<LogId>
{
    public int CompareTo(LogId other)
    {
        int c = Proposer.CompareTo(other.Proposer);
        return c != 0 ? c : Epoch.CompareTo(other.Epoch);
    }
}
