using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>What a <see cref="NodeHost"/> gives its node besides the transport.</summary>
public sealed record NodeHostOptions
{
    /// <summary>The node's own random stream (seeded from --seed, or from the clock).</summary>
    public required Rng Random { get; init; }

    /// <summary>Where trace events go; written from the node's loop only.</summary>
    public ITraceSink Trace { get; init; } = NullTraceSink.Instance;

    /// <summary>The human output (R13); null: the node logs nothing.</summary>
    public NodeLog? Log { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where a one-object JSON status is rewritten every <see cref="StatusInterval"/>; null: no status file.</summary>
    public string? StatusPath { get; init; }

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Received messages waiting for the loop; beyond this (or <see cref="MaxQueuedBytes"/>) the
    /// sender holding the most loses its oldest, or the new message if that is its own (best
    /// effort, bounded memory, and one sender cannot crowd out the others).
    /// </summary>
    public int MaxQueuedMessages { get; init; } = 100_000;

    /// <summary>
    /// Received messages of one sender waiting for the loop; beyond this its new ones are dropped.
    /// The loop takes one message per sender in turn, so this bounds the wait of a sender's own
    /// messages, not anyone else's; an honest neighbour has a few waiting at most.
    /// </summary>
    public int MaxQueuedMessagesPerSender { get; init; } = 4096;

    /// <summary>
    /// Wire bytes of the received messages waiting for the loop (each counted at least 64), bounded
    /// as <see cref="MaxQueuedMessages"/>, so a flood of large frames cannot outgrow memory while the loop is busy.
    /// </summary>
    public long MaxQueuedBytes { get; init; } = 64L << 20;
}
