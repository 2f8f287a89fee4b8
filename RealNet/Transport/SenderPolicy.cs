using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Which senders a node accepts each message kind from, as far as the transport can tell: the
/// seed list is known, the membership is not (the node itself checks that). A seed takes
/// seed-to-seed messages (propose, vote, commit, sync, degree relay) only from seeds, and never
/// takes the messages peers exchange; a peer takes seed replies only from seeds, and never takes
/// what only a seed receives. A seed is a connection from an address in the seed list, or one that
/// proved the key the list pins for a seed, from wherever it listens now (issue 56: seeds known by
/// key); a seed pinned by no key is known by its address alone. A seed a vote of the seed set brings in is a seed from the step
/// that pins its key (<see cref="Admit"/>; issue 56, 2). Kinds not named here are left to
/// the node. A refused message closes its connection: an honest node never sends one.
/// </summary>
public sealed class SenderPolicy
{
    // SeedsOnlyDropped: from a sender that is no seed the message is dropped and its connection kept: an honest node with another
    // seed list sends it (a seed's word on where it is, to the seeds its own list names), and closing would cut the seed-list check
    // that tells it its list is wrong.
    private enum Rule : byte { Anyone, SeedsOnly, SeedsOnlyDropped, Never }

    private readonly Rule[] _rules = new Rule[256];
    // Read on socket threads, added to from the node's loop (a seed brought in by a vote).
    private readonly ConcurrentDictionary<NodeAddress, bool> _seeds;
    private readonly ConcurrentDictionary<NodeKey, bool> _seedKeys;
    private readonly string _role;

    private SenderPolicy(string role, IEnumerable<NodeAddress> seeds, IEnumerable<NodeKey>? pinnedKeys)
    {
        _role = role;
        _seeds = new(seeds.Distinct().Select(s => KeyValuePair.Create(s, true)));
        _seedKeys = new((pinnedKeys ?? []).Distinct().Select(k => KeyValuePair.Create(k, true)));
    }

    /// <param name="pinnedKeys">The keys the seed list pins: a connection that proved one is a seed's, at any address.</param>
    public static SenderPolicy ForSeed(IEnumerable<NodeAddress> seeds, IEnumerable<NodeKey>? pinnedKeys = null)
    {
        var p = new SenderPolicy("seed", seeds, pinnedKeys);
        p.Set(Rule.SeedsOnly, MessageKind.Propose, MessageKind.Vote, MessageKind.Commit, MessageKind.SyncRequest,
            MessageKind.SyncReply, MessageKind.DegreeRelay, MessageKind.ProposeSeedSet, MessageKind.SeedSetVote,
            MessageKind.SeedSetAbandon, MessageKind.SeedSetStep);
        // A seed's word on where it is comes from the seed itself (which proves its key wherever it listens): anyone else's would
        // cost a signature check each. A seed whose list differs sends one too, so it is dropped, not its connection.
        p.Set(Rule.SeedsOnlyDropped, MessageKind.SeedMoved);
        p.Set(Rule.Never, MessageKind.DialBackChallenge, MessageKind.RegisterReply, MessageKind.PeerListReply, MessageKind.RemovalNotice,
            MessageKind.ReportRejected, MessageKind.MembershipStatus, MessageKind.NotAMember, MessageKind.RefreshReply,
            MessageKind.LinkRequest, MessageKind.LinkReply, MessageKind.LinkClose, MessageKind.Gossip,
                MessageKind.SuspectQuery, MessageKind.SuspectReply, MessageKind.Ihave, MessageKind.Graft, MessageKind.Prune);
        return p;
    }

    public static SenderPolicy ForPeer(IEnumerable<NodeAddress> seeds, IEnumerable<NodeKey>? pinnedKeys = null)
    {
        var p = new SenderPolicy("peer", seeds, pinnedKeys);
        p.Set(Rule.SeedsOnly, MessageKind.RegisterReply, MessageKind.PeerListReply, MessageKind.RemovalNotice, MessageKind.ReportRejected,
            MessageKind.MembershipStatus, MessageKind.NotAMember, MessageKind.RefreshReply, MessageKind.SeedMoved,
            MessageKind.SeedSetStep);
        // A Goodbye is left to the node: a leaving neighbour sends one, which the peer acts on only from a neighbour it links.
        p.Set(Rule.Never, MessageKind.RegisterRequest, MessageKind.PeerListRequest, MessageKind.DegreeUpdate, MessageKind.DeadNodeReport,
            MessageKind.MembershipCheck, MessageKind.MemberQuery,
            MessageKind.Propose, MessageKind.Vote, MessageKind.Commit, MessageKind.SyncRequest,
                MessageKind.SyncReply, MessageKind.DegreeRelay,
            MessageKind.SeedListCheck, MessageKind.DialBackAnswer,
            MessageKind.ProposeSeedSet, MessageKind.SeedSetVote, MessageKind.SeedSetAbandon, MessageKind.SeedSetStepRequest);
        return p;
    }

    public static SenderPolicy For(NodeRole role, IEnumerable<NodeAddress> seeds, IEnumerable<NodeKey>? pinnedKeys = null)
        => role == NodeRole.Seed ? ForSeed(seeds, pinnedKeys) : ForPeer(seeds, pinnedKeys);

    /// <summary>Whether a message of <paramref name="kind"/> that is refused closes its connection (else it is dropped alone).</summary>
    public bool ClosesOnRefusal(MessageKind kind) => _rules[(byte)kind] != Rule.SeedsOnlyDropped;

    /// <summary>Null when <paramref name="from"/>, whose connection proved <paramref name="proven"/> (null: none yet), may send
    /// <paramref name="kind"/> to this node; otherwise why not.</summary>
    public string? Refusal(NodeAddress from, MessageKind kind, NodeKey? proven = null) => _rules[(byte)kind] switch
    {
        Rule.SeedsOnly or Rule.SeedsOnlyDropped when !_seeds.ContainsKey(from) && (proven == null || !_seedKeys.ContainsKey(proven)) =>
            $"{kind} from {from}, which is not in the seed list" + (!_seedKeys.IsEmpty ? " and proved no seed's pinned key" : ""),
        Rule.Never => $"{kind} from {from}: a {_role} never receives it",
        _ => null,
    };

    /// <summary>A seed a step of the seed set brings in, at <paramref name="seed"/> and pinned by <paramref name="key"/>: a seed from now
    /// on, as if its line were in the list (thread-safe).</summary>
    public void Admit(NodeAddress seed, NodeKey key)
    {
        _seeds.TryAdd(seed, true);
        _seedKeys.TryAdd(key, true);
    }

    private void Set(Rule rule, params MessageKind[] kinds)
    {
        foreach (var k in kinds) _rules[(byte)k] = rule;
    }
}
