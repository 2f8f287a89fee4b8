using GossipSim.Engine.Config;
using GossipSim.Engine.Roles;

namespace MyLab;

/// <summary>
/// The "push-k" broadcast: a peer sends a message it has just received (or created) at once to k of its neighbours, picked at
/// random, and a moment later (pushKRestSeconds) to every neighbour the message has not crossed by then, either way. The eager
/// pushes spread it fast; by the time the rest are due, most neighbours have it already and are skipped, so it costs fewer
/// copies than the flood while every peer still gets every message.
/// <para>
/// Written only on GossipSim's public contract: a <see cref="BroadcastRole"/> decides who gets a message; the peer does
/// everything else (signatures, duplicates, delivery, the Message List). The role acts only through the
/// <see cref="BroadcastContext"/> it is handed: neighbours, sends, timers, the peer's own random stream. So the same code
/// runs on the simulator (same seed, same run) and on real nodes.
/// </para>
/// </summary>
public sealed class PushK : BroadcastRole
{
    /// <summary>The scenario field <c>"protocol": { "pushK": 2 }</c> and the node option <c>--push-k</c>: how many neighbours
    /// get a message at once.</summary>
    public static readonly (Tunable<PeerConfig> Tunable, double Default) K =
        PeerTunables.RoleSetting("pushK", "--push-k", defaultValue: 2, min: 1, whole: true,
            help: "push-k: neighbours a first receipt is sent to at once, picked at random");

    /// <summary><c>"protocol": { "pushKRestSeconds": 0.5 }</c>, <c>--push-k-rest</c>: when the other neighbours get it.</summary>
    public static readonly (Tunable<PeerConfig> Tunable, double Default) RestDelay =
        PeerTunables.RoleSetting("pushKRestSeconds", "--push-k-rest", defaultValue: 0.5, min: 0, whole: false,
            help: "push-k: after this, a message goes to every neighbour it has not crossed yet");

    /// <summary>What Program.cs registers: the name scenarios use (<c>"protocol": { "broadcast": "push-k" }</c>, or
    /// <c>--broadcast push-k</c>), a line of help, how each peer's role is made, and the settings.</summary>
    public static readonly BroadcastChoice Choice =
        new("push-k", "a first receipt to k random neighbours at once, the rest a moment later", _ => new PushK())
        {
            Settings = [K, RestDelay],
        };

    // One object per peer (the Choice makes a new one each time): the messages waiting for their timer, by the timer's number.
    private readonly Dictionary<long, GossipCopy> _waiting = new();
    private long _nextTimer;

    /// <summary>A message this peer created or received for the first time: k random neighbours now, the rest later.</summary>
    public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
    {
        int k = (int)peer.Config.Setting("pushK");
        var neighbours = peer.Neighbours;
        // Positions of every neighbour but the one it came from, shuffled with the peer's own random stream (never
        // System.Random: a seed must mean the same run everywhere).
        Span<int> links = neighbours.Length <= 256 ? stackalloc int[neighbours.Length] : new int[neighbours.Length];
        int n = 0;
        for (int i = 0; i < neighbours.Length; i++)
            if (i != copy.FromLink) links[n++] = i;
        peer.Random.Shuffle(links[..n]);
        for (int i = 0; i < Math.Min(k, n); i++)
        {
            peer.SendGossip(links[i], copy.Message);
            // Recorded, so that the rest (ClaimLinks, below) skips this link.
            peer.MarkCrossed(copy.Id, copy.Incarnation, links[i]);
        }
        long timer = _nextTimer++;
        _waiting[timer] = copy;
        peer.SetTimer(TimeSpan.FromSeconds(peer.Config.Setting("pushKRestSeconds")), timer);
    }

    /// <summary>The rest are due: every link the message has not crossed yet, either way (a neighbour that sent it to this
    /// peer meanwhile has it). Links made since the first receipt are among them.</summary>
    public override void OnTimer(BroadcastContext peer, long arg)
    {
        if (!_waiting.Remove(arg, out var copy)) return;
        Span<int> links = peer.Neighbours.Length <= 256 ? stackalloc int[peer.Neighbours.Length] : new int[peer.Neighbours.Length];
        int claimed = peer.ClaimLinks(copy, links);
        for (int i = 0; i < claimed; i++) peer.SendGossip(links[i], copy.Message);
    }

    /// <summary>The peer stops: say how many messages were still waiting (a role's own counts go to its log).</summary>
    public override void OnStop(BroadcastContext peer)
    {
        if (peer.LogEnabled && _waiting.Count > 0) peer.Log($"push-k: {_waiting.Count} messages still waiting for their rest");
    }
}
