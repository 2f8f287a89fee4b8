using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// A scenario's seed-set change on real nodes (issue 56, 2), as an operator makes it: a new seed started with --joining, the change
/// signed with the run's operator key at the version the chosen seed holds and handed to it in its state directory (the file the
/// <c>seed-set</c> command writes, <see cref="SeedSetRequestFile"/>), the set in force read from the seeds' <c>seedset.state</c>;
/// the launcher says how its seeds' state directories are reached (<see cref="INodeLauncher.SeedStates"/>).
/// </summary>
public sealed partial class RealOrchestrator
{
    private ISeedStates? _seedStates;
    private ISeedStates SeedStates => _seedStates ??= _launcher.SeedStates(_nodesDir);

    public void StartNewSeed(NodeRef seed)
    {
        if (seed.Index != _seeds.Count)
            throw new InvalidOperationException($"new seed {seed.Index} started out of order: {_seeds.Count} seeds so far");
        var slot = new Slot(seed);
        _seeds.Add(slot);
        PinnedSeeds.KeyOf(_nodesDir, seed); // made before it starts: the change pins it
        slot.Life = _launcher.Start(seed, null, originates: false);
        slot.Life.WaitReady(TimeSpan.FromSeconds(60));
    }

    public NodeAddress SeedAddressOf(NodeRef seed) =>
        seed.Index < _launcher.SeedSetAddresses.Count ? _launcher.SeedSetAddresses[seed.Index] : SlotOf(seed).Life!.Address;

    /// <summary>The set a seed holds, as its state says (its seed list's before any step).</summary>
    private SeedSet HeldBy(NodeRef seed) => SeedStates.HeldBy(seed) ?? SeedSet.Configured(_launcher.SeedSetAddresses);

    public SeedSetView? SeedSetInForce(IReadOnlyList<NodeRef> about)
    {
        SeedSet? newest = null;
        foreach (var slot in _seeds.Where(x => State(x) == NodeState.Running))
            if (TryHeldBy(slot.Node) is { } held && (newest == null || held.Version > newest.Version)) newest = held;
        return newest is null ? null : new SeedSetView(newest.Version, newest.IsJoint, about.Select(a => newest.Counts(SeedAddressOf(a))).ToArray());
    }

    /// <summary>As <see cref="HeldBy"/>, or null when its file is being replaced as it is read (the next look sees it whole).</summary>
    private SeedSet? TryHeldBy(NodeRef seed)
    {
        try
        {
            return HeldBy(seed);
        }
        catch (Exception e) when (e is CommitLogCorruptException or IOException)
        {
            return null;
        }
    }

    public (NodeRef? Via, string? Refused) ChangeSeedSet(SeedSetChange change, NodeRef? notVia)
    {
        // A seed brought in is pinned by its key, which the launcher made before starting it.
        if (change.Kind != SeedSetChangeKind.Remove && change.Key == null)
        {
            var added = _seeds.FirstOrDefault(x => SeedAddressOf(x.Node) == change.Seed)
                ?? throw new InvalidOperationException($"no seed of this run listens at {change.Seed}");
            change = change with { Key = PinnedSeeds.KeyOf(_nodesDir, added.Node) };
        }
        // The first running seed (by index) that counts in the set it holds: the one an operator's console would reach.
        foreach (var slot in _seeds)
        {
            var via = slot.Node;
            if (via == notVia || State(slot) != NodeState.Running || TryHeldBy(via) is not { } held || !held.Counts(SeedAddressOf(via)))
                continue;
            return Hand(via, change, held.Version) is { } refused ? (null, $"seed {via.Index} refused it: {refused}") : (via, null);
        }
        return (null, "no running seed of the set in force");
    }

    /// <summary>Signs the change at <paramref name="version"/> with the run's operator key and hands it to the seed: null once it
    /// proposed it, otherwise why not.</summary>
    private string? Hand(NodeRef seed, SeedSetChange change, long version)
    {
        byte[] approval;
        using (var key = NodeIdentity.LoadOrCreate(PinnedSeeds.OperatorKeyPath(_nodesDir), out _, out _))
            approval = OperatorApproval.Sign(key, change, version);
        SeedSetRequestFile.Answer answer;
        try
        {
            answer = SeedStates.Hand(seed,
                new SeedSetRequestFile.Request(change.Kind, change.Seed, change.Key?.ToBase64(), change.Replaced, version, approval));
        }
        catch (IOException e)
        {
            return $"the change could not be handed to it: {e.Message}"; // its state directory, or the engine that holds it, failed
        }
        return answer.Taken ? answer.Refusal : $"it did not take the change within {SeedSetRequestFile.AnswerPatience.TotalSeconds:0} s";
    }

    /// <summary>Two of the peers' membership refreshes: a voted-out seed's members move to the new seeds at their refresh.</summary>
    public double SeedDrainSeconds => 2 * ScenarioConfig.PeerConfigOf(_s).MembershipRefresh.TotalSeconds;

    public void StopSeed(NodeRef seed)
    {
        var slot = SlotOf(seed);
        slot.Life!.BeginStop();
        slot.Left = true;
    }
}
