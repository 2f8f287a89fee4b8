using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// What every part of a seed knows of the seed, fixed for its life: its tunables, the seed list,
/// its name, epoch and identity, and, once started, its node context; and where the other seeds are now
/// (<see cref="SeedAddresses"/>), through which every send goes.
/// </summary>
internal sealed class SeedSelf(SeedConfig config, NodeAddress[] seeds, long epoch, ISeedIdentity identity, NodeAddress? name = null)
{
    public readonly SeedConfig Config = config;
    /// <summary>Every configured seed, in address order; a seed's position in it is its vote's place.</summary>
    public readonly NodeAddress[] Seeds = seeds;
    public readonly long Epoch = epoch;
    public readonly ISeedIdentity Identity = identity;
    private NodeContext? _ctx;

    /// <summary>The seeds of the set in force but this one, in address order (empty until started): where proposals, relays and
    /// anti-entropy go.</summary>
    public NodeAddress[] OtherSeeds { get; private set; } = Array.Empty<NodeAddress>();

    /// <summary>The seed set's versions this seed knows: version 0 is its seed list (<see cref="Seeds"/>).</summary>
    public SeedSetHistory Sets { get; private set; } = SeedSetHistory.Starting(seeds);

    /// <summary>The set in force here: whose majority decides.</summary>
    public SeedSet Set => Sets.Current;

    public NodeContext Ctx => _ctx ?? throw new InvalidOperationException("node not started");
    /// <summary>This seed's name: the address its line in the seed list gives, which its votes and log carry wherever it listens
    /// (<see cref="Listening"/>).</summary>
    public NodeAddress Address => name ?? Ctx.Self;
    /// <summary>Where this seed listens in this life: its name, or another address its key took it to.</summary>
    public NodeAddress Listening => Ctx.Self;
    public LogId OwnLog => new(Address, Epoch);

    /// <summary>The seed-set versions this seed learned since it started; null: none (its seed list decides).</summary>
    public SeedSetHistory? LearnedSets => Sets.Before == null ? null : Sets;

    /// <summary>A step of the seed set, checked: the set in force from now on.</summary>
    public void Learn(SeedSet next)
    {
        Sets = Sets.Then(next, _ctx?.Now ?? TimeSpan.Zero); // recovered from the store before the start: its time is unknown
        OtherSeeds = Set.Voters.Where(s => s != Address).ToArray();
    }

    /// <summary>Whether a proof was counted at a version of the seed set this seed has not learned yet.</summary>
    public bool Behind(CommitProof? proof) => proof is { SetVersion: var v } && v > Set.Version;

    /// <summary>Asks <paramref name="seed"/> for the seed set's steps after the version in force here: the one way a seed that is
    /// behind catches up, whatever showed it (a proposal, a commit, anti-entropy, its start as a seed a vote brings in).</summary>
    public void AskForSteps(NodeAddress seed) => Send(seed, new SeedSetStepRequest(Set.Version));

    /// <summary>Where each other seed is now, by name.</summary>
    public readonly SeedAddresses Moves = new();

    public void Started(NodeContext ctx)
    {
        _ctx = ctx;
        OtherSeeds = Set.Voters.Where(s => s != Address).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="a"/> speaks as a seed here: a seed of the set in force (before any change, of the seed list this seed
    /// started with), or a seed a change left out for <see cref="RetiredSeedGrace"/> after this seed took that change (what it sent
    /// while it voted, still on its way), and then no longer. A proof counted at an older version is still checked against that
    /// version's set (history that anti-entropy brings a seed that catches up), so seeds voted out that were a majority of an
    /// older set could otherwise prove new commits at that version for ever: two of three seeds an operator replaced removed a live
    /// peer at every seed of the new set that way (RetiredSeedsTests).
    /// </summary>
    public bool IsSeed(NodeAddress a)
    {
        if (Sets.Before == null) return Array.BinarySearch(Seeds, a) >= 0;
        if (Set.Counts(a)) return true;
        return Sets.LeftAt(a) is { } left && (_ctx == null || _ctx.Now - left <= RetiredSeedGrace);
    }

    /// <summary>Twice the proposal timeout: a vote or commit a seed sent just before the change that left it out arrives well
    /// within it.</summary>
    public TimeSpan RetiredSeedGrace => Config.ProposalTimeout * 2;

    /// <summary>Sends to a seed by its name (or to any other node), wherever it is now.</summary>
    public void Send(NodeAddress to, Message message) => Ctx.Send(Moves.Count == 0 ? to : Moves.AddressOf(to), message);

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
