using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>What the peer lends a registered overlay, behind <see cref="OverlayContext"/> (the peer implements it; nothing else does).</summary>
internal interface IOverlayHost : IRoleHost
{
    string OverlayName { get; }
    object? OverlayState { get; set; }
    int PendingLinks { get; }
    bool IsPendingLink(NodeAddress a);
    bool Registering { get; }
    bool WasRemovedLately(NodeAddress a);
    NodeAddress AnsweringTo { get; }
    void AskLink(NodeAddress target);
    void DropLink(NodeAddress neighbour);
    bool RequestPeers();
    void SendOverlayMessage(NodeAddress to, ProtocolMessage message);
    TimerId SetOverlayTimer(TimeSpan after, long arg);
    void CancelOverlayTimer(TimerId id);
    void Reject(string line);
}
