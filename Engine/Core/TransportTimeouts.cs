namespace GossipSim.Engine.Core;

/// <summary>
/// How long a send to a node that does not answer at all (a network cut between the two, a host gone without a reset) takes to fail:
/// TCP's connect timeout. One value for both runtimes, so a partition costs a sender the same wait on each: the TCP transport's
/// <c>ConnectTimeout</c> defaults to it (a real node's <c>--connect-timeout</c>), and the simulator reports a message a partition
/// dropped to its sender after it (<c>SimNetwork.SendTimeout</c>).
/// </summary>
public static class TransportTimeouts
{
    /// <summary>An outgoing connect (and its handshake) must complete within this time, or the send fails.</summary>
    public static readonly TimeSpan Connect = TimeSpan.FromSeconds(3);
}
