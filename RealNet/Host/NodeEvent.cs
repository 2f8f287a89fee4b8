using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.RealNet.Host;

internal enum NodeEventKind : byte { Message, Timer, Invoke, Stop }

/// <summary>
/// What a node's loop reacts to. Socket readers, timers and control calls only write these into
/// the node's channel; the loop alone calls the node.
/// </summary>
internal readonly record struct NodeEvent(
    NodeEventKind Kind,
    NodeAddress From = default,
    Message? Message = null,
    long TimerId = 0,
    TimerTag Tag = default,
    Action? Action = null,
    bool SayGoodbye = false,
    int Bytes = 0);
