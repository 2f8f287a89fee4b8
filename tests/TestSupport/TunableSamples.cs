using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>Values for tests that must differ from a tunable's default and still be valid.</summary>
public static class TunableSamples
{
    /// <summary>
    /// A valid value other than <paramref name="value"/>: a duration scaled by 0.7 plus 12.3 ms,
    /// to a tenth of a millisecond (every wait keeps its order, and the value has more decimals
    /// than a millisecond), a count one more, a flag the other way, a choice the next one.
    /// </summary>
    public static double OtherThan(Tunable t, double value) => t.Unit switch
    {
        TunableUnit.Seconds => Math.Round(value * 0.7 + 0.0123, 4),
        TunableUnit.Count => value + 1,
        TunableUnit.Choice => (value + 1) % t.Choices.Count,
        _ => 1 - value,
    };
}
