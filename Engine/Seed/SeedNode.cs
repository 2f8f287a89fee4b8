using GossipSim.Engine.Collections;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Seed;

/// <summary>
/// A seed (R3-R6): keeps the Peer List, changes it only by a majority of seeds, never gossips.
/// Split by concern: registration, consensus (propose/vote/commit), removal (reports and
/// probes), anti-entropy.
/// </summary>
public sealed partial class SeedNode : Node
{
    private readonly SeedConfig _config;
    private readonly NodeAddress[] _seeds;
    private readonly long _epoch;
    private readonly PeerList _peers;
    private readonly SeedHosts _seedHosts; // the operator's own hosts: no host limit, endorsements among their members count
    private readonly CommitLog _log;
    private readonly ICommitStore? _store; // null: the log is the store (the simulator's), or nothing outlives this object
    private readonly ISeedIdentity _identity;
    // The proof of each live member's add: its certificate, and its bound key (none in the simulator).
    private readonly Dictionary<NodeAddress, CommitProof> _admissions;

    /// <param name="capacityHint">Peers the seed expects to list (0: none); only the simulator's large runs give it, so the peer list is sized once instead of doubling as peers join.</param>
    /// <param name="store">Where the seed's commits outlive it: a file for a real seed; the simulator's store, whose log the seed adopts; none: nothing outlives this object.</param>
    /// <param name="identity">How votes are signed and checked: a real seed's keys; none: the simulator's structural stand-in.</param>
    public SeedNode(SeedConfig config, IReadOnlyList<NodeAddress> seeds, long epoch, int capacityHint = 0, ICommitStore? store = null, ISeedIdentity? identity = null)
    {
        _identity = identity ?? new StructuralIdentity();
        config.Validate();
        _config = config;
        _seeds = seeds.OrderBy(s => s).ToArray();
        _epoch = epoch;
        _seedHosts = new SeedHosts(_seeds);
        _peers = new PeerList(capacityHint, config.UnendorsedLinks, newcomerLinks: config.UnendorsedLinks, _seedHosts);
        _admissions = new Dictionary<NodeAddress, CommitProof>(capacityHint);
        if (store?.KeptLog is { } kept) _log = kept;
        else (_log, _store) = (new CommitLog(), store);
    }

    public override NodeRole Role => NodeRole.Seed;
    public PeerList Peers => _peers;
    public int SeedCount => _seeds.Length;
    public CommitLog Commits => _log;
    private LogId OwnLog => new(Address, _epoch);

    private NodeAddress[] _otherSeeds = Array.Empty<NodeAddress>(); // every seed but this one, in address order

    protected override void OnStart()
    {
        if (Array.IndexOf(_seeds, Address) < 0)
            throw new InvalidOperationException($"seed {Address} is not in its own seed list");
        _otherSeeds = _seeds.Where(s => s != Address).ToArray();
        _nextProposalId = (long)(Ctx.Random.NextUInt64() >> 2);
        AnnounceSeedList();
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStarted, Address, A: _epoch, Detail: "seed"));
        Log($"seed {Address} started (epoch {_epoch}); {_seeds.Length} seeds configured, majority is {Quorum.Of(_seeds.Length)}");
        Recover();
        // Desynchronise the seeds' anti-entropy rounds, so they do not all ask at once.
        var first = TimeSpan.FromTicks((long)(Ctx.Random.NextDouble() * _config.AntiEntropyInterval.Ticks)) + TimeSpan.FromMilliseconds(1);
        Ctx.SetTimer(first, new TimerTag(TimerKind.AntiEntropyTick));
        ArmMemberSweep();
    }

    public override void OnMessage(NodeAddress from, Message message)
    {
        switch (message)
        {
            case RegisterRequest m: OnRegister(from, m); break;
            case PeerListRequest: OnPeerListRequest(from); break;
            case DegreeUpdate m: OnDegreeUpdate(from, m); break;
            case DeadNodeReport m: OnDeadNodeReport(from, m); break;
            case Goodbye m: OnGoodbye(from, m); break;
            case MembershipCheck m: OnMembershipCheck(from, m); break;
            case MemberQuery m: OnMemberQuery(from, m); break;
            case SeedListCheck m: OnSeedListCheck(from, m); break;
            case DialBackAnswer m: OnDialBackAnswer(from, m); break;
            case Propose m when IsSeed(from): OnPropose(from, m); break;
            case Vote m when IsSeed(from): OnVote(from, m); break;
            case Commit m when IsSeed(from): OnCommit(from, m); break;
            case SyncRequest m when IsSeed(from): OnSyncRequest(from, m); break;
            case SyncReply m when IsSeed(from): OnSyncReply(from, m); break;
            case DegreeRelay m when IsSeed(from): OnDegreeRelay(m); break;
            case Pong m: OnPong(from, m); break;
            case Ping m: Ctx.Send(from, new Pong(m.Nonce, _epoch, AddressSnapshot.Empty)); break;
            default:
                RefusedInputLog($"ignored unexpected {message.Kind} from {from}");
                break;
        }
    }

    public override void OnTimer(TimerTag tag)
    {
        switch (tag.Kind)
        {
            case TimerKind.ProposalTimeout: OnProposalTimeout(tag.Arg); break;
            case TimerKind.RemovalProbe: OnRemovalProbeStep(tag.Arg); break;
            case TimerKind.DialBack: OnDialBackStep(tag.Arg); break;
            case TimerKind.SweepProbe: OnSweepProbeStep(tag.Arg); break;
            case TimerKind.MemberSweep: OnMemberSweep(); break;
            case TimerKind.AntiEntropyTick: OnAntiEntropyTick(); break;
            case TimerKind.DegreeRelayFlush: _relayFlushArmed = false; FlushRelay(); break;
            case TimerKind.HeldOutputFlush: OnHeldOutputFlush(tag.Arg); break;
        }
    }

    public override void OnStop(bool sayGoodbye)
    {
        _outsiderTrace?.FlushAll(Ctx.Now); // what was held back this second is counted before the node's last words
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SeedDigest, Address, A: _peers.LiveCount, B: (long)_peers.Digest));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SeedState, Address, A: _proposals.Count, B: _log.TotalOps));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStopped, Address));
        Log($"seed {Address} stopping with {_peers.LiveCount} peers in its list");
    }

    private bool IsSeed(NodeAddress a) => Array.BinarySearch(_seeds, a) >= 0;

    private void OnDegreeUpdate(NodeAddress from, DegreeUpdate m)
    {
        if (TellIfNotMember(from, m.Incarnation)) return;
        if (m.Refresh) AnswerRefresh(from, m.Incarnation);
        if (m.Linked != null) TakeEndorsements(new PeerId(from, m.Incarnation), m.Linked);
        int before = _peers.DegreeOf(from);
        // A peer cannot have more links than there are other peers: a liar's claim is capped there.
        int degree = Math.Clamp(m.Degree, 0, Math.Max(0, _peers.LiveCount - 1));
        if (!_peers.SetDegree(from, m.Incarnation, degree, m.Report) || before == degree) return; // a refresh with no news is not relayed
        if (_otherSeeds.Length == 0) return;
        (_relayQueue ??= new List<DegreeReport>(_config.DegreeRelayBatch)).Add(new DegreeReport(from, m.Incarnation, degree, m.Report));
        RelayWhenDue(_relayQueue.Count);
    }

    private List<DegreeReport>? _relayQueue; // reports to pass on, in the order they came
    private List<Endorsement>? _endorsementQueue; // and the endorsements
    private bool _relayFlushArmed;

    /// <summary>A list to relay grew to <paramref name="queued"/>: sent when it fills a batch, or when the relay delay is up.</summary>
    private void RelayWhenDue(int queued)
    {
        if (queued >= _config.DegreeRelayBatch) FlushRelay();
        else if (!_relayFlushArmed)
        {
            _relayFlushArmed = true;
            Ctx.SetTimer(_config.DegreeRelayDelay, new TimerTag(TimerKind.DegreeRelayFlush));
        }
    }

    /// <summary>One message for every other seed with the reports and endorsements gathered since the last.</summary>
    private void FlushRelay()
    {
        int reports = _relayQueue?.Count ?? 0, endorsements = _endorsementQueue?.Count ?? 0;
        if (reports == 0 && endorsements == 0) return;
        var relay = new DegreeRelay(reports > 0 ? _relayQueue!.ToArray() : [], endorsements > 0 ? _endorsementQueue!.ToArray() : []); // immutable: one message for every seed
        _relayQueue?.Clear();
        _endorsementQueue?.Clear();
        foreach (var s in _otherSeeds) Ctx.Send(s, relay);
    }

    private void OnDegreeRelay(DegreeRelay m)
    {
        foreach (var e in m.Endorsements) _peers.Endorse(e.Endorser, e.Target, _config.EndorsementsPerMember);
        _peers.SetDegrees(m.Reports);
    }

    /// <summary>
    /// A peer that talks to us as a member but is not one here is told so, from one look-up
    /// of its entry (a seed takes every peer's degree reports). Removed by the seeds (it was cut
    /// off, and the notice was lost): it rejoins as a new incarnation. Not known at all (we lost
    /// our state, or never caught up): it asks the other seeds, and registers again when a
    /// majority does not list it.
    /// </summary>
    private bool TellIfNotMember(NodeAddress peer, long incarnation)
    {
        if (!_peers.TryGet(peer, out var entry, out bool live))
        {
            Ctx.Send(peer, new MembershipStatus(false, _log.TotalOps));
            return true;
        }
        if (live && entry.Incarnation == incarnation) return false;
        if (entry.Incarnation < incarnation) return false; // a newer incarnation we have not heard of yet
        Ctx.Send(peer, new RemovalNotice(peer));
        return true;
    }

    /// <summary>
    /// Rebuilds the membership from the store before the seed answers anyone: the peer list,
    /// incarnations and every proposer log's sequence come back; anti-entropy then fetches
    /// what was committed while this seed was down.
    /// </summary>
    private void Recover()
    {
        if (_store != null)
            foreach (var op in _store.Load()) _log.Add(op);
        if (_log.TotalOps == 0) return;
        foreach (var op in _log.MissingFor([], int.MaxValue).ops) BindKey(op, _peers.Apply(op.Op));
        Log($"recovered {_log.TotalOps} committed operations from its store: {_peers.LiveCount} peers listed");
    }

    private void Apply(CommittedOp op)
    {
        if (!Record(op)) return;
        Take(op);
    }

    /// <summary>
    /// Makes a commit durable, then logs it; false if it was already known, or if the store
    /// refused it (a full disk): the commit is then neither applied nor announced here
    /// (anti-entropy offers it again, a registrant asks again).
    /// </summary>
    private bool Record(in CommittedOp op)
    {
        if (_store == null) return _log.Add(op);
        if (_log.Holds(op)) return false;
        if (!Store(op)) return false;
        _log.Add(op);
        if (_store.CompactionDue) _store.Compact(_log.MissingFor([], int.MaxValue).ops);
        return true;
    }

    /// <summary>Applies a recorded commit to the peer list.</summary>
    private void Take(in CommittedOp op)
    {
        var outcome = _peers.Apply(op.Op);
        BindKey(op, outcome);
        var who = op.Op.Peer;
        if (outcome == PeerList.Outcome.Added)
            Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.MemberAdded, Address, who.Address, A: who.Incarnation, B: _peers.LiveCount));
        else if (outcome == PeerList.Outcome.Removed)
        {
            Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.MemberRemoved, Address, who.Address, A: who.Incarnation, B: _peers.LiveCount));
            Log($"confirmed removal of {who.Address} (peer list now {_peers.LiveCount})");
            NotifyReporters(who.Address);
            RecordRemoval(op);
        }
    }

    /// <summary>An add binds the peer's address to the key it proved, and its proof is the member's certificate; a removal frees the address.</summary>
    private void BindKey(in CommittedOp op, PeerList.Outcome outcome)
    {
        var address = op.Op.Peer.Address;
        if (outcome == PeerList.Outcome.Added)
        {
            if (op.Proof is { } proof) _admissions[address] = proof;
            else _admissions.Remove(address); // a record from before proofs: no certificate to hand out
            if (op.Proof?.PeerKey is { } key) _identity.Bind(address, key);
        }
        else if (outcome == PeerList.Outcome.Removed && _admissions.Remove(address, out var removed) && removed.PeerKey != null)
        {
            _identity.Unbind(address);
        }
    }

    /// <summary>The key a live member's address is bound to (null: none, as in the simulator).</summary>
    public NodeKey? KeyOf(NodeAddress peer) => _admissions.GetValueOrDefault(peer)?.PeerKey;
}
