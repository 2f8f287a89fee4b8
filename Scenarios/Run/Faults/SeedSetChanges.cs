using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run.Faults;

/// <summary>
/// Carries out a scenario's seed-set change as an operator does (issue 56, 2): starts the new seed, gives the change to a seed of
/// the set in force once the new seed runs, and when the seeds have ended the change (no joint set in force), stops the seed it
/// left out: the removed one, or the new one when the vote failed. Both steps of the vote are the seeds' own; this only asks and
/// looks, so a crash or a partition the schedule throws at a change in progress meets the seeds' rules, not a script.
/// </summary>
public sealed class SeedSetChanges(IFaultRuntime runtime)
{
    /// <summary>How long a new seed runs before the change is given: its start, as an operator starts a machine and then votes it in.
    /// Counted from the change's planned time (<see cref="IFaultRuntime.AfterPlanned"/>): on containers under CI's lanes a new seed
    /// took 38 s to start, the faults planned after the add (a crash, a replace, a removal) all came first, and the add, refused while
    /// the removal was joint, never reached the set before the end.</summary>
    public const double NewSeedLeadSeconds = 1;

    /// <summary>When the seed set is first looked at after the change was given, and then every <see cref="LookEverySeconds"/>
    /// until no joint set is in force (both steps take about two proposal round trips; a partition may hold one up).</summary>
    public const double FirstLookSeconds = 10;
    public const double LookEverySeconds = 1;
    /// <summary>Looks before giving up: a change still joint this long after it was given is left as it is, and said.</summary>
    public const int MostLooks = 120;
    /// <summary>Times a change is given in all when the seeds did not make it: another change overtook it (the set moved on without
    /// it), or its vote failed (voted down, or timed out behind a stall), as an operator gives it again.</summary>
    public const int MostGivings = 3;

    public void Apply(SeedSetFault f)
    {
        NodeRef? added = f.NewSeed is { } k ? NodeRef.Seed(k) : null;
        NodeRef? leaving = f.Change == SeedSetChangeKind.Add ? null : NodeRef.Seed(f.Index);
        if (added is not { } a)
        {
            Give(f, added, leaving, 1);
            return;
        }
        runtime.StartNewSeed(a);
        runtime.Say($"started new seed {a.Index} {runtime.AddressOf(a)}: the seeds' vote brings it in");
        runtime.AfterPlanned(NewSeedLeadSeconds, () => Give(f, added, leaving, 1));
    }

    private void Give(SeedSetFault f, NodeRef? added, NodeRef? leaving, int giving)
    {
        var change = f.Change switch
        {
            SeedSetChangeKind.Add => SeedSetChange.Add(runtime.SeedAddressOf(added!.Value)),
            SeedSetChangeKind.Remove => SeedSetChange.Remove(runtime.SeedAddressOf(leaving!.Value)),
            _ => SeedSetChange.Replace(runtime.SeedAddressOf(leaving!.Value), runtime.SeedAddressOf(added!.Value)),
        };
        var about = About(added, leaving);
        long? givenAt = runtime.SeedSetInForce(about)?.Version;
        var (via, refused) = runtime.ChangeSeedSet(change, leaving);
        runtime.Say(via is { } v ? $"seed-set change '{change}' given to seed {v.Index}" : $"seed-set change '{change}' not given: {refused}");
        runtime.After(FirstLookSeconds, () => Look(f, change, added, leaving, 1, giving, givenAt));
    }

    private static NodeRef[] About(NodeRef? added, NodeRef? leaving) => new[] { leaving, added }.OfType<NodeRef>().ToArray();

    /// <summary>Whether the set in force shows the change made: its new seed counted, the seed it leaves out not.</summary>
    private static bool Made(SeedSetChangeKind kind, SeedSetView set) => kind switch
    {
        SeedSetChangeKind.Add => set.Counts[0],
        SeedSetChangeKind.Remove => !set.Counts[0],
        _ => !set.Counts[0] && set.Counts[1],
    };

    /// <summary>Once no joint set is in force, stops what the set in force left out; a change another overtook is given again.</summary>
    private void Look(SeedSetFault f, SeedSetChange change, NodeRef? added, NodeRef? leaving, int looks, int giving, long? givenAt)
    {
        var about = About(added, leaving);
        var set = runtime.SeedSetInForce(about);
        if (set is { Joint: true } && looks < MostLooks)
        {
            runtime.After(LookEverySeconds, () => Look(f, change, added, leaving, looks + 1, giving, givenAt));
            return;
        }
        if (set is null || set.Joint)
        {
            runtime.Say($"seed-set change '{change}': {(set is null ? "no seed runs" : $"still joint at version {set.Version}")}; nothing stopped");
            return;
        }
        // Another change took the versions this one was proposed for (a seed that proposed it, then crashed, left a promise the
        // next proposer honoured by proposing that change: SeedSetRules.Adopts): an operator gives it again at the new version.
        // A change the seeds did not make while the set stayed where it was is given again too: a proposal can time out with its
        // yes votes still queued behind a stall (a local CI: three yes votes sent 1.8 s late, read after the proposer's timeout,
        // "only 1 of the seeds voted yes"), and an operator asks again.
        if (!Made(change.Kind, set) && givenAt is { } at && giving < MostGivings)
        {
            runtime.Say(set.Version > at
                ? $"seed-set change '{change}': another change took the set to version {set.Version} first; giving it again"
                : $"seed-set change '{change}': not made, the set still at version {set.Version}; giving it again");
            Give(f, added, leaving, giving + 1);
            return;
        }
        runtime.Say($"seed-set change '{change}': the seeds hold version {set.Version}");
        for (int i = 0; i < about.Length; i++)
        {
            var s = about[i];
            if (set.Counts[i] || runtime.StateOf(s) != NodeState.Running) continue;
            bool failed = s == added;
            // A new seed the vote did not take holds no members: it stops now. One voted out still answers its members'
            // refreshes with the new set's version, so they move to the new seeds before it stops.
            runtime.Say($"seed {s.Index} {runtime.AddressOf(s)} is not in the seed set in force"
                + (failed ? " (the change did not pass): stopping it" : $": stopping it in {runtime.SeedDrainSeconds} s, once its members moved"));
            runtime.After(failed ? 0 : runtime.SeedDrainSeconds, () =>
            {
                if (runtime.StateOf(s) != NodeState.Running) return;
                runtime.StopSeed(s);
                runtime.Say($"stopped seed {s.Index} {runtime.AddressOf(s)}");
            });
        }
    }
}
