using GossipSim.Engine.Collections;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// A seed (R3-R6): keeps the Peer List, changes it only by a majority of seeds, never gossips.
/// This class only dispatches: each message and timer goes to the part that owns its state —
/// <see cref="Registrar"/> (registration and dial-back), <see cref="Ballot"/> (propose, vote,
/// commit), <see cref="RemovalDesk"/> (dead-node reports and the probes that guard them),
/// <see cref="MemberSweep"/>, <see cref="DegreeReports"/>, <see cref="AntiEntropy"/>,
/// <see cref="Renewals"/>, <see cref="SeedListAgreement"/>, over the <see cref="Ledger"/> of commits.
/// </summary>
public sealed class SeedNode : Node
{
    private readonly SeedSelf _self;
    private readonly SeedHosts _seedHosts; // the operator's own hosts: no host limit, endorsements among their members count
    private readonly PeerList _peers; // the membership every part reads; the ledger applies commits to it, degree reports set degrees
    private readonly Ledger _ledger;
    private readonly OutsiderOutput _output;
    private readonly Renewals _renewals;
    private readonly MemberCheck _members;
    private readonly Ballot _ballot;
    private readonly Registrar _registrar;
    private readonly RemovalDesk _removals;
    private readonly MemberSweep _sweep;
    private readonly DegreeReports _degrees;
    private readonly AntiEntropy _antiEntropy;
    private readonly SeedListAgreement _seedList;
    private readonly SeedMoves _moves;
    private readonly SeedSetBallot _sets;
    private readonly bool _joining;

    /// <summary>This life's incarnation (its epoch): what it signs its word of where it is with.</summary>
    public long Epoch => _self.Epoch;

    /// <param name="capacityHint">Peers the seed expects to list (0: none); only the simulator's large runs give it, so the peer list is
    /// sized once instead of doubling as peers join.</param>
    /// <param name="store">Where the seed's commits outlive it: a file for a real seed; the simulator's store, whose log the seed adopts;
    /// none: nothing outlives this object.</param>
    /// <param name="identity">How votes are signed and checked: a real seed's keys; none: the simulator's structural stand-in.</param>
    /// <param name="readAhead">How the member list's tables read ahead (the simulator's prefetch); none: nothing.</param>
    /// <param name="name">This seed's name, the address its line in the seed list gives, when it listens elsewhere in this life (its
    /// key moved it); none: where it listens.</param>
    /// <param name="joining">A seed a vote of the seed set brings in (issue 56, 2): it starts with the network's seed list, which does
    /// not name it, learns the set's steps from the seeds listed, and votes once a step names it.</param>
    public SeedNode(SeedConfig config, IReadOnlyList<NodeAddress> seeds, long epoch, int capacityHint = 0, ICommitStore? store = null,
        ISeedIdentity? identity = null, ReadAhead? readAhead = null, NodeAddress? name = null, bool joining = false)
    {
        _joining = joining;
        var signer = identity ?? new StructuralIdentity();
        config.Validate();
        _self = new SeedSelf(config, seeds.OrderBy(s => s).ToArray(), epoch, signer, name);
        _seedHosts = new SeedHosts(_self.Seeds);
        _peers = new PeerList(capacityHint, config.UnendorsedLinks, newcomerLinks: config.UnendorsedLinks, _seedHosts, readAhead);
        _ledger = new Ledger(_self, _peers, capacityHint, store);
        _output = new OutsiderOutput(_self);
        _renewals = new Renewals(_self);
        _members = new MemberCheck(_self, _peers, _ledger, _renewals);
        _ballot = new Ballot(_self, _peers, _ledger, _output);
        _registrar = new Registrar(_self, _peers, _seedHosts, _ledger, _ballot, _renewals, _output);
        _removals = new RemovalDesk(_self, _peers, _ballot, _registrar, _renewals, _output);
        _moves = new SeedMoves(_self, _peers, _output);
        _sets = new SeedSetBallot(_self, _peers, _output, () =>
        {
            _ballot.SetChanged();
            _moves.SetChanged();
        }, store);
        _ballot.Connect(_registrar, _removals, _sets);
        _sweep = new MemberSweep(_self, _peers, _ballot);
        _degrees = new DegreeReports(_self, _peers, _members, _renewals);
        _antiEntropy = new AntiEntropy(_self, _peers, _ledger, _output);
        _seedList = new SeedListAgreement(_self, _output);
        _ledger.MemberAdded = member =>
        {
            _registrar.Joined(member);
            _removals.MemberAdded(member);
            _moves.Tell(member);
        };
        _ledger.MemberRemoved = op =>
        {
            _renewals.RecordRemoval(op);
            _removals.NotifyReporters(op);
        };
    }

    public override NodeRole Role => NodeRole.Seed;
    public PeerList Peers => _peers;
    public int SeedCount => _self.Seeds.Length;
    /// <summary>The seed set in force at this seed (version 0: its seed list).</summary>
    public SeedSet SeedSet => _self.Set;

    /// <summary>
    /// An operator's change of the seed set, given to this seed (issue 56, 2) with the operator's approval of it at the set in force
    /// (<see cref="ISeedIdentity.VerifyOperator"/>; the simulator's: none): it proposes the joint set to the set in force and, once
    /// that commits, the change's end. Null when proposed; otherwise why it cannot be (no approval, a change under way, a seed not
    /// in the set...), for the operator.
    /// </summary>
    public string? ChangeSeedSet(SeedSetChange change, byte[]? approval = null) => _sets.Change(change, approval ?? []);
    public CommitLog Commits => _ledger.Commits;
    public int OpenProposals => _ballot.OpenProposals;
    /// <summary>This seed's name: the address its line in the seed list gives, wherever it listens.</summary>
    public NodeAddress Name => _self.Address;
    /// <summary>Where seed <paramref name="seed"/> (a name) is now, as far as this seed has taken its word.</summary>
    public NodeAddress AddressOf(NodeAddress seed) => _self.Moves.AddressOf(seed);

    /// <summary>The key a live member's address is bound to (null: none, as in the simulator).</summary>
    public NodeKey? KeyOf(NodeAddress peer) => _ledger.KeyOf(peer);

    /// <summary>Dead-node reports and goodbyes dropped unread: their reporter was over its rate (<see cref="ReportLimiter"/>).</summary>
    public long ReportsDropped => _removals.ReportsDropped;

    /// <summary>Commits the store refused in the current outage (0: the store keeps every commit).</summary>
    public long CommitsRefusedByStore => _ledger.CommitsRefusedByStore;

    /// <summary>Registrations refused before any vote: over their IP's rate, or with no answer to the dial-back.</summary>
    public long RegistrationsRefused => _registrar.RegistrationsRefused;

    /// <summary>Dial-backs started: registrations within their IP's rate.</summary>
    public long DialBacks => _registrar.DialBacks;

    /// <summary>Registrants this seed holds a place for on their host besides its live members (<see cref="HeldRegistrations"/>).</summary>
    public int RegistrantsHeld => _registrar.RegistrantsHeld;

    /// <summary>Trace events caused by outsiders that were held back and counted in summaries
    /// (<see cref="TraceKind.EventsHeld"/>).</summary>
    public long TraceEventsHeld => _output.TraceEventsHeld;

    /// <summary>FNV-1a over the sorted addresses: the same list gives the same digest in any order and on any host.</summary>
    public static ulong SeedListDigest(IReadOnlyList<NodeAddress> sortedSeeds) => SeedListAgreement.SeedListDigest(sortedSeeds);

    protected override void OnStart()
    {
        var seeds = _self.Seeds;
        _self.Started(Ctx);
        if (Array.IndexOf(seeds, _self.Address) < 0 && !_joining)
            throw new InvalidOperationException($"seed {_self.Address} is not in its own seed list");
        _ballot.Start();
        if (_joining)
            foreach (var s in seeds) _self.AskForSteps(s); // the steps that bring it in
        _moves.Announce(); // first: the other seeds take what follows from a new address as this seed's
        _seedList.AnnounceSeedList();
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStarted, Address, A: _self.Epoch, Detail: "seed"));
        Log($"seed {Address} started (epoch {_self.Epoch}); {seeds.Length} seeds configured, majority is {Quorum.Of(seeds.Length)}");
        _ledger.Recover();
        _sets.Recover();
        _antiEntropy.Start();
        _sweep.ArmMemberSweep();
    }

    public override void OnMessage(NodeAddress from, Message message)
    {
        if (_self.Moves.Count != 0) from = _self.Moves.NameOf(from); // a moved seed speaks under its name
        switch (message)
        {
            case SeedMoved m: _moves.OnSeedMoved(from, m); break;
            case RegisterRequest m: _registrar.OnRegister(from, m); break;
            case PeerListRequest: _registrar.OnPeerListRequest(from); break;
            case DegreeUpdate m:
                _degrees.OnDegreeUpdate(from, m);
                if (m.Refresh) _moves.Refreshed(from);
                break;
            case DeadNodeReport m: _removals.OnDeadNodeReport(from, m); break;
            case Goodbye m: _removals.OnGoodbye(from, m); break;
            case MembershipCheck m: _members.OnMembershipCheck(from, m); break;
            case MemberQuery m: _members.OnMemberQuery(from, m); break;
            case SeedListCheck m: _seedList.OnSeedListCheck(from, m); break;
            case DialBackAnswer m: _registrar.OnDialBackAnswer(from, m); break;
            case Propose m when IsSeed(from): _ballot.OnPropose(from, m); break;
            case Vote m when IsSeed(from): _ballot.OnVote(from, m); break;
            case Commit m when IsSeed(from): _ballot.OnCommit(from, m); break;
            case SyncRequest m when IsSeed(from):
                _antiEntropy.OnSyncRequest(from, m);
                _sets.OnVersionOf(from, m.SetVersion);
                break;
            case SyncReply m when IsSeed(from): _antiEntropy.OnSyncReply(from, m); break;
            case DegreeRelay m when IsSeed(from): _degrees.OnDegreeRelay(m); break;
            case ProposeSeedSet m when IsSeed(from): _sets.OnPropose(from, m); break;
            case SeedSetVote m when IsSeed(from): _sets.OnVote(from, m); break;
            case SeedSetAbandon m when IsSeed(from): _sets.OnAbandon(from, m); break;
            case SeedSetStep m when IsSeed(from): _sets.OnStep(from, m); break;
            case SeedSetStepRequest m: _sets.OnStepRequest(from, m); break;
            // A seed a change left out that asks for sync or proposes (restarted after the vote, it still holds the set it had) is
            // no seed here past its grace (SeedSelf.IsSeed): it is sent the steps, which prove themselves, and learns it is out.
            case SyncRequest or Propose when _self.Sets.LeftAt(from) != null:
                _sets.SendStepsAfter(from, message is Propose p ? p.SetVersion : 0);
                break;
            case Pong m:
                if (!_removals.TryAnswered(from, m)) _sweep.Answered(from, m.Nonce);
                break;
            case Ping m: _self.Send(from, new Pong(m.Nonce, _self.Epoch, AddressSnapshot.Empty)); break;
            default:
                _output.RefusedInputLog($"ignored unexpected {message.Kind} from {from}");
                break;
        }
    }

    public override void OnTimer(TimerTag tag)
    {
        switch (tag.Kind)
        {
            case TimerKind.ProposalTimeout: _ballot.OnProposalTimeout(tag.Arg); break;
            case TimerKind.SeedSetProposalTimeout: _sets.OnTimeout(tag.Arg); break;
            case TimerKind.SeedSetFinish: _sets.OnFinishDue(tag.Arg); break;
            case TimerKind.RemovalRetry: _ballot.OnRemovalRetry(tag.Arg); break;
            case TimerKind.RemovalProbe: _removals.OnRemovalProbeStep(tag.Arg); break;
            case TimerKind.HeldReports: _removals.OnHeldReports(tag.Arg); break;
            case TimerKind.DialBack: _registrar.OnDialBackStep(tag.Arg); break;
            case TimerKind.SweepProbe: _sweep.OnSweepProbeStep(tag.Arg); break;
            case TimerKind.MemberSweep: _sweep.OnMemberSweep(); break;
            case TimerKind.AntiEntropyTick:
                _antiEntropy.OnAntiEntropyTick();
                _moves.Tick();
                break;
            case TimerKind.DegreeRelayFlush: _degrees.OnRelayFlush(); break;
            case TimerKind.HeldOutputFlush: _output.OnHeldOutputFlush(tag.Arg); break;
        }
    }

    public override void OnStop(bool sayGoodbye)
    {
        _output.FlushAll(); // what was held back this second is counted before the node's last words
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SeedDigest, Address, A: _peers.LiveCount, B: (long)_peers.Digest));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SeedState, Address, A: _ballot.OpenProposals, B: _ledger.Commits.TotalOps));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStopped, Address));
        Log($"seed {Address} stopping with {_peers.LiveCount} peers in its list");
    }

    private bool IsSeed(NodeAddress a) => _self.IsSeed(a);
}
