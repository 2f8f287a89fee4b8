using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// The registrants a seed holds a place for on their host besides its live members (<see cref="HostLimit"/>): those it is
/// dialling back, those whose add it proposed while that vote is open, and those whose add it voted yes on for another seed
/// (a reservation). Each registrant counts once however many of these hold it, so the limit counts addresses, not votes.
/// </summary>
/// <remarks>
/// A seed's yes vote is one of the majority an add needs; counting the place each yes promised, a seed promises no more
/// places than the host has left, so two adds for a host's last place cannot both pass. A voter is not told when another
/// seed's proposal fails, so a reservation runs out one proposal timeout after the vote (by then its proposer has committed or
/// given up), or ends when the add's commit is applied here (the registrant is then a live member). Only registrants with a
/// hold are kept; run-out reservations are let go at the next count, in the order they were made (all last as long).
/// </remarks>
public sealed class HeldRegistrations
{
    private struct Hold
    {
        public bool Dialling;
        public int OwnAdds;              // this seed's open add proposals for it
        public TimeSpan ReservedUntil;   // zero: no reservation
        public readonly bool Empty => !Dialling && OwnAdds == 0 && ReservedUntil == TimeSpan.Zero;
    }

    private readonly Dictionary<NodeAddress, Hold> _holds = new();
    private readonly Queue<(NodeAddress Registrant, TimeSpan Until)> _reservations = new();
    private readonly HostCounts _counts = new();

    /// <summary>Registrants held: what this costs is about this many entries.</summary>
    public int Registrants => _holds.Count;

    public bool Holds(NodeAddress registrant) => _holds.ContainsKey(registrant);

    /// <summary>Registrants held on <paramref name="ip"/>, and in its /24.</summary>
    public (int OnIp, int InPrefix) OnHost(uint ip) => (_counts.OnIp(ip), _counts.InPrefix(ip));

    public void DialStarted(NodeAddress registrant)
    {
        var h = Get(registrant, out bool held);
        h.Dialling = true;
        Put(registrant, held, h);
    }

    public void DialEnded(NodeAddress registrant)
    {
        var h = Get(registrant, out bool held);
        h.Dialling = false;
        Put(registrant, held, h);
    }

    public void AddProposed(NodeAddress registrant)
    {
        var h = Get(registrant, out bool held);
        h.OwnAdds++;
        Put(registrant, held, h);
    }

    public void AddClosed(NodeAddress registrant)
    {
        var h = Get(registrant, out bool held);
        h.OwnAdds = Math.Max(0, h.OwnAdds - 1);
        Put(registrant, held, h);
    }

    /// <summary>This seed voted yes on another seed's add of <paramref name="registrant"/>: its place is held until
    /// <paramref name="until"/> (a later vote on it holds it longer).</summary>
    public void Reserve(NodeAddress registrant, TimeSpan until)
    {
        var h = Get(registrant, out bool held);
        if (until > h.ReservedUntil) h.ReservedUntil = until;
        Put(registrant, held, h);
        _reservations.Enqueue((registrant, until));
    }

    /// <summary>Its add was applied here: a live member now, counted as one, so nothing holds it any more (a dial-back, an add
    /// of this seed's still open for it, a reservation): counted as live and held it would count twice, and a host filled to its
    /// limit in a burst (a simulated /24 joining within milliseconds) would refuse its last registrants.</summary>
    public void Joined(NodeAddress registrant)
    {
        if (_holds.Remove(registrant)) _counts.Remove(registrant.Ip);
    }

    /// <summary>Lets go of the reservations whose time has come.</summary>
    public void RunOut(TimeSpan now)
    {
        while (_reservations.TryPeek(out var r) && r.Until <= now)
        {
            _reservations.Dequeue();
            EndReservation(r.Registrant, r.Until);
        }
    }

    /// <param name="until">Only the reservation that runs until then (null: any): a later vote's is left alone.</param>
    private void EndReservation(NodeAddress registrant, TimeSpan? until)
    {
        if (!_holds.TryGetValue(registrant, out var h) || h.ReservedUntil == TimeSpan.Zero) return;
        if (until is { } u && h.ReservedUntil != u) return;
        h.ReservedUntil = TimeSpan.Zero;
        Put(registrant, true, h);
    }

    private Hold Get(NodeAddress registrant, out bool held) => (held = _holds.TryGetValue(registrant, out var h)) ? h : default;

    private void Put(NodeAddress registrant, bool held, Hold h)
    {
        if (h.Empty)
        {
            if (held && _holds.Remove(registrant)) _counts.Remove(registrant.Ip);
            return;
        }
        _holds[registrant] = h;
        if (!held) _counts.Add(registrant.Ip);
    }
}
