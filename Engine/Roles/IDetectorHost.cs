using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>What the peer lends its failure detector, behind <see cref="DetectorContext"/> (the peer implements it; nothing else
/// does, so the JIT's guarded devirtualisation makes each call a direct one). Links are checked by the context.</summary>
internal interface IDetectorHost : IRoleHost
{
    string DetectorName { get; }
    object? DetectorState { get; set; }
    NeighbourHealth Health(int link);
    bool PingOutstanding(int link);
    void Ping(int link);
    ReadOnlySpan<NodeAddress> SampleOf(int link);
    NodeAddress[] DrawWitnesses(int link, int max);
    long AskWitnesses(int link, ReadOnlySpan<NodeAddress> witnesses, bool forVerdict);
    bool TryGetRound(long ask, out WitnessRound round);
    void EndRound(long ask);
    void Missed(int link, int inARow);
    void Suspect(int link, int witnesses);
    void SuspectAgain(int link);
    void NotConfirmed(int link);
    bool ClearSuspicion(int link, string why);
    void Report(int link, int agreeing, int asked);
    TimerId SetRoleTimer(TimeSpan after, long arg);
    void CancelRoleTimer(TimerId id);
}
