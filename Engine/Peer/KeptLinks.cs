namespace GossipSim.Engine.Peer;

/// <summary>
/// The links a peer keeps when it registers again (the seeds removed it while alive). Each was made under the incarnation the seeds
/// removed, and a removal ends the links of its incarnation and earlier ones: so the peer shows every kept neighbour its new
/// certificate with a link request as soon as it holds one, which the neighbour's held link takes as a renewal. Without it the first
/// neighbour the removal reached cut the link, and a rejoined peer could be left with nobody watching it. A renewal never makes a new
/// link: a HyParView peer that no longer holds it refuses (its overlay takes no plain link request: one would bypass the active
/// view's bound, <c>HyParViewOverlay.AcceptsLink</c>), and the asker then drops its own half (<see cref="EndsHeldLink"/>). Pure: table tests.
/// </summary>
public static class KeptLinks
{
    /// <summary>Whether a registration reply's certificate makes the peer show its kept neighbours their new certificate: it registers
    /// again (a later incarnation than its life's first), has links kept, and this is the first certificate of the incarnation it
    /// registers. Shown at once, not when a majority of seeds has answered: the certificate proves the seeds' majority admitted
    /// the incarnation, and from their commit on the removal of the one before may reach any neighbour and cut its link, the peer
    /// being listed and watched by nobody if it crashes before its registration completes. A first registration's links
    /// (accepted once the first seed answered) were made with the certificate it still has.</summary>
    /// <param name="held">The incarnation of the certificate the peer held before the reply (-1: none).</param>
    /// <param name="received">The incarnation of the reply's certificate (-1: none).</param>
    public static bool ShowWithCertificate(int links, long life, long registering, long held, long received) =>
        links > 0 && registering > life && received == registering && held != registering;

    /// <summary>Whether a link answer ends a link the asker holds: a refusal it did not ask for is a renewal's, and says the other
    /// end no longer holds the link.</summary>
    public static bool EndsHeldLink(bool accepted, bool asked, bool held) => !accepted && !asked && held;
}
