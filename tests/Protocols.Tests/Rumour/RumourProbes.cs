using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;
using GossipSim.Protocols.Rumour;

namespace GossipSim.Protocols.Tests.Rumour;

/// <summary>Rumour mongering as it is, watched: each peer's role found by its address, its timers' firing times, the most rumours
/// it held hot at once.</summary>
public class WatchedRumour(PeerConfig config) : RumourMongering(config)
{
    // Every role made since the last Reset, by peer (the simulator runs on one thread here).
    public static readonly Dictionary<NodeAddress, WatchedRumour> Of = [];
    public static void Reset() => Of.Clear();

    public readonly List<TimeSpan> TimerFires = [];
    public readonly List<(MessageId Id, long Incarnation)> Received = [];
    public TimeSpan? FirstHotAt;
    public int MostHot;

    public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
    {
        Of[peer.Self] = this;
        base.OnFirstReceipt(peer, copy);
        Received.Add((copy.Id, copy.Incarnation));
        FirstHotAt ??= peer.Now;
        MostHot = Math.Max(MostHot, HotCount);
    }

    public override void OnTimer(BroadcastContext peer, long arg)
    {
        if (arg == 0) TimerFires.Add(peer.Now);
        base.OnTimer(peer, arg);
    }
}

/// <summary>An insider: a rumour monger like the others that also sends "I had it already" about every rumour its victim holds
/// (<see cref="WatchedRumour"/>), a burst every half second, whether or not the victim ever pushed it the rumour.</summary>
public sealed class ForgingRumour(PeerConfig config) : RumourMongering(config)
{
    public static NodeAddress Victim;
    public static int Burst = 5;
    public static int Bursts = 4;
    public static ForgingRumour? Made;

    private const long ForgeTimer = -1;
    private bool _started;
    private int _bursts;
    public int Forged { get; private set; }

    public override void OnLinkUp(BroadcastContext peer, NodeAddress neighbour)
    {
        Made = this;
        if (_started) return;
        _started = true;
        peer.SetTimer(TimeSpan.FromSeconds(0.5), ForgeTimer);
    }

    public override void OnTimer(BroadcastContext peer, long arg)
    {
        if (arg != ForgeTimer)
        {
            base.OnTimer(peer, arg);
            return;
        }
        if (WatchedRumour.Of.TryGetValue(Victim, out var victim) && peer.IndexOf(Victim) >= 0 && victim.Received.Count > 0)
        {
            foreach (var (id, incarnation) in victim.Received)
                for (int i = 0; i < Burst; i++)
                {
                    peer.Send(Victim, new RumourFeedback(id, incarnation));
                    Forged++;
                }
            _bursts++;
        }
        if (_bursts < Bursts) peer.SetTimer(TimeSpan.FromSeconds(0.5), ForgeTimer);
    }
}

/// <summary>The probes on the broadcast menu (beside "rumour", whose settings they read), registered once a test process.</summary>
public static class RumourProbes
{
    public static readonly BroadcastProtocol Watched;
    public static readonly BroadcastProtocol Forging;

    static RumourProbes()
    {
        SampleProtocols.Register();
        Watched = BroadcastMenu.Register(new BroadcastChoice("rumour-watched", "rumour mongering, watched by the tests", c => new WatchedRumour(c)));
        Forging = BroadcastMenu.Register(new BroadcastChoice("rumour-forging", "rumour mongering by an insider that forges feedback",
            c => new ForgingRumour(c)));
    }

    /// <summary>A fast peer of the harness with broadcast <paramref name="broadcast"/>, counter k and a cycle.</summary>
    public static PeerConfig Peer(BroadcastProtocol broadcast, int k, double cycleSeconds = 1, int messages = 1, bool originates = true,
        bool resets = false) =>
        Engine.Tests.Support.SimHarness.FastPeer() with
        {
            Broadcast = broadcast,
            MessagesPerPeer = messages,
            Originates = originates,
            Settings = RoleSettings.None.With(RumourMongering.CounterField, k).With(RumourMongering.CycleField, cycleSeconds)
                .With(RumourMongering.CounterResetsField, resets ? 1 : 0),
        };
}
