using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>The power-law fit's bootstrap: one stream per replicate, so replicates run in any order and on any thread.</summary>
public static class BootstrapStreams
{
    public static Rng Replicate(ulong seed, int replicate) => Rng.ForStream(seed, (ulong)replicate, 0xB0075);
}
