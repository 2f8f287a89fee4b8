using System.Globalization;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// Where each node of a docker run is now: its engine, its container, its address on the run's network and its folder in that
/// engine's volume. A node stays where <see cref="DockerAddresses"/> and <see cref="EnginePlacement"/> put it, unless it moved
/// (<see cref="Move"/>: a seed rescheduled elsewhere, as a swarm does when its host drains): then its next life is a new container
/// on the next engine that takes new ones, at an address of its own and in a folder of its own, under the same host name, which the seed list
/// names it by. Every part that reaches a node (the launcher, the volumes, the seeds' states, the network's rules) asks here.
/// </summary>
public sealed class ContainerPlaces(DockerAddresses addresses, DockerEngines engines)
{
    /// <summary>A node's place: its engine, container, address on the network and folder under the volume's top.</summary>
    public sealed record Place(DockerEngine Engine, string Container, string Ip, string Folder);

    /// <summary>The most moves a run makes: their addresses are 10.X.255.2 up.</summary>
    public const int MaxMoves = 250;

    private readonly Dictionary<NodeRef, Place> _moved = new();
    private int _moves;

    /// <summary>Where <paramref name="node"/> is now.</summary>
    public Place Of(NodeRef node)
    {
        lock (_moved)
            if (_moved.TryGetValue(node, out var moved)) return moved;
        return new Place(engines.Of(node), addresses.ContainerOf(node), addresses.IpOf(node), DockerAddresses.HostOf(node));
    }

    /// <summary>The next engine a new container may start on after <paramref name="engine"/>, in the listed order (itself when it is
    /// the only one).</summary>
    private DockerEngine After(DockerEngine engine)
    {
        var (all, accepting) = (engines.All, engines.Accepting);
        int at = all.ToList().IndexOf(engine);
        return Enumerable.Range(1, all.Count).Select(step => all[(at + step) % all.Count]).FirstOrDefault(accepting.Contains)
            ?? accepting[0];
    }

    /// <summary>Where a node about to start its first life goes: where its place says, unless that engine takes nothing new (drained, or
    /// dead); then the next engine that does, under the same container, address and folder.</summary>
    public Place ForNewNode(NodeRef node)
    {
        var place = Of(node);
        if (engines.Accepting.Contains(place.Engine)) return place;
        lock (_moved) return _moved[node] = place with { Engine = After(place.Engine) };
    }

    /// <summary>
    /// The place of <paramref name="node"/>'s next life, elsewhere: the next engine that takes new containers after its own (its own
    /// when it is the only one), a container and a folder named for the move ("seed-1-moved-1"), and the next address kept for moves.
    /// </summary>
    /// <exception cref="DockerException">More moves than <see cref="MaxMoves"/>.</exception>
    public Place Move(NodeRef node)
    {
        var from = Of(node);
        var engine = After(from.Engine);
        lock (_moved)
        {
            if (_moves >= MaxMoves) throw new DockerException($"more than {MaxMoves} moves in one docker run: its network keeps {MaxMoves} addresses for them");
            int n = ++_moves;
            string folder = $"{DockerAddresses.HostOf(node)}-moved-{n.ToString(CultureInfo.InvariantCulture)}";
            return _moved[node] = new Place(engine, $"{addresses.Stack}-{folder}", addresses.MovedIp(n), folder);
        }
    }
}
