using System.Net;

namespace GossipSim.RealNet.Endpoints;

/// <summary>
/// Who gets in to an HTTP endpoint: each accepted connection asks <see cref="TryAdmit"/>, which
/// applies <see cref="EndpointLimits"/> (<see cref="Decide"/>, a pure function) and, to make room,
/// closes an older connection that is still waiting for its request, the way the gossip port
/// closes one still waiting for its hello. Thread-safe.
/// </summary>
public sealed class ConnectionGate
{
    private readonly object _lock = new();
    private readonly List<Admission> _held = new();
    private long _sequence, _refused, _closedForRoom;

    public ConnectionGate(EndpointLimits limits)
    {
        limits.Validate();
        Limits = limits;
    }

    public EndpointLimits Limits { get; }

    /// <summary>Connections closed at once because every place was taken by one being answered.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections still waiting for their request, closed to make room for a new one.</summary>
    public long ClosedForRoom => Interlocked.Read(ref _closedForRoom);

    public int Count
    {
        get { lock (_lock) return _held.Count; }
    }

    /// <summary>
    /// Admits a connection from <paramref name="source"/> (null when the socket no longer knows its
    /// peer): its <see cref="Admission"/>, to dispose when the connection ends; or null, and the
    /// caller closes it. <paramref name="close"/> is called (once, on this thread or another) if the
    /// connection is later closed to make room: it must end the connection.
    /// </summary>
    public Admission? TryAdmit(IPAddress? source, Action close)
    {
        source ??= IPAddress.None;
        if (source.IsIPv4MappedToIPv6) source = source.MapToIPv4();
        Admission? victim = null, admitted = null;
        lock (_lock)
        {
            var (verdict, index) = Decide(_held.Select(h => new HeldConnection(h.Source, h.IsAnswering)).ToList(), source, Limits);
            if (verdict == Verdict.CloseOneToAdmit)
            {
                victim = _held[index];
                _held.RemoveAt(index);
            }
            if (verdict != Verdict.Refuse)
            {
                admitted = new Admission(this, source, Interlocked.Increment(ref _sequence), close);
                _held.Add(admitted);
            }
        }
        if (admitted == null) Interlocked.Increment(ref _refused);
        if (victim != null)
        {
            Interlocked.Increment(ref _closedForRoom);
            victim.Close();
        }
        return admitted;
    }

    internal void Release(Admission a)
    {
        lock (_lock) _held.Remove(a);
    }

    /// <summary>One connection as <see cref="Decide"/> sees it, oldest first in its list.</summary>
    public readonly record struct HeldConnection(IPAddress Source, bool Answering);

    public enum Verdict { Admit, CloseOneToAdmit, Refuse }

    /// <summary>
    /// The rule, given the connections held (oldest first) and a new one's source: over its
    /// source's limit, the source's oldest connection still waiting for its request makes room;
    /// over the limit in all, the oldest such connection of any source; with none waiting, the
    /// new connection is refused. A source therefore never holds more than its share, and one
    /// that only holds connections open loses them to anyone who asks.
    /// </summary>
    public static (Verdict Verdict, int Close) Decide(IReadOnlyList<HeldConnection> held, IPAddress source, EndpointLimits limits)
    {
        int fromSource = 0;
        foreach (var h in held) if (h.Source.Equals(source)) fromSource++;
        bool sourceFull = fromSource >= limits.MaxConnectionsPerSource;
        if (!sourceFull && held.Count < limits.MaxConnections) return (Verdict.Admit, -1);
        for (int i = 0; i < held.Count; i++)
            if (!held[i].Answering && (!sourceFull || held[i].Source.Equals(source))) return (Verdict.CloseOneToAdmit, i);
        return (Verdict.Refuse, -1);
    }
}

/// <summary>A connection's place at a <see cref="ConnectionGate"/>; dispose it when the connection ends.</summary>
public sealed class Admission : IDisposable
{
    private readonly ConnectionGate _gate;
    private readonly Action _close;
    private int _answering, _closed;

    internal Admission(ConnectionGate gate, IPAddress source, long sequence, Action close)
    {
        _gate = gate;
        Source = source;
        Sequence = sequence;
        _close = close;
    }

    public IPAddress Source { get; }
    public long Sequence { get; }

    /// <summary>Whether its request has arrived and is being answered: such a connection is not closed to make room.</summary>
    public bool IsAnswering => Volatile.Read(ref _answering) == 1;

    public void Answering() => Volatile.Write(ref _answering, 1);

    /// <summary>Its answer is out: until its next request it is waiting again.</summary>
    public void Waiting() => Volatile.Write(ref _answering, 0);

    internal void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) _close();
    }

    public void Dispose() => _gate.Release(this);
}
