using GossipSim.TestSupport;

// No namespace: NUnit runs this once before every test of the assembly.

/// <summary>The runs these tests start take the native node when a build published it (<see cref="NativeNodeBeside"/>).</summary>
[SetUpFixture]
public class NativeNodeSetUp
{
    [OneTimeSetUp]
    public void PlaceTheNativeNode() => NativeNodeBeside.Place();
}
