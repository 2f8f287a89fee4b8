using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// HyParView (Leitão, Pereira and Rodrigues, DSN 2007) as this peer's way of making links, when the scenario chooses it
/// (<see cref="PeerConfig.Overlay"/>): the active view is the neighbour table, the passive view a <see cref="PassiveView"/>. A
/// newcomer registers with the seeds as before and draws one contact uniformly from their lists (JOIN); the rest of the lists seed its
/// passive view. The contact sends FORWARDJOIN walks on its other links; where one ends, that peer links to the newcomer. A lost link
/// is replaced from the passive view (NEIGHBOR, high priority with no link left); SHUFFLE walks refresh the passive views. Every link
/// is still made by a request that shows the member's certificate and is checked like a classic link request (<see cref="LinkAdmission"/>).
/// The decisions are <see cref="HyParViewRules"/>.
/// </summary>
internal partial struct Linker
{
    internal readonly PassiveView? Passive => _view as PassiveView;

    private static bool HyParViewOn(PeerNode peer) => peer.Self.Config.Overlay == Overlay.Hyparview;

    /// <summary>HyParView's messages are a HyParView peer's only: another overlay's peer has no views for them to change.</summary>
    private static bool HyParViewPeer(PeerNode peer, NodeAddress from, string what)
    {
        if (HyParViewOn(peer)) return true;
        peer.Self.RejectInput($"ignored {what} from {from}: this peer runs the {peer.OverlayName} overlay");
        return false;
    }

    private PassiveView PassiveOf() => (PassiveView)(_view ??= new PassiveView());

    /// <summary>A HyParView peer joins through one contact: it wants one request out while it has no link, or when it rejoined as a
    /// new incarnation (the peers that removed it dropped it from both views; the links it kept may be dropped on removal news still
    /// on its way).</summary>
    private int WantedToJoin(PeerNode peer)
    {
        if (peer.Joiner.Incarnation != peer.Self.Life) PassiveOf().JoinWanted = true;
        return peer.Neighbourhood.Count == 0 || PassiveOf().JoinWanted ? 1 : 0;
    }

    /// <summary>
    /// HyParView's way of asking for links: the seeds' lists (when new ones came) give the JOIN's contact, drawn uniformly
    /// while this peer has no link and nothing out, and the rest go to the passive view; then, while links are wanted and the active
    /// view has room, passive peers are asked (NEIGHBOR). A peer with links and nobody left to ask stops wanting: the shuffle's tick
    /// tries again.
    /// </summary>
    private void ViewMore(PeerNode peer)
    {
        var view = PassiveOf();
        var ctx = peer.Self.Ctx;
        var config = peer.Self.Config;
        var me = peer.Self.Address;
        var excluded = ExcludedFromLinking(peer);
        if (_search is { HasCandidates: true } search)
        {
            var candidates = search.TakeCandidates();
            candidates.RemoveAll(e => excluded(e.Address));
            if (_wantedLinks > 0 && (peer.Neighbourhood.Count == 0 && PendingLinkCount == 0 || view.JoinWanted)
                && HyParViewRules.ContactOf(candidates.Select(e => e.Degree).ToArray(), ctx.Random) is var at && at >= 0)
            {
                var contact = candidates[at].Address;
                candidates.RemoveAt(at);
                _wantedLinks--;
                view.JoinWanted = false;
                view.JoinContact = contact;
                Ask(peer, contact, NeighbourAsk.Join);
            }
            foreach (var e in candidates) view.Add(ctx, me, e.Address, config.HyParViewPassiveSize);
        }
        while (_wantedLinks > 0 && HyParViewRules.WantsPromotion(peer.Neighbourhood.Count, PendingLinkCount, config.HyParViewActiveSize))
        {
            if (view.Pick(ctx.Random, a => excluded(a)) is not { } target) break;
            _wantedLinks--;
            view.CountPromotion();
            Ask(peer, target, HyParViewRules.PromotionAsk(peer.Neighbourhood.Count));
        }
        if (_wantedLinks > 0 && (peer.Neighbourhood.Count > 0 || PendingLinkCount > 0)
            && !HyParViewRules.WantsPromotion(peer.Neighbourhood.Count, PendingLinkCount, config.HyParViewActiveSize))
            _wantedLinks = 0; // the view is full, or will be once the requests out are answered
        if (_wantedLinks > 0 && peer.Neighbourhood.Count > 0 && PendingLinkCount == 0)
            _wantedLinks = 0; // linked, nobody left to ask: the shuffle's tick tries again
    }

    private Predicate<NodeAddress> ExcludedFromLinking(PeerNode peer)
    {
        var me = peer.Self.Address;
        var search = _search;
        var memory = _memory;
        // The links read when asked (not a copy): every use comes before this peer's next link changes.
        return a => a == me || peer.Neighbourhood.Contains(a) || search?.IsPending(a) == true || search?.WasTried(a) == true
            || memory?.WasRemoved(a) == true;
    }

    /// <summary>Asks <paramref name="target"/> to link, showing this peer's certificate; answered by a <see cref="LinkReply"/> or timed out
    /// like a classic link request.</summary>
    private void Ask(PeerNode peer, NodeAddress target, NeighbourAsk ask)
    {
        var search = _search ??= new LinkSearch();
        var ctx = peer.Self.Ctx;
        search.Requested(target, ctx.SetTimer(peer.Self.Config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
        if (ask == NeighbourAsk.ForwardJoin) PassiveOf().WalkAsked(target);
        ctx.Send(target, new NeighbourRequest(ask, peer.Self.Life, peer.Joiner.Certificate));
    }

    /// <summary>
    /// Before a link the active view must take: a full view drops a random other link into the passive view (DISCONNECT): one made
    /// on another's word unless this peer <paramref name="chose"/> the new one with no such link held
    /// (<see cref="HyParViewRules.RoomFor"/>). Returns where room was made; <see cref="RoomFrom.Refused"/>: none may be, the link is
    /// not taken.
    /// </summary>
    private RoomFrom MakeRoom(PeerNode peer, NodeAddress coming, bool chose, bool urgent)
    {
        var room = RoomNow(peer, chose, urgent);
        if (room is RoomFrom.NoneNeeded or RoomFrom.Refused) return room;
        var dropped = room == RoomFrom.AnyLink ? RandomLinkExcept(peer, coming, coming) : RandomLinkOnOthersWord(peer);
        if (dropped is not { } gone) return RoomFrom.Refused;
        var config = peer.Self.Config;
        peer.Self.Ctx.Send(gone, new LinkClose());
        peer.Neighbourhood.RemoveNeighbour(peer, gone, "dropped to make room in HyParView's active view");
        PassiveOf().Add(peer.Self.Ctx, peer.Self.Address, gone, config.HyParViewPassiveSize);
        PassiveOf().CountDrop();
        return room;
    }

    /// <summary>Where room for one more link would come from now.</summary>
    private static RoomFrom RoomNow(PeerNode peer, bool chose, bool urgent)
    {
        var config = peer.Self.Config;
        return HyParViewRules.RoomFor(chose, urgent, peer.Neighbourhood.Count, LinksOnOthersWord(peer), config.HyParViewActiveSize,
            config.HyParViewOwnLinks);
    }

    /// <summary>The links made on another's word (not <see cref="NeighbourEntry.Chosen"/>).</summary>
    private static int LinksOnOthersWord(PeerNode peer)
    {
        int others = 0;
        foreach (ref readonly var link in peer.Neighbourhood.Table.Span) if (!link.Chosen) others++;
        return others;
    }

    /// <summary>One of the links made on another's word, uniformly; null when there is none.</summary>
    private static NodeAddress? RandomLinkOnOthersWord(PeerNode peer)
    {
        ref var table = ref peer.Neighbourhood.Table;
        var links = table.AddressSpan;
        Span<NodeAddress> others = links.Length <= PassiveView.MaxOnStack ? stackalloc NodeAddress[links.Length] : new NodeAddress[links.Length];
        int n = 0;
        for (int i = 0; i < links.Length; i++) if (!table.At(i).Chosen) others[n++] = links[i];
        return n == 0 ? null : others[peer.Self.Ctx.Random.NextInt(n)];
    }

    /// <summary>This peer asked for the link to <paramref name="a"/> from its own draw: it holds one of the seats kept for such links
    /// (<see cref="Config.PeerConfig.HyParViewOwnLinks"/>).</summary>
    private static void MarkChosen(PeerNode peer, NodeAddress a)
    {
        int at = peer.Neighbourhood.Table.IndexOf(a);
        if (at >= 0) peer.Neighbourhood.Table.At(at).Chosen = true;
    }

    /// <summary>A JOIN or NEIGHBOR request: accepted as <see cref="HyParViewRules.Accepts"/> says, once the certificate proves the
    /// asker (<see cref="LinkAdmission"/>); a contact then walks the newcomer through its other links (FORWARDJOIN).</summary>
    public void OnNeighbourRequest(PeerNode peer, NodeAddress from, NeighbourRequest m)
    {
        if (!HyParViewPeer(peer, from, "a NEIGHBOR request")) return;
        var ctx = peer.Self.Ctx;
        var config = peer.Self.Config;
        ref var table = ref peer.Neighbourhood.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Showed(m.Incarnation, m.Certificate.Incarnation); // it may have restarted or rejoined
        else
        {
            bool joining = PassiveOf().JoinContact is { } contact && IsPendingLink(contact);
            // A JOIN starts walks on every link of this peer: each sender may start a few an interval, so one insider cannot
            // make this peer walk and dial without end.
            string? refusal = HyParViewRules.RefusesJoin(m.Ask, joining) ? "a JOIN while this peer's own JOIN is unanswered"
                : !HyParViewRules.Accepts(m.Ask, peer.Neighbourhood.Count, config.HyParViewActiveSize)
                    ? $"a low-priority request at a full active view ({config.HyParViewActiveSize})"
                : RoomNow(peer, chose: false, urgent: m.Ask != NeighbourAsk.Low) == RoomFrom.Refused
                    ? $"links on another's word hold all the seats they may ({config.HyParViewActiveSize - config.HyParViewOwnLinks})"
                : m.Ask == NeighbourAsk.Join && !TakeWalk(peer, from) ? "its JOINs are over their budget"
                : null;
            if (!peer.Admission.AdmitLink(peer, from, m.Certificate, m.SenderKey, refusal)) return;
            MakeRoom(peer, from, chose: false, urgent: m.Ask != NeighbourAsk.Low);
            PassiveOf().Remove(ctx, peer.Self.Address, from);
            peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, m.Ask switch
            {
                NeighbourAsk.Join => "accepted its JOIN",
                NeighbourAsk.ForwardJoin => "its FORWARDJOIN walk ended here",
                _ => $"accepted its {m.Ask.ToString().ToLowerInvariant()}-priority NEIGHBOR request",
            });
            if (peer.Joiner.Phase == JoinPhase.Linking) _wantedLinks = 0; // linked however it came
        }
        ctx.Send(from, new LinkReply(true, peer.Self.Life, peer.Joiner.Certificate));
        if (known < 0 && m.Ask == NeighbourAsk.Join)
            foreach (var n in peer.Neighbourhood.Table.AddressSpan.ToArray())
            {
                if (n == from) continue;
                ctx.Send(n, new ForwardJoin(from, config.HyParViewActiveWalk));
                PassiveOf().CountJoinForwarded();
            }
        ForgetPoolIfSettled(peer);
    }

    /// <summary>A FORWARDJOIN from a neighbour: link to the newcomer where the walk ends, keep it passive at the passive walk's step,
    /// else pass it on to a random other link.</summary>
    public void OnForwardJoin(PeerNode peer, NodeAddress from, ForwardJoin m)
    {
        if (!HyParViewPeer(peer, from, "a FORWARDJOIN")) return;
        if (!FromANeighbour(peer, from, "a FORWARDJOIN") || !WalkWithinBudget(peer, from, "a FORWARDJOIN")) return;
        var me = peer.Self.Address;
        if (m.Newcomer == me) return;
        var config = peer.Self.Config;
        int ttl = HyParViewRules.ClampWalk(m.Ttl, config.HyParViewActiveWalk);
        var step = HyParViewRules.OnForwardJoin(ttl, peer.Neighbourhood.Count, config.HyParViewPassiveWalk);
        if (step != ForwardJoinStep.Link && RandomLinkExcept(peer, from, m.Newcomer) is { } next)
        {
            if (step == ForwardJoinStep.KeepAndForward && !peer.Neighbourhood.Contains(m.Newcomer))
                PassiveOf().Add(peer.Self.Ctx, me, m.Newcomer, config.HyParViewPassiveSize);
            peer.Self.Ctx.Send(next, new ForwardJoin(m.Newcomer, ttl - 1));
            PassiveOf().CountJoinForwarded();
            return;
        }
        if (peer.Neighbourhood.Contains(m.Newcomer) || IsPendingLink(m.Newcomer)) return;
        // A walk's end is a dial to an address another peer named: no more out at once than the active view holds; past that the
        // newcomer is only kept passive.
        if (PendingLinkCount >= config.HyParViewActiveSize)
        {
            PassiveOf().Add(peer.Self.Ctx, me, m.Newcomer, config.HyParViewPassiveSize);
            return;
        }
        Ask(peer, m.Newcomer, NeighbourAsk.ForwardJoin);
    }

    /// <summary>A JOIN, FORWARDJOIN or SHUFFLE from <paramref name="from"/> within its budget (<see cref="WalkBudgets"/>); one over
    /// it is dropped.</summary>
    private bool WalkWithinBudget(PeerNode peer, NodeAddress from, string what)
    {
        if (TakeWalk(peer, from)) return true;
        peer.Self.RejectInput($"ignored {what} from {from}: over its budget of {peer.Self.Config.HyParViewWalksPerSource} a shuffle interval");
        return false;
    }

    private bool TakeWalk(PeerNode peer, NodeAddress from) =>
        PassiveOf().TakeWalk(from, peer.Self.Ctx.Now, peer.Self.Config.HyParViewWalksPerSource, peer.Self.Config.HyParViewShuffleInterval);

    /// <summary>A walk is taken only from a neighbour: a stranger cannot make this peer link to or walk anyone.</summary>
    private static bool FromANeighbour(PeerNode peer, NodeAddress from, string what)
    {
        if (peer.Neighbourhood.Contains(from)) return true;
        peer.Self.RejectInput($"ignored {what} from {from}: not a neighbour");
        return false;
    }

    private static NodeAddress? RandomLinkExcept(PeerNode peer, NodeAddress a, NodeAddress b) =>
        HyParViewRules.RandomLinkExcept(peer.Neighbourhood.Table.AddressSpan, a, b, peer.Self.Ctx.Random);

    /// <summary>A link dropped to make room (DISCONNECT) while others remain: one passive peer is asked to take its place, once.</summary>
    private void ReplaceDropped(PeerNode peer)
    {
        var config = peer.Self.Config;
        if (!HyParViewRules.WantsPromotion(peer.Neighbourhood.Count, PendingLinkCount, config.HyParViewActiveSize)) return;
        var excluded = ExcludedFromLinking(peer);
        if (PassiveOf().Pick(peer.Self.Ctx.Random, a => excluded(a)) is not { } target) return;
        PassiveOf().CountPromotion();
        PassiveOf().OneTry(target);
        Ask(peer, target, HyParViewRules.PromotionAsk(peer.Neighbourhood.Count));
    }

    /// <summary>The first shuffle's tick, at a random point of the first interval so the peers' ticks spread.</summary>
    private void ArmShuffle(PeerNode peer)
    {
        var view = PassiveOf();
        if (view.ShuffleArmed) return;
        view.ShuffleArmed = true;
        var interval = peer.Self.Config.HyParViewShuffleInterval;
        peer.Self.Ctx.SetTimer(interval * (0.5 + peer.Self.Ctx.Random.NextDouble()), new TimerTag(TimerKind.HyParViewShuffle));
    }

    /// <summary>
    /// The shuffle's tick: a SHUFFLE of this peer, ka of its links and kp of its passive view walks from a random link; a thinly
    /// linked peer asks one passive peer to link (low priority), one with no link left does what a lost link does.
    /// </summary>
    public void OnShuffleTick(PeerNode peer)
    {
        var ctx = peer.Self.Ctx;
        var config = peer.Self.Config;
        var me = peer.Self.Address;
        var view = PassiveOf();
        ctx.SetTimer(config.HyParViewShuffleInterval, new TimerTag(TimerKind.HyParViewShuffle));
        if (peer.Joiner.IsRegistering) return;
        int linkCount = peer.Neighbourhood.Table.AddressSpan.Length;
        if (linkCount > 0)
        {
            // ka links drawn from a copy (the draws reorder it), kp passive entries, then the link the SHUFFLE walks from, drawn
            // from the links in their own order.
            Span<NodeAddress> links = linkCount <= PassiveView.MaxOnStack ? stackalloc NodeAddress[linkCount] : new NodeAddress[linkCount];
            peer.Neighbourhood.Table.AddressSpan.CopyTo(links);
            var active = PassiveView.TakeRandom(links, config.HyParViewShuffleActive, ctx.Random);
            var passive = view.Sample(config.HyParViewShufflePassive, ctx.Random);
            var sent = new NodeAddress[1 + active.Length + passive.Length];
            sent[0] = me;
            active.CopyTo(sent, 1);
            passive.CopyTo(sent, 1 + active.Length);
            view.ShuffleSent(sent);
            var first = peer.Neighbourhood.Table.AddressSpan[ctx.Random.NextInt(linkCount)];
            ctx.Send(first, new Shuffle(me, config.HyParViewActiveWalk, sent));
        }
        if (PendingLinkCount > 0 || _wantedLinks > 0) return;
        if (linkCount == 0)
        {
            Reattach(peer);
            return;
        }
        view.ThinTicks = HyParViewRules.WantsPeriodicPromotion(linkCount, config.HyParViewActiveSize) ? view.ThinTicks + 1 : 0;
        if (HyParViewRules.JoinsAgain(view.ThinTicks))
        {
            JoinAgain(peer);
            return;
        }
        // A seat kept for this peer's own links stays empty unless this peer fills it: others' requests may not.
        if (!HyParViewRules.WantsPeriodicPromotion(linkCount, config.HyParViewActiveSize)
            && !HyParViewRules.WantsOwnSeatFilled(linkCount, LinksOnOthersWord(peer), config.HyParViewActiveSize, config.HyParViewOwnLinks)) return;
        _wantedLinks = 1;
        ViewMore(peer);
        ForgetPoolIfSettled(peer);
    }

    /// <summary>A JOIN through a contact from a fresh seeds' list, this peer's links kept (<see cref="HyParViewRules.JoinsAgain"/>); its
    /// passive view takes the rest of the list.</summary>
    private void JoinAgain(PeerNode peer)
    {
        PassiveOf().JoinWanted = true;
        _wantedLinks = 1;
        peer.Joiner.Enter(JoinEvent.LinksWanted);
        _fruitlessLists = 0;
        _peerListRequested = false;
        if (peer.Self.Ctx.LogEnabled)
            peer.Self.Log($"thinly linked ({peer.Neighbourhood.Count}) at {PassiveOf().ThinTicks} shuffle ticks in a row; joining again through a contact");
        RequestPeerList(peer);
    }

    /// <summary>A SHUFFLE from a neighbour: walked on while steps are left, else answered to its origin with as many passive entries,
    /// and its entries kept (room made from those sent back first).</summary>
    public void OnShuffle(PeerNode peer, NodeAddress from, Shuffle m)
    {
        if (!HyParViewPeer(peer, from, "a SHUFFLE")) return;
        if (!FromANeighbour(peer, from, "a SHUFFLE") || !WalkWithinBudget(peer, from, "a SHUFFLE")) return;
        var ctx = peer.Self.Ctx;
        var me = peer.Self.Address;
        var config = peer.Self.Config;
        if (m.Origin == me) return;
        // The steps left and the entries as this protocol bounds them, whatever the wire said: every walk ends.
        int ttl = HyParViewRules.ClampWalk(m.Ttl, config.HyParViewActiveWalk) - 1;
        int read = HyParViewRules.ShuffleEntriesRead(m.Entries.Length, config.HyParViewShuffleActive, config.HyParViewShufflePassive);
        var entries = read == m.Entries.Length ? m.Entries : m.Entries[..read];
        if (!HyParViewRules.ShuffleEndsHere(ttl, peer.Neighbourhood.Count) && RandomLinkExcept(peer, from, m.Origin) is { } next)
        {
            ctx.Send(next, new Shuffle(m.Origin, ttl, entries));
            return;
        }
        var view = PassiveOf();
        var answer = view.Sample(entries.Length, ctx.Random, a => a == m.Origin);
        ctx.Send(m.Origin, new ShuffleReply(answer));
        view.Integrate(ctx, me, entries, a => peer.Neighbourhood.Contains(a), config.HyParViewPassiveSize, answer);
    }

    /// <summary>The answer to this peer's SHUFFLE: its entries kept, room made from those this peer sent first.</summary>
    public void OnShuffleReply(PeerNode peer, NodeAddress from, ShuffleReply m)
    {
        if (!HyParViewPeer(peer, from, "a SHUFFLE answer")) return;
        if (Passive?.TakeSentAway() is not { } sent)
        {
            peer.Self.RejectInput($"ignored a SHUFFLE answer from {from}: none awaited");
            return;
        }
        // No more than it was sent: an answer cannot fill the passive view past what the SHUFFLE offered to trade.
        var entries = m.Entries.Length <= sent.Length ? m.Entries : m.Entries[..sent.Length];
        Passive.Integrate(peer.Self.Ctx, peer.Self.Address, entries, a => peer.Neighbourhood.Contains(a),
            peer.Self.Config.HyParViewPassiveSize, sent);
    }
}
