using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>R7/R8 and healing: where a peer is in joining the overlay.</summary>
public enum JoinPhase : byte
{
    /// <summary>Asking seeds until a majority has accepted it (at start, and after the seeds removed it while alive).</summary>
    Registering,
    /// <summary>Registered; asking peers for its first links.</summary>
    Linking,
    /// <summary>Every link it wanted is answered; nothing is under way.</summary>
    Linked,
    /// <summary>It lost links (a neighbour removed, closed or restarted) and is asking for new ones.</summary>
    Reattaching,
}

public enum JoinEvent : byte
{
    /// <summary>A majority of seeds accepted the registration.</summary>
    Registered,
    /// <summary>Links are wanted: some were lost, or the peer is under-linked.</summary>
    LinksWanted,
    /// <summary>No link is wanted and no link request is out.</summary>
    LinksSettled,
    /// <summary>A seed says the seeds removed this peer: it registers again as a new incarnation.</summary>
    RemovedBySeeds,
}

/// <summary>Every change of a peer's join phase, in one table; any other event leaves it as it is.</summary>
public static class JoinPhaseRules
{
    public static JoinPhase Next(JoinPhase phase, JoinEvent e) => (phase, e) switch
    {
        (JoinPhase.Registering, JoinEvent.Registered) => JoinPhase.Linking,
        (JoinPhase.Linking or JoinPhase.Reattaching, JoinEvent.LinksSettled) => JoinPhase.Linked,
        (JoinPhase.Linked, JoinEvent.LinksWanted) => JoinPhase.Reattaching,
        (not JoinPhase.Registering, JoinEvent.RemovedBySeeds) => JoinPhase.Registering,
        _ => phase,
    };
}
