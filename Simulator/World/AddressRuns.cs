using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.World;

/// <summary>
/// Address to node index by arithmetic for the longest run of nodes added with consecutive
/// IPs on one port (a scenario's peers: 10.1.0.1, 10.1.0.2... at port 7000). Every message
/// sent looks its target up; for a million peers the hash index is 32 MB, so that lookup is a
/// cache miss, where the run's is a subtraction. Addresses are unique in a network, so an
/// address with the run's port and an IP inside its range can only be that node.
/// </summary>
internal struct AddressRuns
{
    private Run _longest;
    private Run _current;

    private readonly record struct Run(int FirstIndex, uint FirstIp, ushort Port, int Length);

    /// <summary>Records the node just added at <paramref name="index"/> (indexes come in order).</summary>
    public void Added(NodeAddress a, int index)
    {
        var c = _current;
        _current = c.Length > 0 && a.Port == c.Port && a.Ip == c.FirstIp + (uint)c.Length && index == c.FirstIndex + c.Length
            ? c with { Length = c.Length + 1 }
            : new Run(index, a.Ip, a.Port, 1);
        if (_current.Length >= _longest.Length) _longest = _current;
    }

    /// <summary>The node's index if the address is in the run; otherwise false (ask the hash index).</summary>
    public readonly bool TryGet(NodeAddress a, out int index)
    {
        uint offset = a.Ip - _longest.FirstIp;
        if (a.Port == _longest.Port && offset < (uint)_longest.Length)
        {
            index = _longest.FirstIndex + (int)offset;
            return true;
        }
        index = -1;
        return false;
    }
}
