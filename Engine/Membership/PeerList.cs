using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A seed's Peer List (R3): every registered peer with its incarnation and degree.
/// Applying operations is idempotent and commutative (a higher incarnation wins; at equal
/// incarnation Remove wins), so seeds that apply the same set of committed operations in any
/// order, any number of times, hold the same list (R5). Removed peers stay as tombstones so a
/// late Add of the same incarnation cannot bring them back.
/// </summary>
public sealed class PeerList
{
    /// <summary>One member: who, which incarnation, whether it is removed (a tombstone), and its last reported degree.</summary>
    /// <remarks>32 bytes: the tombstone flag fills what the address leaves of its eight (an address field and a flag took 16, and the
    /// member 40); every seed holds every peer (docs/performance.md, section 4).</remarks>
    private struct Member(NodeAddress address, long incarnation)
    {
        private readonly uint _ip = address.Ip;
        private readonly ushort _port = address.Port;
        public bool Removed = true;
        public byte Silence;     // CertificateSilence: in the byte the address and flag leave before the incarnation
        public long Incarnation = incarnation;
        public int Degree;
        public int DegreeReport; // the report number the degree came from (0: none yet for this incarnation)
        public int Endorsed;     // members that named it as a link they made (this incarnation)
        public int Endorsing;    // links it named (this incarnation): its endorsement budget spent

        public readonly NodeAddress Address => new(_ip, _port);
    }

    private readonly AddressIndex _slotOf;
    private Member[] _members;
    private int _count;
    private readonly WeightedSampler _sampler;
    private ulong _digest;
    private readonly int _unendorsed;
    private readonly int _newcomerLinks;
    private readonly SeedHosts _seedHosts;
    private readonly HostCounts _hosts = new();
    private readonly ReadAhead _readAhead;

    /// <param name="capacity">Members expected: room for them is made at once (a hint; more still fit).</param>
    /// <param name="unendorsedLinks">Links of a claimed degree believed without endorsement (<see cref="DegreeBacking"/>); the largest int
    /// believes every claim.</param>
    /// <param name="newcomerLinks">The least a live member weighs in preferential attachment: the links a newcomer makes
    /// (<see cref="DegreeBacking.Weight"/>).</param>
    /// <param name="seedHosts">The seeds' hosts, where members on one IP may endorse each other (<see cref="DegreeBacking.Counts"/>); none:
    /// nowhere.</param>
    /// <param name="readAhead">How the list's large tables start loading entries a few steps ahead (the simulator's prefetch);
    /// none: nothing.</param>
    public PeerList(int capacity = 0, int unendorsedLinks = int.MaxValue, int newcomerLinks = 1, SeedHosts seedHosts = default,
        ReadAhead? readAhead = null)
    {
        _readAhead = readAhead ?? ReadAhead.None;
        _seedHosts = seedHosts;
        _unendorsed = unendorsedLinks;
        _newcomerLinks = newcomerLinks;
        _slotOf = new AddressIndex(Math.Max(capacity, 512));
        _members = new Member[Math.Max(capacity, 16)];
        _sampler = new WeightedSampler(capacity, _readAhead);
    }

    public int LiveCount { get; private set; }

    /// <summary>Order-independent fingerprint of the live members (address, incarnation): equal lists, equal digests.</summary>
    public ulong Digest => _digest;

    public enum Outcome { Unchanged, Added, Removed }

    public Outcome Apply(MembershipOp op)
    {
        var (address, inc) = (op.Peer.Address, op.Peer.Incarnation);
        bool remove = op.Change == MembershipChange.Remove;
        if (!_slotOf.TryGet(address, out int slot))
        {
            slot = _count++;
            if (slot == _members.Length) Array.Resize(ref _members, slot * 2);
            _slotOf.Add(address, slot);
            _members[slot] = new Member(address, inc);
            _sampler.Add(0);
            return remove ? Outcome.Unchanged : SetLive(slot, inc, true);
        }
        ref var m = ref _members[slot];
        long current = m.Incarnation;
        if (inc < current) return Outcome.Unchanged;
        if (inc > current)
        {
            bool wasLive = !m.Removed;
            if (wasLive) SetLive(slot, current, false);
            m.Incarnation = inc;
            m.Degree = 0;
            m.DegreeReport = 0;
            m.Endorsed = 0;
            m.Endorsing = 0;
            m.Silence = CertificateSilence.Untracked;
            if (remove) return wasLive ? Outcome.Removed : Outcome.Unchanged;
            return SetLive(slot, inc, true);
        }
        // same incarnation: Remove wins, Add of a live member is a no-op
        if (remove && !m.Removed) return SetLive(slot, inc, false);
        return Outcome.Unchanged;
    }

    private Outcome SetLive(int slot, long inc, bool live)
    {
        ref var m = ref _members[slot];
        m.Removed = !live;
        _digest += (live ? 1UL : unchecked((ulong)-1L)) * Mix(m.Address, inc);
        LiveCount += live ? 1 : -1;
        if (live) _hosts.Add(m.Address.Ip);
        else _hosts.Remove(m.Address.Ip);
        _sampler.Set(slot, live ? Weight(m) : 0);
        return live ? Outcome.Added : Outcome.Removed;
    }

    public bool IsLive(NodeAddress address) => _slotOf.TryGet(address, out int s) && !_members[s].Removed;

    /// <summary>Live members on <paramref name="ip"/>, and in its /24 (<see cref="Seed.HostLimit"/>).</summary>
    public (int OnIp, int InPrefix) LiveOnHost(uint ip) => (_hosts.OnIp(ip), _hosts.InPrefix(ip));

    public bool IsKnown(NodeAddress address) => _slotOf.Contains(address);

    /// <summary>The member's slot: fixed from its first operation on, for what its holder keeps beside the list (a seed's admission
    /// proofs).</summary>
    public bool TryGetSlot(NodeAddress address, out int slot) => _slotOf.TryGet(address, out slot);

    public bool TryGet(NodeAddress address, out PeerId peer, out bool live)
    {
        if (_slotOf.TryGet(address, out int s))
        {
            peer = new PeerId(address, _members[s].Incarnation);
            live = !_members[s].Removed;
            return true;
        }
        peer = default;
        live = false;
        return false;
    }

    /// <summary>
    /// Records a peer's reported degree: only for the incarnation that is live, and only from a
    /// report newer than the one it holds (reports can arrive out of order). False otherwise.
    /// </summary>
    public bool SetDegree(NodeAddress address, long incarnation, int degree, long report)
    {
        if (!_slotOf.TryGet(address, out int s)) return false;
        ref var m = ref _members[s];
        // Report numbers past int's range (only a peer lying about itself sends them) count as the largest.
        int number = (int)Math.Min(report, int.MaxValue);
        if (m.Removed || m.Incarnation != incarnation || number <= m.DegreeReport) return false;
        m.DegreeReport = number;
        m.Degree = degree;
        _sampler.Set(s, Weight(m));
        return true;
    }

    /// <summary>The degree the seed believes and hands out (<see cref="DegreeBacking.Believed"/>).</summary>
    private int Believed(in Member m) => DegreeBacking.Believed(m.Degree, m.Endorsed, _unendorsed);

    public int BelievedDegreeOf(NodeAddress address) => _slotOf.TryGet(address, out int s) ? Believed(_members[s]) : -1;

    /// <summary>
    /// Records that <paramref name="endorser"/> (live at that incarnation, within
    /// <paramref name="budget"/> endorsements) linked to <paramref name="target"/> (live): the
    /// target's believed degree may grow by one. False when it does not count.
    /// </summary>
    public bool Endorse(PeerId endorser, NodeAddress target, int budget)
    {
        if (endorser.Address == target || !DegreeBacking.Counts(endorser.Address.Ip, target.Ip,
            _seedHosts.IsSeedIp(target.Ip))) return false;
        if (!_slotOf.TryGet(endorser.Address, out int e) || !_slotOf.TryGet(target, out int t)) return false;
        ref var giver = ref _members[e];
        bool giverLive = !giver.Removed && giver.Incarnation == endorser.Incarnation;
        if (!DegreeBacking.MayEndorse(giverLive, giver.Endorsing, budget) || _members[t].Removed) return false;
        giver.Endorsing++;
        ref var m = ref _members[t];
        m.Endorsed++;
        _sampler.Set(t, Weight(m));
        return true;
    }

    /// <summary>Slots (live and removed members) the member sweep walks through.</summary>
    public int SlotCount => _count;

    /// <summary>
    /// The member sweep passes the member in <paramref name="slot"/>: whether to probe it, and why (no link backs it,
    /// <see cref="DegreeBacking.Unbacked"/>; or it let the certificate it renewed here run out, <see cref="CertificateSilence"/>).
    /// </summary>
    public SweepFinding Sweep(int slot, int silentPassesToProbe, out PeerId peer)
    {
        ref var m = ref _members[slot];
        peer = new PeerId(m.Address, m.Incarnation);
        if (m.Removed) return SweepFinding.Nothing;
        m.Silence = CertificateSilence.Pass(m.Silence, silentPassesToProbe, out bool silent);
        if (DegreeBacking.Unbacked(true, m.Degree, m.Endorsed, _unendorsed)) return SweepFinding.Unbacked;
        return silent ? SweepFinding.Silent : SweepFinding.Nothing;
    }

    /// <summary>A degree report or refresh from the live member at <paramref name="incarnation"/> came to this seed
    /// (<see cref="CertificateSilence"/>).</summary>
    public void HeardReport(NodeAddress address, long incarnation)
    {
        if (!_slotOf.TryGet(address, out int s)) return;
        ref var m = ref _members[s];
        if (!m.Removed && m.Incarnation == incarnation) m.Silence = CertificateSilence.Reported;
    }

    /// <summary>The member answered a probe for its silence: it lives, refreshing elsewhere. This seed no longer counts its
    /// silence, until it refreshes here again.</summary>
    public void ForgetSilence(PeerId peer)
    {
        if (!_slotOf.TryGet(peer.Address, out int s)) return;
        ref var m = ref _members[s];
        if (m.Incarnation == peer.Incarnation) m.Silence = CertificateSilence.Untracked;
    }


    public int DegreeOf(NodeAddress address) => _slotOf.TryGet(address, out int s) ? _members[s].Degree : -1;

    /// <summary>
    /// <see cref="SetDegree"/> for each of a batch of relayed reports, in order. The members
    /// they name are scattered over a large list, so each member's index cell and then its
    /// fields start loading a few reports ahead (<see cref="ReadAhead"/>: it changes no result).
    /// </summary>
    public void SetDegrees(ReadOnlySpan<DegreeReport> reports)
    {
        for (int i = 0; i < reports.Length; i++)
        {
            if (i + 8 < reports.Length) _slotOf.ReadAheadCell(reports[i + 8].Peer, _readAhead);
            if (i + 4 < reports.Length && _slotOf.TryGet(reports[i + 4].Peer, out int ahead))
            {
                _readAhead.Element(_members, ahead);
                _sampler.ReadAheadSlot(ahead);
            }
            var r = reports[i];
            SetDegree(r.Peer, r.Incarnation, r.Degree, r.Report);
        }
    }

    /// <summary>Every live member sorted by address (deterministic whatever the commit order).</summary>
    public PeerListEntry[] LiveEntries(NodeAddress exclude)
    {
        var list = new List<PeerListEntry>(LiveCount);
        foreach (ref readonly var m in _members.AsSpan(0, _count))
            if (!m.Removed && m.Address != exclude) list.Add(new PeerListEntry(m.Address, Believed(m)));
        list.Sort((a, b) => a.Address.CompareTo(b.Address));
        return list.ToArray();
    }

    /// <summary>
    /// <paramref name="draws"/> independent draws in proportion to degree (repeats possible:
    /// each entry is one preferential-attachment draw). Never returns <paramref name="exclude"/>.
    /// </summary>
    public PeerListEntry[] SampleByDegree(Rng rng, int draws, NodeAddress exclude)
    {
        // Straight into the array the reply carries (not a list copied out at the end): two
        // million of these are made in a million-peer join.
        var result = new PeerListEntry[draws];
        int filled = 0;
        int attempts = draws * 4;
        Span<int> batch = draws <= 256 ? stackalloc int[draws] : new int[draws];
        // The excluded peer may be drawn: draw again for the places it took, a batch at a time.
        while (filled < draws && attempts > 0 && _sampler.Total > 0)
        {
            var slots = batch[..Math.Min(draws - filled, attempts)];
            _sampler.SampleMany(rng, slots);
            attempts -= slots.Length;
            foreach (int s in slots)
                if (_members[s].Address != exclude) result[filled++] = new PeerListEntry(_members[s].Address, Believed(_members[s]));
        }
        var sample = filled == draws ? result : result[..filled];
        return OfferSpread.TryFindCrowded(sample, exclude, _seedHosts, out uint crowded, out int wanted)
            ? WithDrawsOutside(rng, sample, crowded, wanted, exclude) : sample;
    }

    /// <summary>
    /// <paramref name="sample"/> and up to <paramref name="wanted"/> live members outside the /24 <paramref name="crowded"/>
    /// (<see cref="OfferSpread"/>), drawn uniformly from the list's slots, at most sixteen slots for each.
    /// </summary>
    /// <remarks>Uniformly, not by degree: the /24 that filled the draws holds most of the weight, so draws by degree would seldom
    /// leave it, while it holds at most <see cref="Config.SeedConfig.MembersPerPrefix"/> of the members, and a seed samples only
    /// above <see cref="Config.SeedConfig.FullPeerListMax"/> of them.</remarks>
    private PeerListEntry[] WithDrawsOutside(Rng rng, PeerListEntry[] sample, uint crowded, int wanted, NodeAddress exclude)
    {
        var added = new List<PeerListEntry>(wanted);
        for (int attempts = wanted * 16; attempts > 0 && added.Count < wanted; attempts--)
        {
            ref readonly var m = ref _members[(int)rng.NextUInt64((ulong)_count)];
            if (m.Removed || m.Address == exclude || HostCounts.PrefixOf(m.Address.Ip) == crowded) continue;
            bool repeat = false;
            foreach (var a in added) repeat |= a.Address == m.Address;
            if (!repeat) added.Add(new PeerListEntry(m.Address, Believed(m)));
        }
        return added.Count == 0 ? sample : [.. sample, .. added];
    }

    private long Weight(in Member m) => DegreeBacking.Weight(Believed(m), _newcomerLinks);

    private static ulong Mix(NodeAddress a, long inc)
    {
        ulong x = a.Key ^ ((ulong)inc * 0x9E3779B97F4A7C15UL);
        return Rng.SplitMix64(ref x);
    }
}
