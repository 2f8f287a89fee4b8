using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Soak;

/// <summary>What the owed-delivery fold found: messages it held peers to, the deliveries owed and made, and the first one missed.</summary>
public sealed record OwedResult(int Messages, long Owed, long Delivered, string? FirstMissed)
{
    public bool AllDelivered => Owed == Delivered;
}

/// <summary>
/// "Every message owed delivered", over the whole soak and not only after a heal: a message created at time c is owed to every
/// peer other than its origin that, in one life, had registered and held a link at c and stayed up until c + <see cref="Window"/>,
/// provided the origin itself stayed up for <see cref="OriginGrace"/> after c (a peer killed as it creates a message may take it
/// along) and c + <see cref="Window"/> is before the run's end. Crashes, restarts, joins and leaves only shrink whom a message is
/// owed to; they excuse no delivery to a peer that was there throughout.
/// </summary>
public sealed class OwedDeliveries
{
    /// <summary>Time a message has to reach everyone owed it: dozens of flooding or tree rounds on loopback, and a re-link after a lost
    /// neighbour (the demo timings' link timeout and reattach retry are a second each).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan OriginGrace = TimeSpan.FromSeconds(2);

    private sealed class Life
    {
        public TimeSpan Start, End = TimeSpan.MaxValue, LinkedFrom = TimeSpan.MaxValue;
        public int Degree;
        public bool Registered;
    }

    private readonly Dictionary<NodeAddress, List<Life>> _lives = new();
    private readonly List<(MessageId Id, long Created, NodeAddress Origin)> _created = new();
    private readonly HashSet<(MessageId, long, NodeAddress)> _delivered = new();
    private TimeSpan _end = TimeSpan.MaxValue;

    private Life? Current(NodeAddress node) => _lives.TryGetValue(node, out var l) && l[^1].End == TimeSpan.MaxValue ? l[^1] : null;

    /// <summary>Events in time order (the merged trace).</summary>
    public void Write(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.NodeStarted when e.Detail == "peer":
                if (Current(e.Node) is { } open) open.End = e.Time;
                if (!_lives.TryGetValue(e.Node, out var lives)) _lives[e.Node] = lives = new List<Life>();
                lives.Add(new Life { Start = e.Time });
                break;
            case TraceKind.CrashInjected or TraceKind.NodeStopped:
                if (Current(e.Node) is { } ending) ending.End = e.Time;
                break;
            case TraceKind.Registered:
                if (Current(e.Node) is { } registered)
                {
                    registered.Registered = true;
                    Member(registered, e.Time);
                }
                break;
            case TraceKind.LinkUp:
                if (Current(e.Node) is { } up)
                {
                    up.Degree++;
                    Member(up, e.Time);
                }
                break;
            case TraceKind.LinkDown:
                if (Current(e.Node) is { } down) down.Degree = Math.Max(0, down.Degree - 1);
                break;
            case TraceKind.GossipCreated:
                _created.Add((e.Message, e.Time.Ticks, e.Node));
                break;
            case TraceKind.GossipDelivered:
                _delivered.Add((e.Message, e.B, e.Node));
                break;
            case TraceKind.RunEnded:
                _end = e.Time;
                break;
        }
    }

    /// <summary>A life is a member from the first moment it has both registered and a link.</summary>
    private static void Member(Life life, TimeSpan at)
    {
        if (life.Registered && life.Degree > 0 && life.LinkedFrom == TimeSpan.MaxValue) life.LinkedFrom = at;
    }

    public OwedResult Result()
    {
        int messages = 0;
        long owed = 0, delivered = 0;
        string? first = null;
        foreach (var (id, createdTicks, origin) in _created)
        {
            var created = TimeSpan.FromTicks(createdTicks);
            if (created + Window > _end) continue;
            if (!UpThrough(origin, created, created + OriginGrace, needLinked: false)) continue;
            messages++;
            foreach (var peer in _lives.Keys)
            {
                if (peer == origin || !UpThrough(peer, created, created + Window, needLinked: true)) continue;
                owed++;
                if (_delivered.Contains((id, createdTicks, peer))) delivered++;
                else first ??= $"message {id} created at {created.TotalSeconds:F3} s (Unix) by {origin} never reached {peer}, up and "
                    + $"linked from before it to {Window.TotalSeconds:0} s after";
            }
        }
        return new OwedResult(messages, owed, delivered, first);
    }

    /// <summary>One life of the node spans [from, to]; with needLinked, it had registered and linked by from.</summary>
    private bool UpThrough(NodeAddress node, TimeSpan from, TimeSpan to, bool needLinked) =>
        _lives.TryGetValue(node, out var lives) && lives.Any(l => l.Start <= from && l.End >= to
            && (!needLinked || l.LinkedFrom <= from));
}
