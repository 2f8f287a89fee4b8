using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// The seed's record of what the seeds committed: the commit log, the store it outlives the seed
/// in, the peer list the commits yield, and the proof of each live member's add (its certificate,
/// and the key its address is bound to). A store can refuse a commit (a real seed's file on a
/// full disk): the commit is then dropped, not half made, and the outage is told once, not once
/// per commit.
/// </summary>
internal sealed class Ledger
{
    private readonly SeedSelf _self;
    private readonly PeerList _peers;
    private readonly CommitLog _log;
    private readonly ICommitStore? _store; // null: the log is the store (the simulator's), or nothing outlives this object
    // The proof of each live member's add (its certificate, and its bound key, none in the
    // simulator), by the member's slot in the peer list: a dictionary by address cost 27 bytes a
    // member at each seed, a slot 8 (docs/performance.md, section 4).
    private CommitProof?[] _admissions;
    private readonly StoreOutage _outage = new();
    private LogThrottle? _outageLog;

    public Ledger(SeedSelf self, PeerList peers, int capacityHint, ICommitStore? store)
    {
        _self = self;
        _peers = peers;
        _admissions = new CommitProof?[Math.Max(capacityHint, 16)];
        if (store?.KeptLog is { } kept) _log = kept;
        else (_log, _store) = (new CommitLog(), store);
    }

    public CommitLog Commits => _log;

    /// <summary>An add this seed applied: the registrant is a member, no longer a place held for it (<see cref="HeldRegistrations"/>).</summary>
    public Action<NodeAddress>? MemberAdded { get; set; }

    /// <summary>A removal this seed applied: the seed tells its reporters and hands it to refreshing members.</summary>
    public Action<CommittedOp>? MemberRemoved { get; set; }

    /// <summary>Commits the store refused in the current outage (0: the store keeps every commit).</summary>
    public long CommitsRefusedByStore => _outage.Refused;

    /// <summary>
    /// Rebuilds the membership from the store before the seed answers anyone: the peer list,
    /// incarnations and every proposer log's sequence come back; anti-entropy then fetches
    /// what was committed while this seed was down.
    /// </summary>
    public void Recover()
    {
        if (_store != null)
            foreach (var op in _store.Load()) _log.Add(op);
        if (_log.TotalOps == 0) return;
        foreach (var op in _log.MissingFor([], int.MaxValue).ops) BindKey(op, _peers.Apply(op.Op));
        _self.Log($"recovered {_log.TotalOps} committed operations from its store: {_peers.LiveCount} peers listed");
    }

    public void Apply(CommittedOp op)
    {
        if (!Record(op)) return;
        Take(op);
    }

    /// <summary>
    /// Makes a commit durable, then logs it; false if it was already known, or if the store
    /// refused it (a full disk): the commit is then neither applied nor announced here
    /// (anti-entropy offers it again, a registrant asks again).
    /// </summary>
    public bool Record(in CommittedOp op)
    {
        if (_store == null) return _log.Add(op);
        if (_log.Holds(op)) return false;
        if (!Store(op)) return false;
        _log.Add(op);
        if (_store.CompactionDue) _store.Compact(_log.MissingFor([], int.MaxValue).ops);
        return true;
    }

    /// <summary>Applies a recorded commit to the peer list.</summary>
    public void Take(in CommittedOp op)
    {
        var ctx = _self.Ctx;
        var outcome = _peers.Apply(op.Op);
        BindKey(op, outcome);
        var who = op.Op.Peer;
        if (op.Op.Change == MembershipChange.Add) MemberAdded?.Invoke(who.Address);
        if (outcome == PeerList.Outcome.Added)
            ctx.Trace(new TraceEvent(ctx.Now, TraceKind.MemberAdded, _self.Listening, who.Address, A: who.Incarnation, B: _peers.LiveCount));
        else if (outcome == PeerList.Outcome.Removed)
        {
            ctx.Trace(new TraceEvent(ctx.Now, TraceKind.MemberRemoved, _self.Listening, who.Address,
                A: who.Incarnation, B: _peers.LiveCount));
            _self.Log($"confirmed removal of {who.Address} (peer list now {_peers.LiveCount})");
            MemberRemoved?.Invoke(op);
        }
    }

    /// <summary>An add binds the peer's address to the key it proved, and its proof is the member's certificate; a removal frees the
    /// address.</summary>
    private void BindKey(in CommittedOp op, PeerList.Outcome outcome)
    {
        if (outcome == PeerList.Outcome.Unchanged) return;
        var address = op.Op.Peer.Address;
        _peers.TryGetSlot(address, out int slot); // applied: the list knows it
        if (outcome == PeerList.Outcome.Added)
        {
            if (slot >= _admissions.Length) Array.Resize(ref _admissions, Math.Max(slot + 1, 2 * _admissions.Length));
            _admissions[slot] = op.Proof; // none: a record from before proofs, no certificate to hand out
            if (op.Proof?.PeerKey is { } key) _self.Identity.Bind(address, key);
        }
        else if (slot < _admissions.Length && _admissions[slot] is { } removed)
        {
            _admissions[slot] = null;
            if (removed.PeerKey != null) _self.Identity.Unbind(address);
        }
    }

    /// <summary>The key a live member's address is bound to (null: none, as in the simulator).</summary>
    public NodeKey? KeyOf(NodeAddress peer) => Admission(peer)?.PeerKey;

    /// <summary>The proof of the add this seed applied for a live member: what its certificate shows.</summary>
    public bool TryGetAdmission(NodeAddress peer, out CommitProof proof) => (proof = Admission(peer)!) != null;

    private CommitProof? Admission(NodeAddress peer) =>
        _peers.TryGetSlot(peer, out int slot) && slot < _admissions.Length ? _admissions[slot] : null;

    /// <summary>Appends to the store; false when it refused the commit, which is then as if never made here.</summary>
    private bool Store(in CommittedOp op)
    {
        try
        {
            _store!.Append(op);
        }
        catch (CommitNotDurableException e)
        {
            OutageLine(_outage.OnRefused(e.Message, _self.Ctx.Now));
            return false;
        }
        OutageLine(_outage.OnKept(_self.Ctx.Now));
        return true;
    }

    /// <summary>A disk at the edge of full can refuse and keep in turn: even the outage's two lines are held to a few a second.</summary>
    private void OutageLine(string? line)
    {
        if (line == null) return;
        _outageLog ??= new LogThrottle(_self.Log, burst: 2, "lines about commits the store refused or kept again",
            () => (long)_self.Ctx.Now.TotalMilliseconds);
        _outageLog.Line(line);
    }
}
