namespace GossipSim.Scenarios.Definition;

/// <summary>
/// When each of a scenario's peers starts, in seconds from the run's start. The join rate is
/// (peers - 1) / <see cref="Scenario.JoinWindowSeconds"/>: without
/// <see cref="Scenario.JoinDoublingSeconds"/> the peers start evenly spread over that window;
/// with it, the network first grows as a real one does, from its first peer, doubling every
/// that many seconds (joins in proportion to the members already there), until its growth
/// reaches that rate, and then goes on at it.
/// </summary>
/// <remarks>
/// Preferential attachment needs each newcomer to see the links of the newcomers before it. A
/// seed learns of a link about a round trip and a relay after it is made, so the joins within
/// one such delay must be few next to the members already there. At a constant rate of 50,000
/// a second they are not at the start, when the network has a few hundred peers: the first
/// ten thousand attach almost uniformly and the degree distribution's tail is cut. Doubling
/// every d seconds, the joins of one delay are ln 2 × delay / d of the network throughout the
/// growth. See docs/analysis.md, "The overlay against Barabási–Albert".
/// </remarks>
public static class JoinSchedule
{
    /// <summary>Peer <paramref name="i"/>'s start (0 ≤ i &lt; peers), in seconds.</summary>
    public static double StartSeconds(Scenario s, int i)
    {
        if (s.Peers == 1 || i == 0) return 0;
        if (s.JoinDoublingSeconds is not { } d) return s.JoinWindowSeconds * i / (s.Peers - 1);
        double rate = (s.Peers - 1) / s.JoinWindowSeconds; // joins per second; infinite: all at once
        // Growing: (n + 1) ln 2 / d joins a second with n peers started, so n(t) = 2^(t/d) - 1,
        // up to the n at which that reaches the rate.
        double grown = Math.Max(0, rate * d / Math.Log(2) - 1);
        if (i <= grown) return d * Math.Log2(1 + i);
        return d * Math.Log2(1 + grown) + (i - grown) / rate;
    }

    /// <summary>When the joins are over: the window's end, or, growing first, when the last peer starts.</summary>
    public static double EndSeconds(Scenario s) => s.JoinDoublingSeconds == null ? s.JoinWindowSeconds : StartSeconds(s, s.Peers - 1);
}
