using BenchmarkDotNet.Attributes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// What a seed holds of a million-peer join: its commit log taking a million adds (24 bytes an
/// operation with its proof's reference) and handing them all back as anti-entropy does, and its
/// peer list applying them (32-byte members, an address index at most two thirds full). The
/// allocated bytes are the per-peer cost of every seed (docs/performance.md, section 4).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class SeedMembershipBenchmark
{
    private const int Peers = 1_000_000;
    private static readonly CommitProof SharedProof = new(null, []);

    [Benchmark]
    public long CommitLogAddAndRead()
    {
        var log = new CommitLog();
        var proposer = new NodeAddress(0x0A000001, 7000);
        for (int i = 0; i < Peers; i++)
            log.Add(new CommittedOp(proposer, 1, i + 1, Add(i), SharedProof));
        return log.MissingFor([], int.MaxValue).ops.Length;
    }

    [Benchmark]
    public int PeerListApply()
    {
        var list = new PeerList(Peers);
        for (int i = 0; i < Peers; i++) list.Apply(Add(i));
        int live = 0;
        for (int i = 0; i < Peers; i += 7) live += list.IsLive(Address(i)) ? 1 : 0;
        return live;
    }

    private static MembershipOp Add(int i) => new(MembershipChange.Add, new PeerId(Address(i), 1));

    private static NodeAddress Address(int i) => new(0x0A010000u + (uint)i, 7000);
}
