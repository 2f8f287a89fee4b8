using GossipSim.Engine.Core;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Transport.Contract.Tests;

/// <summary>
/// The contract on the simulator: endpoints are <see cref="SimNetwork.Open"/>ed on one network per
/// test, and waiting means running virtual time (the network's events), never sleeping.
/// Each subclass is one setting of the network, with the flags that setting earns.
/// </summary>
public abstract class SimTransportContractTests : TransportContractTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private SimNetwork _network = null!;
    private uint _next;

    /// <summary>A network of this setting, seeded.</summary>
    protected abstract SimNetwork CreateNetwork();

    [SetUp]
    public void NewNetwork()
    {
        _network = CreateNetwork();
        _next = 0;
    }

    protected override ITransport CreateEndpoint() => _network.Open(new NodeAddress(0x0A000001u + _next++, 7000));

    protected override NodeAddress UnusedAddress() => NodeAddress.Parse("10.99.99.99:7000");

    protected override Task RunUntilAsync(Func<bool> condition, string what)
    {
        while (!condition() && _network.PendingEvents > 0) _network.RunUntil(_network.Now + Step);
        Assert.That(condition(), Is.True, $"{what}: the network ran out of events first");
        return Task.CompletedTask;
    }

    protected override Task SettleAsync(params ITransport[] endpoints)
    {
        while (_network.PendingEvents > 0) _network.RunUntil(_network.Now + Step);
        return Task.CompletedTask;
    }
}

/// <summary>Constant latency, nothing lost: the one simulated setting that keeps per-sender order.</summary>
[TestFixture]
public sealed class SimTransportContract_Clean : SimTransportContractTests
{
    protected override SimNetwork CreateNetwork() => new(1, new ConstantLatency(20), NullTraceSink.Instance);
}

/// <summary>Each message's delay drawn on its own (the simulator's usual setting): later messages may overtake earlier ones.</summary>
[TestFixture]
public sealed class SimTransportContract_Jitter : SimTransportContractTests
{
    protected override bool PreservesPerSenderOrder => false;
    protected override bool MayReorder => true;
    protected override SimNetwork CreateNetwork() => new(2, new UniformLatency(10, 50), NullTraceSink.Instance);
}

/// <summary>A third of the messages lost, constant latency: what arrives keeps its order.</summary>
[TestFixture]
public sealed class SimTransportContract_Lossy : SimTransportContractTests
{
    protected override bool MayDrop => true;
    protected override SimNetwork CreateNetwork() => new(3, new ConstantLatency(20), NullTraceSink.Instance) { LossRate = 0.3 };
}

/// <summary>Copies delivered twice and messages held back: nothing lost, but neither once nor in order.</summary>
[TestFixture]
public sealed class SimTransportContract_DuplicatingAndReordering : SimTransportContractTests
{
    protected override bool PreservesPerSenderOrder => false;
    protected override bool MayDuplicate => true;
    protected override bool MayReorder => true;
    protected override SimNetwork CreateNetwork() => new(4, new UniformLatency(10, 50), NullTraceSink.Instance) { DuplicationRate = 0.3, ReorderRate = 0.3 };
}
