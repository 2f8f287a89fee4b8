using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// About how much memory a simulation needs at its peak, from the sizes measured on this
/// project's scale scenarios (docs/performance.md, section 4): a run too large for the machine is
/// said before it starts rather than discovered by the kernel's out-of-memory killer an hour in.
/// An estimate, not a limit: the run goes ahead.
/// </summary>
public static class SimMemory
{
    /// <summary>A peer at the run's peak with one or two messages in flight (sim-1m: 3.9-4.1 GiB for 10⁶ peers).</summary>
    public const long BytesPerPeer = 4_200;
    /// <summary>Each message a peer keeps in its Message List until its time to live ends (sim-100k: 100 messages, about 20 KB a peer).</summary>
    public const long BytesPerPeerMessage = 160;
    /// <summary>The runtime, the code and the analysis at the end, whatever the size.</summary>
    public const long FixedBytes = 300L << 20;
    /// <summary>
    /// A peer's live bytes at their most, what a heap ceiling must hold (<see cref="HeapCeiling"/>): 1.99 KB at 2·10⁵ peers before
    /// the messages (the walk in docs/performance.md, section 4), and the messages' entries; the peak above is this and the
    /// collector's headroom.
    /// </summary>
    public const long LiveBytesPerPeer = 2_200;
    /// <summary>Each message a peer keeps, live (about half of <see cref="BytesPerPeerMessage"/>, which counts the headroom).</summary>
    public const long LiveBytesPerPeerMessage = 80;

    /// <summary>Peak bytes for a run of this many peers and messages in all.</summary>
    public static long Estimate(long peers, long messages) => Bytes(peers, messages, BytesPerPeer, BytesPerPeerMessage);

    /// <summary>Live bytes at the run's fullest, for a run of this many peers and messages in all.</summary>
    public static long EstimateLive(long peers, long messages) => Bytes(peers, messages, LiveBytesPerPeer, LiveBytesPerPeerMessage);

    /// <summary>The fixed bytes, and each peer's with the messages beyond the first two it keeps.</summary>
    private static long Bytes(long peers, long messages, long perPeer, long perMessage) =>
        FixedBytes + peers * (perPeer + perMessage * Math.Max(0, messages - 2));

    /// <summary>
    /// One line when the run will likely not fit (null otherwise): without a heap ceiling, its
    /// peak against what the process may use; under one, its live bytes against the ceiling, and
    /// the ceiling against what the process may use.
    /// </summary>
    public static string? Warning(long peers, long messages, long? ceiling, long available)
    {
        if (ceiling is not { } limit) return Warning(Estimate(peers, messages), available);
        long live = EstimateLive(peers, messages);
        if (live > limit)
            return $"memory: a run this size holds about {Gib(live)} GiB live at its fullest (docs/performance.md, section 4) and its heap "
                + $"ceiling is {HeapCeiling.Gib(limit)} GiB: it will likely run out of memory; raise maxHeapGiB (or --max-heap), or run fewer peers or messages";
        return limit > available
            ? $"memory: the heap ceiling of {HeapCeiling.Gib(limit)} GiB is more than this process may use ({Gib(available)} GiB): the machine, not the "
                + "ceiling, will bound the run"
            : null;
    }

    /// <summary>The messages a scenario creates in all: its origins (every peer when "all") times each one's messages.</summary>
    public static long MessagesOf(Scenario s) => ScenarioConfig.OriginCount(s) * (long)ScenarioConfig.PeerConfigOf(s).MessagesPerPeer;

    /// <summary>One line when the estimate is more than this process may use (null otherwise).</summary>
    public static string? Warning(long estimate, long available) =>
        estimate <= available ? null
        : $"memory: a run this size needs about {Gib(estimate)} GiB at its peak (docs/performance.md, section 4) and this process may "
            + $"use {Gib(available)} GiB: it will likely run out of memory; run fewer peers or messages, or on a larger machine";

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
