using System.Runtime.InteropServices;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// The messages a Plumtree peer can send on a GRAFT, by message (a GRAFT finds its own at once), for the payload retention, each
/// with the neighbours it was sent to on one. A message is kept as the fields its payload is made again from, not as the message
/// object: one object a peer a message, held for the retention (3.2 million at once in sim-crash-hub-1k), lived just long enough
/// for the collector to move it to its oldest generation and find it dead there, and the run's heap peaked at 2.3 GiB (issue 53).
/// The signature and the origin's certificate are the message's own references, shared by every copy; the certificate's
/// incarnation is the key's.
/// </summary>
internal sealed class KeptPayloads
{
    private struct Kept
    {
        public TimeSpan CreatedAt;
        public byte[]? Signature;
        public CommitProof? Proof;
        public CertificateRenewal? Renewal;
        public int Hops;
        public bool TextHasPort;
        // The neighbours it was sent to on a GRAFT: the first here (none: None, as a GRAFT comes from a neighbour), any more in a
        // list (an honest neighbour asks once, and few ask).
        public NodeAddress FirstAnswered;
        public List<NodeAddress>? MoreAnswered;

        public readonly bool WasAnswered(NodeAddress to) =>
            !FirstAnswered.IsNone && (FirstAnswered == to || (MoreAnswered?.Contains(to) ?? false));

        public void NoteAnswered(NodeAddress to)
        {
            if (FirstAnswered.IsNone) FirstAnswered = to;
            else (MoreAnswered ??= new(1)).Add(to);
        }
    }

    private readonly Dictionary<(MessageId, long), Kept> _kept = new(2);

    public int Count => _kept.Count;

    /// <summary>A first receipt (or this peer's own message), as it is forwarded: never kept yet.</summary>
    public void Keep(Messages.Gossip m, long incarnation) =>
        _kept[(m.Id, incarnation)] = new Kept
        {
            CreatedAt = m.CreatedAt, Signature = m.Signature, Proof = m.OriginCertificate.Proof, Renewal = m.OriginCertificate.Renewal,
            Hops = m.Hops, TextHasPort = m.TextHasPort,
        };

    /// <summary>The message neighbour <paramref name="from"/>'s GRAFT asks for, noted as sent to it; null when it is no longer kept or
    /// that neighbour had it on a GRAFT already (<see cref="PlumtreeRules.AnswersGraft"/>).</summary>
    /// <remarks>Past its retention a message is not sent even while the next sweep has yet to drop it.</remarks>
    public Messages.Gossip? Answer(MessageId id, long incarnation, NodeAddress from, TimeSpan now, TimeSpan retention)
    {
        // Read from a copy, noted in place: looked up twice when answered (a GRAFT's answer, not a receipt's path), as the engine
        // tests no ref for null without Unsafe (SimulatorGuardTests).
        bool found = _kept.TryGetValue((id, incarnation), out var kept);
        if (!PlumtreeRules.AnswersGraft(found, found && kept.CreatedAt > now - retention, found && kept.WasAnswered(from)))
            return null;
        CollectionsMarshal.GetValueRefOrNullRef(_kept, (id, incarnation)).NoteAnswered(from);
        return new Messages.Gossip(id, kept.CreatedAt, kept.Hops, kept.TextHasPort, kept.Signature,
            new MembershipCertificate(incarnation, kept.Proof, kept.Renewal));
    }

    /// <summary>Messages created longer than the retention ago are let go: a GRAFT for one is not answered.</summary>
    public void Sweep(TimeSpan now, TimeSpan retention)
    {
        foreach (var (key, kept) in _kept)
            if (kept.CreatedAt <= now - retention) _kept.Remove(key);
    }
}
