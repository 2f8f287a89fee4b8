using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>What the member sweep found of a member: nothing to do, or why it probes it.</summary>
public enum SweepFinding : byte
{
    Nothing,
    /// <summary>No link backs its degree (<see cref="DegreeBacking.Unbacked"/>).</summary>
    Unbacked,
    /// <summary>It reported or refreshed its certificate at this seed, then let it run out (<see cref="CertificateSilence"/>).</summary>
    Silent,
}
