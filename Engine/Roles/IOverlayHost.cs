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
    bool HasCertificate { get; }
    bool WasRemovedLately(NodeAddress a);
    NodeAddress AnsweringTo { get; }
    bool TakeOriginAnswer();
    void AskLink(NodeAddress target, NeighbourAsk? ask);
    void DropLink(NodeAddress neighbour, string? why);
    bool AskedSinceLists(NodeAddress a);
    bool Registering { get; }
    bool RequestPeers(bool again);
    int WantedLinks { get; set; }
    void Reattaching(bool newNeed);
    bool Linking { get; }
    bool RegisteredAgain { get; }
    IReadOnlyList<NodeAddress> ChooseByDegree(int count);
    IReadOnlyList<PeerListEntry> TakeCandidates();
    void SetOwnLink(int link);
    bool IsOwnLink(int link);
    void SendOverlayMessage(NodeAddress to, ProtocolMessage message);
    TimerId SetOverlayTimer(TimeSpan after, long arg);
    void CancelOverlayTimer(TimerId id);
    void Reject(string line);
}
