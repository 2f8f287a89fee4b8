using GossipSim.Engine.Bytes;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R9/R10: create a message every interval up to a count; take gossip only from neighbours, within the protocol's bounds, and
/// only as its origin signed it; record each first receipt in the Message List and deliver it (trace, log). How it spreads is the
/// peer's broadcast's (<see cref="BroadcastRole"/>: the flood, Plumtree, or a registered one), handed each first receipt, each
/// duplicate, its own messages and timers through a <see cref="BroadcastContext"/> this part serves (the Message List's links
/// crossed, the neighbours' marks, the counts).
/// </summary>
internal struct GossipRelay
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public GossipRelay(PeerConfig config)
    {
        _messages = new(config.MessageListTtl, config.MessageListCapacity);
        _broadcast = BroadcastMenu.Create(config);
    }

    // a mutable struct held in place (never copied)
    private MessageList _messages;
    private int _created;
    private int _roleTimers; // set by the broadcast and not yet fired or cancelled (BroadcastContext.MaxTimers)
    private long _gossipReceived;
    private long _gossipSent;
    // Made on the first refusal: nearly every simulated peer never refuses a message, and its
    // counts and defences held in place would be memory in every peer (docs/performance.md, section 4).
    private GossipRefusals? _refusals;
    // The flood is one object shared by every peer; Plumtree's or a registered broadcast's, one a peer.
    private readonly BroadcastRole _broadcast;

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

    /// <summary>The peer's broadcast role.</summary>
    internal readonly BroadcastRole Broadcast => _broadcast;

    /// <summary>Entries past their time to live leave the Message List; the broadcast lets go of what is past its own.</summary>
    public void Sweep(PeerNode peer)
    {
        _messages.Sweep(peer.Self.Ctx.Now);
        try { _broadcast.OnSweep(new BroadcastContext(peer)); }
        catch (Exception e) { throw Failed(peer, "a sweep", e); }
    }

    public void OnGossipTick(PeerNode peer)
    {
        _created++;
        var id = new MessageId(peer.Self.Address, _created);
        var now = peer.Self.Ctx.Now;
        var certificate = peer.Joiner.Certificate;
        _messages.TryAdd(id, certificate.Incarnation, now, -1, peer.Self.Config.MessageListExpected);
        peer.Self.Ctx.Trace(new TraceEvent(now, TraceKind.GossipCreated, peer.Self.Address, Message: id));
        var message = new Messages.Gossip(id, now, 1, peer.Self.Config.MessageIncludesPort, peer.Self.Identity.SignGossip(id, now), certificate);
        if (peer.Self.Ctx.LogEnabled) peer.Self.Ctx.Log($"created gossip {message.Text}");
        try { _broadcast.OnFirstReceipt(new BroadcastContext(peer), new GossipCopy(message, NodeAddress.None, -1)); }
        catch (Exception e) { throw Failed(peer, $"its own message {id}", e); }
        if (_created < peer.Self.Config.MessagesPerPeer)
            peer.Self.Ctx.SetTimer(peer.Self.Config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    /// <summary>Starts loading where <see cref="OnGossip"/> looks <paramref name="m"/> up (see <see cref="Node.ReadAhead"/>).</summary>
    public readonly void ReadAhead(Messages.Gossip m, Collections.ReadAhead hints) =>
        _messages.ReadAhead(m.Id, m.OriginCertificate.Incarnation, hints);

    public void OnGossip(PeerNode peer, NodeAddress from, Messages.Gossip m)
    {
        _gossipReceived++;
        int at = peer.Neighbourhood.Table.IndexOf(from);
        var now = peer.Self.Ctx.Now;
        if (!AcceptsGossip(peer, from, m, at, now)) return;
        int slot = at >= 0 ? peer.Neighbourhood.Table.At(at).Slot : -1;
        if (_messages.NoteIfKnown(m.Id, m.OriginCertificate.Incarnation, slot))
        {
            // a duplicate: its link is noted, the message dropped, nothing logged (R10, R13); the broadcast is told
            try { _broadcast.OnDuplicate(new BroadcastContext(peer), new GossipCopy(m, from, at)); }
            catch (Exception e) { throw Failed(peer, $"a copy of {m.Id} from {from}", e); }
            return;
        }
        // A message whose origin was registered under a seed set this peer has not learned is held as a link ask is, not dropped: a
        // flood sends it here once (on a bed, a newcomer's first message reached every peer but one, which learned the set 0.2 s after
        // refusing both copies). Only a neighbour's copy of a message not yet here takes a place, and only it reads the origin's
        // proof (a duplicate, most copies, does not); it is counted when it is decided.
        if (peer.AwaitsSeedSet(from, m, m.OriginCertificate))
        {
            _gossipReceived--;
            return;
        }
        if (!FromItsOrigin(peer, from, m)) return; // checked once, before its first receipt
        _messages.AddNew(m.Id, m.OriginCertificate.Incarnation, now, slot, peer.Self.Config.MessageListExpected);
        peer.Self.Ctx.Trace(new TraceEvent(now, TraceKind.GossipDelivered, peer.Self.Address, from, m.Id, A: m.Hops, B: m.CreatedAt.Ticks));
        if (peer.Self.Ctx.LogEnabled) peer.Self.Ctx.Log($"received {m.Text} from {from} (hops {m.Hops})");
        var forwarded = m with { Hops = m.Hops + 1 };
        try { _broadcast.OnFirstReceipt(new BroadcastContext(peer), new GossipCopy(forwarded, from, at)); }
        catch (Exception e) { throw Failed(peer, $"message {m.Id} from {from}", e); }
    }

    /// <summary>One of the broadcast's own messages (Plumtree's IHAVE, GRAFT, PRUNE, or a registered broadcast's): taken from
    /// neighbours only, read by the broadcast when it came over a wire, and handed to it.</summary>
    public void OnBroadcastMessage(PeerNode peer, NodeAddress from, Message m)
    {
        if (peer.Neighbourhood.Table.IndexOf(from) < 0)
        {
            Reject(peer, $"dropped {m.Kind} from {from}: not a neighbour");
            return;
        }
        var ctx = new BroadcastContext(peer);
        if (m is UnreadProtocolMessage unread && !TryRead(peer, from, unread, out m)) return;
        try { _broadcast.OnMessage(ctx, from, m); }
        catch (Exception e) { throw Failed(peer, $"{m.GetType().Name} from {from}", e); }
    }

    private bool TryRead(PeerNode peer, NodeAddress from, UnreadProtocolMessage unread, out Message read)
    {
        read = unread;
        try
        {
            var r = new WireReader(unread.Body);
            read = _broadcast.ReadMessage(unread.Type, ref r);
            r.End();
            return true;
        }
        catch (WireFormatException e)
        {
            Reject(peer, $"dropped a {peer.BroadcastName} message of type {unread.Type} from {from}: {e.Message}");
            return false;
        }
        catch (Exception e) { throw Failed(peer, $"reading a message of type {unread.Type} from {from}", e); }
    }

    /// <summary>A timer the broadcast set.</summary>
    public void OnBroadcastTimer(PeerNode peer, long arg)
    {
        _roleTimers--;
        try { _broadcast.OnTimer(new BroadcastContext(peer), arg); }
        catch (Exception e) { throw Failed(peer, $"its timer {arg}", e); }
    }

    /// <summary>A link was made or lost: the broadcast is told.</summary>
    public void OnLink(PeerNode peer, NodeAddress neighbour, bool up)
    {
        try
        {
            if (up) _broadcast.OnLinkUp(new BroadcastContext(peer), neighbour);
            else _broadcast.OnLinkDown(new BroadcastContext(peer), neighbour);
        }
        catch (Exception e) { throw Failed(peer, $"link {(up ? "up" : "down")} with {neighbour}", e); }
    }

    /// <summary>A send to a neighbour failed (<see cref="PeerNode.OnSendFailed"/>): the broadcast is told.</summary>
    public readonly void OnSendFailed(PeerNode peer, NodeAddress neighbour)
    {
        try { _broadcast.OnSendFailed(new BroadcastContext(peer), neighbour); }
        catch (Exception e) { throw Failed(peer, $"a failed send to {neighbour}", e); }
    }

    public void OnStop(PeerNode peer)
    {
        try { _broadcast.OnStop(new BroadcastContext(peer)); }
        catch (Exception e) { throw Failed(peer, "its stop", e); }
    }

    // What the broadcast's context asks of this part (PeerNode's IBroadcastHost passes it on).

    public TimerId SetBroadcastTimer(PeerNode peer, TimeSpan after, long arg)
    {
        if (_roleTimers >= BroadcastContext.MaxTimers)
            throw new RoleBoundException($"set more than {BroadcastContext.MaxTimers} timers at once (none of them fired or cancelled)");
        _roleTimers++;
        return peer.Self.Ctx.SetTimer(after, new TimerTag(TimerKind.BroadcastTimer, arg));
    }

    public void CancelBroadcastTimer(PeerNode peer, TimerId id)
    {
        peer.Self.Ctx.CancelTimer(id);
        if (_roleTimers > 0) _roleTimers--;
    }

    public int ClaimLinks(PeerNode peer, in GossipCopy copy, Span<int> links)
    {
        var table = peer.Neighbourhood.Table.Span;
        var addresses = peer.Neighbourhood.Table.AddressSpan;
        var cameFrom = copy.From;
        int n = 0;
        for (int i = 0; i < table.Length; i++)
            if (addresses[i] != cameFrom) links[n++] = table[i].Slot;
        // Only links the message has not crossed yet (R10); one Message List lookup for all of them. The claimed slots come back
        // first, in link order: each becomes its link's position in place.
        int claimed = _messages.ClaimLinks(copy.Id, copy.Incarnation, links[..n]);
        for (int i = 0, j = 0; i < table.Length && j < claimed; i++)
        {
            if (table[i].Slot != links[j]) continue;
            links[j++] = i;
        }
        return claimed;
    }

    public void MarkCrossed(PeerNode peer, MessageId id, long incarnation, int link) =>
        _messages.MarkLink(id, incarnation, peer.Neighbourhood.Table.At(link).Slot);

    public readonly bool HasReceived(MessageId id, long incarnation) => _messages.Contains(id, incarnation);

    public void SendGossip(PeerNode peer, int link, Messages.Gossip message)
    {
        peer.Self.Ctx.Send(peer.Neighbourhood.Table.AddressSpan[link], message);
        _gossipSent++;
    }

    public void Reject(PeerNode peer, string line)
    {
        Refusals.Rejected++;
        peer.Self.RejectInput(line);
    }

    private static RoleFailedException Failed(PeerNode peer, string during, Exception e) =>
        e as RoleFailedException ?? new RoleFailedException($"broadcast \"{peer.BroadcastName}\"", peer.Self.Address, peer.Self.Ctx.Now,
            during, e);

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
        // A link this peer's overlay dropped within a link timeout still counts: what the other end pushed before our close reached it
        // is in flight, and the other end sends it nowhere else (HyParView making room while a Plumtree payload was under way: swarm
        // seed 1 run 2413, where the one peer that dropped it never had the message).
        bool linked = neighbourAt >= 0 || peer.Linker.IsPendingLink(from) || peer.Linker.DroppedSince(from, now - peer.Self.Config.LinkTimeout);
        var verdict = GossipAdmission.Decide(linked, m.Id.Number, peer.Self.Config.MessagesPerPeer,
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
