using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R9/R10: create a message every interval up to a count, and flood: on first receipt record
/// it in the Message List, log it, and forward to every neighbour it has not crossed to yet.
/// Gossip is taken only from neighbours, within the protocol's bounds, and only as its origin
/// signed it. Under Plumtree (<see cref="BroadcastProtocol.Plumtree"/>) the same forward sends the
/// payload on tree links and an IHAVE on the others (<see cref="PlumtreeGossip"/>).
/// </summary>
internal struct GossipRelay
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public GossipRelay(PeerConfig config)
    {
        _messages = new(config.MessageListTtl, config.MessageListCapacity);
        if (config.Broadcast == BroadcastProtocol.Plumtree) _plumtree = new PlumtreeGossip();
    }

    // a mutable struct held in place (never copied)
    private MessageList _messages;
    private int _created;
    private long _gossipReceived;
    private long _gossipSent;
    // Made on the first refusal: nearly every simulated peer never refuses a message, and its
    // counts and defences held in place would be memory in every peer (docs/performance.md, section 4).
    private GossipRefusals? _refusals;
    // Plumtree's state; null for a flooding peer.
    private readonly PlumtreeGossip? _plumtree;

    /// <summary>What a peer keeps about gossip it refused: the counts, and the defences against forgeries.</summary>
    private sealed class GossipRefusals
    {
        public long Rejected, Forged, Unchecked;
        // Made on the first forgery (the simulator has none).
        public ForgedGossipMemory? ForgedSeen;
        public ForgeryBudgets? Forgers;
    }

    private GossipRefusals Refusals => _refusals ??= new GossipRefusals();

    public long GossipReceived => _gossipReceived;
    public long GossipSent => _gossipSent;
    public int MessageListCount => _messages.Count;

    /// <summary>Gossip this peer dropped as out of bounds, from a non-neighbour, or not signed by its origin.</summary>
    public long GossipRejected => _refusals?.Rejected ?? 0;

    /// <summary>Of <see cref="GossipRejected"/>, the messages whose origin's certificate or signature did not verify, and copies of one
    /// that did not.</summary>
    public long GossipForged => _refusals?.Forged ?? 0;

    /// <summary>Of <see cref="GossipRejected"/>, the messages dropped unchecked from a neighbour whose forgeries used up its budget
    /// (<see cref="ForgeryBudgets"/>).</summary>
    public long GossipUnchecked => _refusals?.Unchecked ?? 0;

    /// <summary>Plumtree's counts (IHAVE, GRAFT and PRUNE sent, messages given up); null for a flooding peer.</summary>
    internal readonly PlumtreeGossip? Plumtree => _plumtree;

    /// <summary>Entries past their time to live leave the Message List (and Plumtree's kept messages past their retention).</summary>
    public void Sweep(PeerNode peer)
    {
        _messages.Sweep(peer.Self.Ctx.Now);
        _plumtree?.Sweep(peer.Self.Ctx.Now, peer.Self.Config.PayloadRetention);
    }

    public void OnGossipTick(PeerNode peer)
    {
        _created++;
        var id = new MessageId(peer.Self.Address, _created);
        var now = peer.Self.Ctx.Now;
        var certificate = peer.Joiner.Certificate;
        _messages.TryAdd(id, certificate.Incarnation, now, -1);
        peer.Self.Ctx.Trace(new TraceEvent(now, TraceKind.GossipCreated, peer.Self.Address, Message: id));
        var message = new Messages.Gossip(id, now, 1, peer.Self.Config.MessageIncludesPort, peer.Self.Identity.SignGossip(id, now), certificate);
        if (peer.Self.Ctx.LogEnabled) peer.Self.Ctx.Log($"created gossip {message.Text}");
        _plumtree?.Received(peer.Self.Ctx, message, certificate.Incarnation);
        Forward(peer, message, NodeAddress.None);
        if (_created < peer.Self.Config.MessagesPerPeer)
            peer.Self.Ctx.SetTimer(peer.Self.Config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    public void OnGossip(PeerNode peer, NodeAddress from, Messages.Gossip m)
    {
        _gossipReceived++;
        int at = peer.Neighbourhood.Table.IndexOf(from);
        var now = peer.Self.Ctx.Now;
        if (!AcceptsGossip(peer, from, m, at, now)) return;
        int slot = at >= 0 ? peer.Neighbourhood.Table.At(at).Slot : -1;
        if (_messages.NoteIfKnown(m.Id, m.OriginCertificate.Incarnation, slot))
        {
            if (_plumtree != null) Duplicate(peer, from, at);
            return; // a duplicate: its link is noted, the message dropped, nothing logged (R10, R13)
        }
        if (!FromItsOrigin(peer, from, m)) return; // checked once, before its first receipt
        _messages.AddNew(m.Id, m.OriginCertificate.Incarnation, now, slot);
        peer.Self.Ctx.Trace(new TraceEvent(now, TraceKind.GossipDelivered, peer.Self.Address, from, m.Id, A: m.Hops, B: m.CreatedAt.Ticks));
        if (peer.Self.Ctx.LogEnabled) peer.Self.Ctx.Log($"received {m.Text} from {from} (hops {m.Hops})");
        var forwarded = m with { Hops = m.Hops + 1 };
        if (_plumtree != null)
        {
            if (at >= 0) SetMode(peer, at, PlumtreeRules.AfterPayload(firstReceipt: true));
            _plumtree.Received(peer.Self.Ctx, forwarded, m.OriginCertificate.Incarnation);
        }
        Forward(peer, forwarded, from);
    }

    /// <summary>Plumtree: a copy of a message already received, on link <paramref name="at"/>: the link leaves the tree, and the
    /// sender is told to stop pushing if it was on it.</summary>
    private void Duplicate(PeerNode peer, NodeAddress from, int at)
    {
        if (at < 0) return;
        var before = ModeAt(peer, at);
        SetMode(peer, at, PlumtreeRules.AfterPayload(firstReceipt: false));
        if (!PlumtreeRules.PruneOnDuplicate(before)) return;
        peer.Self.Ctx.Send(from, new Prune());
        _plumtree!.CountPrune();
    }

    private static LinkMode ModeAt(PeerNode peer, int at) => peer.Neighbourhood.Table.At(at).Lazy ? LinkMode.Lazy : LinkMode.Eager;

    /// <summary>The link at <paramref name="at"/> goes on the tree or off it. Traced only when its mode changes: a new link starts on
    /// the tree untraced, and a flooding peer never comes here, so the flood's trace is as it was (the dashboard draws the modes).</summary>
    private static void SetMode(PeerNode peer, int at, LinkMode mode)
    {
        ref var link = ref peer.Neighbourhood.Table.At(at);
        bool lazy = mode == LinkMode.Lazy;
        if (link.Lazy == lazy) return;
        link.Lazy = lazy;
        var ctx = peer.Self.Ctx;
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.EdgeModeChanged, peer.Self.Address, peer.Neighbourhood.Table.AddressSpan[at],
            A: (long)(lazy ? EdgeMode.Lazy : EdgeMode.Tree)));
    }

    /// <summary>Plumtree: this peer's links on the tree (the payload goes on them).</summary>
    internal static int TreeLinks(PeerNode peer)
    {
        int eager = 0;
        foreach (ref readonly var link in peer.Neighbourhood.Table.Span) if (!link.Lazy) eager++;
        return eager;
    }

    /// <summary>Plumtree: a neighbour has a message. Noted, to ask for it if it does not come by the graft timeout.</summary>
    public void OnIhave(PeerNode peer, NodeAddress from, Ihave m)
    {
        if (_plumtree == null || !FromANeighbour(peer, from, m.Kind, m.Id.Number, out _)) return;
        bool received = _messages.Contains(m.Id, m.Incarnation);
        _plumtree.OnIhave(peer.Self.Ctx, peer.Self.Config, from, m, received);
    }

    /// <summary>Plumtree: a neighbour asks for a message, and for the payload on this link from now on.</summary>
    public void OnGraft(PeerNode peer, NodeAddress from, Graft m)
    {
        if (_plumtree == null || !FromANeighbour(peer, from, m.Kind, m.Id.Number, out int at)) return;
        SetMode(peer, at, LinkMode.Eager); // the asker's link joins the tree
        if (_plumtree.Answer(m, from, peer.Self.Ctx.Now, peer.Self.Config.PayloadRetention) is not { } kept) return;
        _messages.MarkLink(m.Id, m.Incarnation, peer.Neighbourhood.Table.At(at).Slot);
        peer.Self.Ctx.Send(from, kept);
        _gossipSent++;
    }

    /// <summary>Plumtree: a neighbour had the payload from elsewhere: announce to it from now on.</summary>
    public void OnPrune(PeerNode peer, NodeAddress from, Prune m)
    {
        if (_plumtree != null && FromANeighbour(peer, from, m.Kind, 1, out int at)) SetMode(peer, at, LinkMode.Lazy);
    }

    /// <summary>Plumtree: an announced message is still missing.</summary>
    public void OnGraftTimeout(PeerNode peer, long ticket)
    {
        if (_plumtree == null || !_plumtree.Awaited(ticket, out var id, out long incarnation)) return;
        var table = peer.Neighbourhood.Table;
        var to = _plumtree.NextToAsk(peer.Self.Ctx, peer.Self.Config, id, incarnation, _messages.Contains(id, incarnation),
            a => table.IndexOf(a) is int i and >= 0 ? ModeAt(peer, i) : null);
        if (to is not { } announcer) return;
        SetMode(peer, table.IndexOf(announcer), LinkMode.Eager); // the link joins the tree
        peer.Self.Ctx.Send(announcer, new Graft(id, incarnation));
    }

    /// <summary>Plumtree's control messages are taken from neighbours only, about messages an origin could have numbered.</summary>
    private bool FromANeighbour(PeerNode peer, NodeAddress from, MessageKind kind, int number, out int at)
    {
        at = peer.Neighbourhood.Table.IndexOf(from);
        if (at >= 0 && number >= 1 && number <= peer.Self.Config.MessagesPerPeer) return true;
        Refusals.Rejected++;
        peer.Self.RejectInput($"dropped {kind} from {from}: {(at < 0 ? "not a neighbour" : $"message number outside 1..{peer.Self.Config.MessagesPerPeer}")}");
        return false;
    }

    private void Forward(PeerNode peer, Messages.Gossip m, NodeAddress cameFrom)
    {
        var links = peer.Neighbourhood.Table.Span;
        var addresses = peer.Neighbourhood.Table.AddressSpan;
        Span<int> slots = links.Length <= 256 ? stackalloc int[links.Length] : new int[links.Length];
        int n = 0;
        for (int i = 0; i < links.Length; i++)
            if (addresses[i] != cameFrom) slots[n++] = links[i].Slot;
        // Only links the message has not crossed yet (R10); one Message List lookup for all of them.
        int claimed = _messages.ClaimLinks(m.Id, m.OriginCertificate.Incarnation, slots[..n]);
        for (int i = 0, j = 0; i < links.Length && j < claimed; i++)
        {
            if (links[i].Slot != slots[j]) continue;
            j++;
            if (_plumtree != null && !PlumtreeRules.SendsPayload(links[i].Lazy ? LinkMode.Lazy : LinkMode.Eager))
            {
                peer.Self.Ctx.Send(addresses[i], new Ihave(m.Id, m.OriginCertificate.Incarnation, m.Hops));
                _plumtree.CountIhave();
                continue;
            }
            peer.Self.Ctx.Send(addresses[i], m);
            _gossipSent++;
        }
    }

    /// <summary>
    /// Whether a new gossip message is its origin's: the origin's certificate proves its key, and
    /// that key signed the message. Otherwise it is dropped, counted and logged (throttled): a
    /// neighbour cannot make up messages in another member's name. A forgery costs a check once:
    /// a copy of one already refused is dropped as it is (<see cref="ForgedGossipMemory"/>), and a
    /// neighbour whose forgeries used up its budget has its gossip dropped unchecked (<see cref="ForgeryBudgets"/>).
    /// </summary>
    private bool FromItsOrigin(PeerNode peer, NodeAddress from, Messages.Gossip m)
    {
        var origin = m.OriginCertificate;
        byte[] signature = m.Signature ?? [];
        if (_refusals?.ForgedSeen is { } seen && seen.Contains(m.Id, m.CreatedAt, origin.Key, signature))
        {
            _refusals.Rejected++;
            _refusals.Forged++;
            peer.Self.RejectInput($"dropped gossip {m.Id} from {from}: a copy of a forgery already refused");
            return false;
        }
        if (_refusals?.Forgers is { } forgers && !forgers.MayCheck(from, peer.Self.Ctx.Now))
        {
            _refusals.Rejected++;
            _refusals.Unchecked++; // counted; the moment its budget ran out was logged
            return false;
        }
        string? why = peer.Admission.CertificateRefusal(peer, m.Id.Origin, origin, origin.Key, out var verdict);
        // What cost a signature check: the seeds' votes in a certificate, or the origin's signature.
        bool costly = verdict == CertificateVerdict.VotesFail;
        if (why == null && !peer.Self.Identity.VerifyGossip(origin.Key, m.Id, m.CreatedAt, signature))
        {
            why = "its origin's signature does not verify";
            costly = true;
            // Only a signature is remembered: its check has no other input, while a certificate's depends on the seeds' keys this peer
            // knows.
            (Refusals.ForgedSeen ??= new ForgedGossipMemory()).Add(m.Id, m.CreatedAt, origin.Key, signature);
        }
        if (why == null) return true;
        Refusals.Rejected++;
        Refusals.Forged++;
        peer.Self.RejectInput($"dropped gossip {m.Id} from {from}: not its origin's ({why})");
        if (costly && (Refusals.Forgers ??= new ForgeryBudgets()).Charge(from, peer.Self.Ctx.Now))
            peer.Self.RejectInput($"{from} keeps relaying forged gossip: its gossip is dropped unchecked while it goes on (one "
                + $"message a second is still checked)");
        return false;
    }


    /// <summary>Whether to take a gossip message (<see cref="GossipAdmission"/>); a refusal is counted and logged, throttled.</summary>
    private bool AcceptsGossip(PeerNode peer, NodeAddress from, Messages.Gossip m, int neighbourAt, TimeSpan now)
    {
        var verdict = GossipAdmission.Decide(neighbourAt >= 0 || peer.Linker.IsPendingLink(from), m.Id.Number, peer.Self.Config.MessagesPerPeer,
            m.CreatedAt, now, peer.Self.Config.MessageListTtl);
        if (verdict == GossipVerdict.Take) return true;
        if (verdict == GossipVerdict.TooOld) return false; // as R10 always did: quietly
        Refusals.Rejected++;
        string why = verdict switch
        {
            GossipVerdict.NotFromANeighbour => "not a neighbour",
            GossipVerdict.NumberOutOfRange => $"message number outside 1..{peer.Self.Config.MessagesPerPeer}",
            _ => "created in the future",
        };
        peer.Self.RejectInput($"dropped gossip {m.Id} from {from}: {why}");
        return false;
    }
}
