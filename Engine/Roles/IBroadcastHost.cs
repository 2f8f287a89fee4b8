using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>What the peer lends its broadcast, behind <see cref="BroadcastContext"/> (the peer implements it; nothing else does, so the
/// JIT's guarded devirtualisation makes each call a direct one).</summary>
internal interface IBroadcastHost : IRoleHost
{
    string BroadcastName { get; }
    bool LinkMark(int link);
    void SetLinkMark(int link, bool mark);
    int ClaimLinks(in GossipCopy copy, Span<int> links);
    void MarkCrossed(MessageId id, long incarnation, int link);
    bool HasReceived(MessageId id, long incarnation);
    void SendGossip(int link, Messages.Gossip message);
    TimerId SetRoleTimer(TimeSpan after, long arg);
    void CancelRoleTimer(TimerId id);
    void Reject(string line);
}
