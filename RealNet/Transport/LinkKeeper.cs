using GossipSim.Engine.Trace;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Tells the transport which connections are links, from the node's own trace (link-up and link-down): the engine knows its links,
/// the transport knows sockets, and this is the one place the two meet. See <see cref="TcpTransport.KeepOpen"/>.
/// </summary>
public sealed class LinkKeeper(TcpTransport transport) : ITraceSink
{
    public void Write(in TraceEvent e)
    {
        if (e.Kind == TraceKind.LinkUp) transport.KeepOpen(e.Peer, keep: true);
        else if (e.Kind == TraceKind.LinkDown) transport.KeepOpen(e.Peer, keep: false);
    }
}
