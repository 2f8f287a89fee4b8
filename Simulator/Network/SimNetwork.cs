using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Partitions;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Threads;
using GossipSim.Simulator.World;

namespace GossipSim.Simulator.Network;

/// <summary>
/// The deterministic discrete-event network (virtual clock, latency, loss, partitions, crash and
/// restart), a pure function of its inputs: the trace is byte for byte the same for any number of
/// threads or ranks. Nodes are split into partitions (<see cref="SimPartition"/>) that run windows no
/// wider than the smallest link delay alone; control events run between windows on the caller's
/// thread; draws come from each node's own streams, ties break by maker (<see cref="EventKey"/>). On mpirun
/// ranks (<see cref="IRankExchange"/>) each owns some partitions (<see cref="RankShare"/>) and trades mail after
/// each window (<see cref="WindowMail"/>). Partitions see only <see cref="NodeTable"/>, <see cref="LinkConditions"/>, <see cref="RunOutput"/>.
/// </summary>
public sealed partial class SimNetwork
{
    private readonly ulong _seed;
    private readonly NodeTable _table = new();
    private readonly LinkConditions _links;
    private readonly RunOutput _output;
    private readonly SimPartition[] _parts;
    private readonly SimPartition[] _local; // the partitions this process runs: all of them, but on ranks
    private readonly PartitionOutput[] _localOutputs;
    private readonly IRankExchange? _ranks; // null: one process
    private readonly RankShare _share;
    private readonly WindowMail? _mail;
    private readonly RankedNodes? _ranked;
    private readonly ParallelRunner? _runner;

    /// <summary>
    /// Partitions a window is cut into for each thread it runs on. One: cut finer, the partitions
    /// even out a window's work, but at a million peers most messages then cross partitions through
    /// the outboxes, costing more CPU and memory than the balance gave back (docs/performance.md).
    /// The outcome does not depend on it.
    /// </summary>
    public const int PartitionsPerThread = 1;

    /// <param name="threads">Threads a window runs on: 1 runs everything on the caller's thread. More need a latency model with a smallest
    /// delay above zero (the window's width); otherwise the network runs on one thread and <see cref="OneThreadReason"/> says why.</param>
    /// <param name="runner">How the runtime runs the partitions of a window side by side on <paramref name="threads"/> threads (Engine owns
    /// no threads); needed with more than one thread.</param>
    /// <param name="partitions">Partitions the nodes are split into (default: <see cref="PartitionsPerThread"/> a thread, one with one
    /// thread).</param>
    /// <param name="ranks">The ranks of an mpirun this process is one of (each owns a share of the partitions; threads are then each
    /// rank's); null or a single rank: one process runs everything.</param>
    public SimNetwork(ulong seed, LatencyModel latency, ITraceSink trace, int threads = 1,
        ParallelRunner? runner = null, int? partitions = null, IRankExchange? ranks = null)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        if (threads > 1 && runner == null)
            throw new ArgumentException("more than one thread needs a runner to run partitions side by side", nameof(runner));
        if (partitions < 1) throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "at least one partition");
        _seed = seed;
        _links = new LinkConditions(seed, latency);
        _output = new RunOutput(trace);
        if (ranks is { Ranks: > 1 })
        {
            if (_links.Latency.MinTicks <= 0)
                throw new RankExchangeException($"the latency model ({_links.Latency.Describe()}) can delay a message by 0 ms, so ranks "
                    + "would have no time window to run side by side in: run on one process, or with a latency model whose smallest "
                    + "delay is above 0 ms");
            _ranks = ranks;
        }
        if ((threads > 1 || partitions > 1) && _links.Latency.MinTicks <= 0)
        {
            OneThreadReason = $"the latency model ({_links.Latency.Describe()}) can delay a message by 0 ms, so time windows "
                + $"between threads would be empty";
            threads = 1;
            partitions = 1;
        }
        Threads = threads;
        int rankCount = _ranks?.Ranks ?? 1;
        int count = partitions ?? (threads == 1 && rankCount == 1 ? 1 : threads * PartitionsPerThread * rankCount);
        _share = RankShare.Of(rankCount, count);
        _parts = new SimPartition[count];
        Action<int> start = i => StartNode(i, restarted: false);
        for (int p = 0; p < count; p++) _parts[p] = new SimPartition(_table, _links, _output, start, p, _parts) { IsLocal = IsLocal(p) };
        _local = _parts.Where(p => p.IsLocal).ToArray();
        _localOutputs = _local.Select(p => p.Output).ToArray();
        if (_ranks != null)
        {
            foreach (var p in _local) p.Output.Holding = true;
            _mail = new WindowMail(_table, _output, _ranks, _share, _parts, _local);
            _ranked = new RankedNodes(_table, _ranks, i => IsLocal(PartitionOf(i)));
        }
        _load = new WindowLoad(_local.Length, threads);
        _runner = runner;
    }

    /// <summary>On ranks: where this rank's time between the windows went (null on one process).</summary>
    public ExchangeTimes? RankTimes => _mail?.Times;

    /// <summary>Whether this process runs the partition (always, but on ranks).</summary>
    private bool IsLocal(int partition) => _ranks == null || _share.OwnerOf(partition) == _ranks.Rank;

    private int PartitionOf(int index) => SimPartition.Of(index, _parts.Length);

    /// <summary>The ranks this network runs on (1: one process).</summary>
    public int Ranks => _share.Ranks;

    /// <summary>Threads the network's windows run on.</summary>
    public int Threads { get; }
    /// <summary>Partitions the nodes are split into (node i in partition i modulo this).</summary>
    public int Partitions => _parts.Length;
    /// <summary>Why the network runs on one thread though more were asked for; null otherwise.</summary>
    public string? OneThreadReason { get; }

    public LatencyModel Latency { get => _links.Latency; set => _links.Latency = value; }
    public ITraceSink TraceSink => _output.Trace;
    /// <summary>Probability that any one message is lost.</summary>
    public double LossRate { get => _links.LossRate; set => _links.LossRate = value; }
    /// <summary>Probability that a message is delivered twice (each copy with its own delay).</summary>
    public double DuplicationRate { get => _links.DuplicationRate; set => _links.DuplicationRate = value; }
    /// <summary>Probability that a message is held back by up to <see cref="ReorderMaxDelay"/>, so later ones overtake it.</summary>
    public double ReorderRate { get => _links.ReorderRate; set => _links.ReorderRate = value; }
    public TimeSpan ReorderMaxDelay { get => _links.ReorderMaxDelay; set => _links.ReorderMaxDelay = value; }
    /// <summary>Latency spike: every delay is multiplied by this and <see cref="ExtraLatency"/> added.</summary>
    public double LatencyFactor { get => _links.LatencyFactor; set => _links.LatencyFactor = value; }
    public TimeSpan ExtraLatency { get => _links.ExtraLatency; set => _links.ExtraLatency = value; }
    /// <summary>Whether nodes build their high-volume output lines (see <see cref="INodeLog.Detailed"/>).</summary>
    public bool DetailedLogs { get => _output.DetailedLogs; set => _output.DetailedLogs = value; }
    /// <summary>Which node's human output is kept (null: none). Asked once per node life, when the node starts.</summary>
    public Func<int, NodeLog?> LogProvider { get => _output.LogProvider; set => _output.LogProvider = value; }
}
