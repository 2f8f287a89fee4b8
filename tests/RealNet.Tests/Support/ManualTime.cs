namespace GossipSim.RealNet.Tests.Support;

/// <summary>A wall clock the test sets (timers still run on real time: only GetUtcNow is faked).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset UtcNow { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => UtcNow;
}
