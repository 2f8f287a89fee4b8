namespace GossipSim.Analysis.PowerLaw;

public sealed record PowerLawFitOptions
{
    /// <summary>Synthetic data sets for the goodness-of-fit p-value; 0 skips the test (P is NaN). Clauset et al. suggest ≥ 1000 for p to
    /// ±0.01.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>Master seed of the bootstrap: replicate i draws from its own stream (seed, i), so p does not depend on thread
    /// count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads for the bootstrap; ≤ 0 means one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 0;

    /// <summary>Fix xmin instead of searching for it (the bootstrap then keeps it fixed too).</summary>
    public long? Xmin { get; init; }

    /// <summary>Smallest tail an xmin candidate may leave. 2 tries every candidate, as poweRlaw and powerlaw do.</summary>
    public long MinTail { get; init; } = 2;

    /// <summary>Told the number of finished bootstrap replicates, from worker threads.</summary>
    public IProgress<int>? Progress { get; init; }
}
