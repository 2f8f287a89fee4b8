using GossipSim.Engine.Messages;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// R7 at the seed, with the checks against Sybil registration: a registrant is proposed only
/// after a dial-back proved it listens at the address it claims (<see cref="DialBackChallenge"/>),
/// and one source IP starts at most <see cref="Config.SeedConfig.RegistrationsPerSecond"/>
/// dial-backs a second (after a burst). An accepted registrant receives its membership
/// certificate, which it shows its neighbours and the receivers of its gossip.
/// </summary>
internal sealed class Registrar(SeedSelf self, PeerList peers, SeedHosts seedHosts, Ledger ledger, Ballot ballot,
    Renewals renewals, OutsiderOutput output)
{
    private Prober<(PeerId Peer, NodeKey? Key)>? _dialBack;
    private HashSet<NodeAddress>? _dialling; // addresses with a dial-back under way: a retry joins it
    private RegistrationLimiter? _registrations;
    private readonly HeldRegistrations _held = new(); // registrations under way here and this seed's yes votes to others' adds
    private long _registrationsRefused, _dialBacks;

    /// <summary>Registrations refused before any vote: over their IP's rate, or with no answer to the dial-back.</summary>
    public long RegistrationsRefused => _registrationsRefused;

    /// <summary>Dial-backs started: registrations within their IP's rate.</summary>
    public long DialBacks => _dialBacks;

    /// <summary>
    /// A registration request. The R13 line about it is written once its source IP is within its
    /// rate (<see cref="RegistrationLimiter"/>), so a client repeating requests cannot make a line
    /// of each: a repeat from a member, or from a registrant being checked or whose add is under
    /// vote here, goes through the throttle instead (and starts no second dial-back).
    /// </summary>
    public void OnRegister(NodeAddress from, RegisterRequest m)
    {
        if (peers.TryGet(from, out var known, out bool live) && live && known.Incarnation >= m.Incarnation
            && Equals(ledger.KeyOf(from), m.SenderKey))
        {
            // R6: re-registering a known peer is harmless; no new vote is needed.
            if (self.Ctx.LogEnabled)
                output.RegistrationLog($"connection request from known peer {from} (incarnation {m.Incarnation}): already registered");
            self.Send(from, new RegisterReply(true, "already registered", BuildPeerList(from), self.Set.Seeds.Length, CertificateOf(from),
                self.VouchedKeys(), self.Set.Version));
            return;
        }
        if (_dialling?.Contains(from) == true)
        {
            if (self.Ctx.LogEnabled)
                output.RegistrationLog($"connection request from {from} again: its dial-back is under way, the repeat is ignored");
            return;
        }
        if (ballot.AddUnderVote(new PeerId(from, m.Incarnation), m.SenderKey, from))
        {
            // Its dial-back answered and its add under vote here (a slow vote, a client repeating): the vote's outcome answers it.
            if (self.Ctx.LogEnabled)
                output.RegistrationLog($"connection request from {from} again: its add is under vote, the repeat is ignored");
            return;
        }
        if (HostVerdictFor(from) is var verdict and not HostVerdict.Admit)
        {
            RefuseRegistration(from, HostLimit.Reason(verdict, from, self.Config.MembersPerIp, self.Config.MembersPerPrefix));
            return;
        }
        _registrations ??= new RegistrationLimiter(self.Config.RegistrationsPerSecond, self.Config.RegistrationBurst);
        if (!_registrations.TryAdmit(from, self.Ctx.Now))
        {
            RefuseRegistration(from, $"too many registrations from {from.IpText}: at most {self.Config.RegistrationsPerSecond} a second "
                + $"after a burst of {self.Config.RegistrationBurst}; try again later");
            return;
        }
        if (self.Ctx.LogEnabled) self.Log($"connection request from new peer {from} (incarnation {m.Incarnation})");
        _dialBacks++;
        (_dialling ??= new()).Add(from);
        if (!peers.IsLive(from)) _held.DialStarted(from);
        _dialBack ??= new Prober<(PeerId Peer, NodeKey? Key)>(TimerKind.DialBack, self.Config.DialBackAttempts,
            self.Config.DialBackTimeout, nonce => new DialBackChallenge(self.Address, nonce));
        _dialBack.Start(self.Ctx, from, (new PeerId(from, m.Incarnation), m.SenderKey));
    }

    /// <summary>The registrant echoed the challenge its listener received: it is where it says it is.</summary>
    public void OnDialBackAnswer(NodeAddress from, DialBackAnswer m)
    {
        if (_dialBack == null || !_dialBack.TryAnswered(from, m.Nonce, out var registrant)) return;
        _dialling!.Remove(from);
        _held.DialEnded(from); // from here its open proposal holds it
        if (!Equals(m.SenderKey, registrant.Key))
        {
            RefuseRegistration(from, $"the node that answered the dial-back at {from} proved another key than the registration came with");
            return;
        }
        // The key its connection proved: the commit binds the address to it.
        ballot.Propose(new MembershipOp(MembershipChange.Add, registrant.Peer), from, registrant.Key);
    }

    public void OnDialBackStep(long nonce)
    {
        if (_dialBack == null || !_dialBack.TryTimedOut(self.Ctx, nonce, out var registrant)) return;
        var address = registrant.Peer.Address;
        _dialling!.Remove(address);
        _held.DialEnded(address);
        RefuseRegistration(address,
            $"no answer to the dial-back at {address} within {self.Config.DialBackTimeout.TotalSeconds:0.###} s: register "
                + $"from the address you listen on");
    }

    /// <summary>A refusal before any vote: traced and logged through their throttles (one client can send thousands), and
    /// answered.</summary>
    private void RefuseRegistration(NodeAddress registrant, string reason)
    {
        _registrationsRefused++;
        output.TraceFromOutside(new TraceEvent(self.Ctx.Now, TraceKind.RegistrationRefused, self.Listening, registrant,
            Detail: reason), registrant);
        output.RegistrationLog($"refused registration of {registrant}: {reason}");
        self.Send(registrant, new RegisterReply(false, reason, null, SetVersion: self.Set.Version));
    }

    /// <summary>
    /// Whether one more member from <paramref name="registrant"/>'s host fits its limits (<see cref="HostLimit"/>),
    /// counting live members and the registrants held here (<see cref="HeldRegistrations"/>: dial-backs, this seed's open
    /// adds, its yes votes to other seeds' adds), so a burst is cut at the limit, not after its votes commit, and no seed
    /// gives more yes votes to one host's registrants than the limit. Seeds giving theirs to different registrants at once can
    /// still together admit up to seeds × limit / majority (docs/security.md, "Sybils from one host"). The registrant itself,
    /// if held here, is not counted against itself.
    /// </summary>
    public HostVerdict HostVerdictFor(NodeAddress registrant)
    {
        if (peers.IsLive(registrant)) return HostVerdict.Admit;
        _held.RunOut(self.Ctx.Now);
        var (liveOnIp, liveInPrefix) = peers.LiveOnHost(registrant.Ip);
        var (heldOnIp, heldInPrefix) = _held.OnHost(registrant.Ip);
        int itself = _held.Holds(registrant) ? 1 : 0;
        return HostLimit.Decide(liveOnIp + heldOnIp - itself, liveInPrefix + heldInPrefix - itself, self.Config.MembersPerIp,
            self.Config.MembersPerPrefix, seedHosts.IsSeedIp(registrant.Ip), seedHosts.InSeedPrefix(registrant.Ip));
    }

    public void OnPeerListRequest(NodeAddress from)
    {
        if (!peers.IsLive(from))
        {
            if (!renewals.TellRemoved(peers, from)) self.Send(from, new RegisterReply(false, "not registered", null, self.Set.Seeds.Length, SetVersion: self.Set.Version));
            return;
        }
        self.Send(from, BuildPeerList(from));
    }

    /// <summary>This seed proposed an add: the registrant is held until the vote ends.</summary>
    public void AddProposed(NodeAddress registrant)
    {
        if (!peers.IsLive(registrant)) _held.AddProposed(registrant);
    }

    /// <summary>The vote on an add this seed proposed ended.</summary>
    public void AddClosed(NodeAddress registrant) => _held.AddClosed(registrant);

    /// <summary>This seed voted yes on another seed's add: the registrant's place is held until that proposal can no longer
    /// commit (one proposal timeout from now), or its commit is applied here.</summary>
    public void Reserve(NodeAddress registrant)
    {
        // A live member is counted as one already: holding it too would count it twice (a second seed's add of a registrant whose
        // first add was applied here), and a host filled to its limit would refuse its last registrants.
        if (peers.IsLive(registrant)) return;
        _held.RunOut(self.Ctx.Now);
        _held.Reserve(registrant, self.Ctx.Now + self.Config.ProposalTimeout);
    }

    /// <summary>Whether an add of <paramref name="registrant"/> is under way here: this seed dials it back, has an add of it open,
    /// or voted yes on another seed's add of it within a proposal timeout (and has not applied it yet).</summary>
    public bool AddUnderWay(NodeAddress registrant)
    {
        _held.RunOut(self.Ctx.Now);
        return _held.Holds(registrant);
    }

    /// <summary>Registrants this seed holds a place for now (dial-backs, open adds, reservations not yet run out).</summary>
    public int RegistrantsHeld
    {
        get
        {
            _held.RunOut(self.Ctx.Now);
            return _held.Registrants;
        }
    }

    /// <summary>An add was applied here: the registrant is a live member, no longer a reservation.</summary>
    public void Joined(NodeAddress registrant) => _held.Joined(registrant);

    /// <summary>
    /// The whole list while it is small (the classic protocol); beyond that a sample drawn in
    /// proportion to degree, so a join costs O(log N) at the seed, not O(N).
    /// </summary>
    private PeerListReply BuildPeerList(NodeAddress requester)
    {
        if (peers.LiveCount <= self.Config.FullPeerListMax)
            return new PeerListReply(peers.LiveEntries(requester), true, peers.LiveCount);
        return new PeerListReply(peers.SampleByDegree(self.Ctx.Random, self.Config.PeerListSampleSize, requester), false, peers.LiveCount);
    }

    public void AnswerRegistration(NodeAddress peer, bool accepted, string reason)
    {
        self.Send(peer, accepted
            ? new RegisterReply(true, reason, BuildPeerList(peer), self.Set.Seeds.Length, CertificateOf(peer), self.VouchedKeys(),
                self.Set.Version)
            : new RegisterReply(false, reason, null, self.Set.Seeds.Length, SetVersion: self.Set.Version));
    }

    /// <summary>
    /// A live member's certificate: the proof of the add this seed applied for it, with the
    /// incarnation its list holds (the one that add admitted), renewed from now. None for a non-member.
    /// </summary>
    private MembershipCertificate CertificateOf(NodeAddress peer) =>
        peers.TryGet(peer, out var member, out bool live) && live && ledger.TryGetAdmission(peer, out var proof)
            ? new MembershipCertificate(member.Incarnation, proof, renewals.Renew(member))
            : MembershipCertificate.None;
}
