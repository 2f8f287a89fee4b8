using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>What a node's loop reacts to; <see cref="Messages"/>: received messages wait in the host's
/// <see cref="SenderQueues"/>.</summary>
internal enum NodeEventKind : byte { Messages, Timer, Invoke, Stop, SendFailed }

/// <summary>
/// What a node's loop reacts to. Timers and control calls write these into the node's channel,
/// socket readers only a wake-up for the messages they queued; the loop alone calls the node.
/// </summary>
internal readonly record struct NodeEvent(
    NodeEventKind Kind,
    long TimerId = 0,
    TimerTag Tag = default,
    Action? Action = null,
    bool SayGoodbye = false,
    NodeAddress To = default); // SendFailed: where the send went
