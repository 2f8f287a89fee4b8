namespace GossipSim.Analysis.PowerLaw;

/// <summary>The data cannot be fitted (empty, non-positive, all equal...); the message says why.</summary>
public sealed class PowerLawFitException : Exception
{
    public PowerLawFitException(string message) : base(message) { }
}
