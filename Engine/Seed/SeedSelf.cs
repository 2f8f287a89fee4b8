using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// What every part of a seed knows of the seed, fixed for its life: its tunables, the seed list,
/// its epoch and identity, and, once started, its node context. Nothing here changes after start,
/// so no part's state hides in it.
/// </summary>
internal sealed class SeedSelf(SeedConfig config, NodeAddress[] seeds, long epoch, ISeedIdentity identity)
{
    public readonly SeedConfig Config = config;
    /// <summary>Every configured seed, in address order; a seed's position in it is its vote's place.</summary>
    public readonly NodeAddress[] Seeds = seeds;
    public readonly long Epoch = epoch;
    public readonly ISeedIdentity Identity = identity;
    private NodeContext? _ctx;

    /// <summary>Every seed but this one, in address order (empty until started).</summary>
    public NodeAddress[] OtherSeeds { get; private set; } = Array.Empty<NodeAddress>();

    public NodeContext Ctx => _ctx ?? throw new InvalidOperationException("node not started");
    public NodeAddress Address => Ctx.Self;
    public LogId OwnLog => new(Address, Epoch);

    public void Started(NodeContext ctx)
    {
        _ctx = ctx;
        OtherSeeds = Seeds.Where(s => s != ctx.Self).ToArray();
    }

    public bool IsSeed(NodeAddress a) => Array.BinarySearch(Seeds, a) >= 0;

    /// <summary>
    /// The seeds' keys this seed knows, which its answers to peers vouch for (null when it knows none: the simulator). Made per
    /// answer: a seed may learn a key at any time, and a seed list is a handful of look-ups.
    /// </summary>
    public SeedKey[]? VouchedKeys()
    {
        List<SeedKey>? keys = null;
        foreach (var s in Seeds)
            if (Identity.KeyOf(s) is { } key) (keys ??= new List<SeedKey>(Seeds.Length)).Add(new SeedKey(s, key));
        return keys?.ToArray();
    }

    public void Log(string line) => Ctx.Log(line);
}
