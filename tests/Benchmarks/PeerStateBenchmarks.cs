using BenchmarkDotNet.Attributes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

namespace GossipSim.Benchmarks;

/// <summary>
/// The address index as the simulator and each seed use it (a million addresses, at most two
/// thirds of its cells full: it is sized for the addresses it expects), looked up for an address
/// it holds and for one it does not, against a Dictionary of the same addresses. MemoryDiagnoser
/// has nothing to count here: the bytes are in the setup, 18 an address against the
/// dictionary's 28 (docs/performance.md, section 4).
/// </summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class AddressIndexBenchmark
{
    private const int Addresses = 1_000_000;
    private AddressIndex _index = null!;
    private Dictionary<NodeAddress, int> _dictionary = null!;
    private NodeAddress[] _held = null!, _absent = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _index = new AddressIndex(Addresses);
        _dictionary = new Dictionary<NodeAddress, int>(Addresses);
        _held = new NodeAddress[Addresses];
        for (int i = 0; i < Addresses; i++)
        {
            var a = new NodeAddress((10u << 24) + (uint)i + 1, 7000);
            _held[i] = a;
            _index.Add(a, i);
            _dictionary.Add(a, i);
        }
        var rng = new Rng(3);
        rng.Shuffle(_held.AsSpan());
        _absent = Enumerable.Range(0, 1 << 16).Select(i => new NodeAddress((11u << 24) + (uint)i, 7000)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int DictionaryHit() => _dictionary.TryGetValue(_held[Next(Addresses)], out int i) ? i : -1;

    [Benchmark]
    public int IndexHit() => _index.TryGet(_held[Next(Addresses)], out int i) ? i : -1;

    [Benchmark]
    public bool IndexMiss() => _index.Contains(_absent[Next(_absent.Length)]);

    private int Next(int length) => _next = _next + 1 == length ? 0 : _next + 1;
}

/// <summary>
/// A peer's neighbour table of seven (the table's 40-byte entries beside its address list): a
/// lookup by address (a pong, a gossip from a neighbour) and a link made and lost (an address
/// snapshot made each time).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class NeighbourTableBenchmark
{
    private NeighbourTable _table; // a struct held in place, as a peer holds it
    private readonly NodeAddress[] _neighbours = Enumerable.Range(1, 7).Select(i => new NodeAddress((10u << 24) + (uint)i, 7000)).ToArray();
    private readonly NodeAddress _newcomer = new((10u << 24) + 100, 7000);
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _table = new NeighbourTable();
        foreach (var a in _neighbours) _table.Add(a, 1, 1);
    }

    [Benchmark]
    public int IndexOf() => _table.IndexOf(_neighbours[_next = _next + 1 == _neighbours.Length ? 0 : _next + 1]);

    [Benchmark]
    public bool LinkMadeAndLost()
    {
        _table.Add(_newcomer, 1, 1);
        return _table.Remove(_newcomer);
    }
}
