using GossipSim.Engine.Core;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Nodes;

/// <summary>
/// A node's listener, bound before the node is assembled (<see cref="NodeAssembly"/>): whoever
/// starts the node learns its address first (port 0: the one the OS picked) and can announce it
/// or put it in a seed list. The transport's own lines (bad frames, unreachable nodes) go to the
/// node's log once the assembly has opened it; the few before that are dropped.
/// </summary>
public sealed class NodePort
{
    private NodeLog? _log;

    private NodePort(Func<Action<string>, TcpTransport> listen) => Transport = listen(line => Volatile.Read(ref _log)?.Line(line));

    /// <summary>Binds <paramref name="at"/>; throws what binding throws (a SocketException when the address is taken).</summary>
    public static NodePort Listen(NodeAddress at, TcpTransportOptions? options = null) => new(log => TcpTransport.Listen(at, options, log));

    public TcpTransport Transport { get; }

    public NodeAddress Address => Transport.LocalAddress;

    internal void LogTo(NodeLog log) => Volatile.Write(ref _log, log);
}
