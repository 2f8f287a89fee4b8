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
    /// <summary>How long a new seed runs before the change is given: its start, as an operator starts a machine and then votes it in.</summary>
    public const double NewSeedLeadSeconds = 1;

    /// <summary>When the seed set is first looked at after the change was given, and then every <see cref="LookEverySeconds"/>
    /// until no joint set is in force (both steps take about two proposal round trips; a partition may hold one up).</summary>
    public const double FirstLookSeconds = 10;
    public const double LookEverySeconds = 1;
    /// <summary>Looks before giving up: a change still joint this long after it was given is left as it is, and said.</summary>
    public const int MostLooks = 120;

    public void Apply(SeedSetFault f)
    {
        NodeRef? added = f.NewSeed is { } k ? NodeRef.Seed(k) : null;
        NodeRef? leaving = f.Change == SeedSetChangeKind.Add ? null : NodeRef.Seed(f.Index);
        if (added is not { } a)
        {
            Give(f, added, leaving);
            return;
        }
        runtime.StartNewSeed(a);
        runtime.Say($"started new seed {a.Index} {runtime.AddressOf(a)}: the seeds' vote brings it in");
        runtime.After(NewSeedLeadSeconds, () => Give(f, added, leaving));
    }

    private void Give(SeedSetFault f, NodeRef? added, NodeRef? leaving)
    {
        var change = f.Change switch
        {
            SeedSetChangeKind.Add => SeedSetChange.Add(runtime.SeedAddressOf(added!.Value)),
            SeedSetChangeKind.Remove => SeedSetChange.Remove(runtime.SeedAddressOf(leaving!.Value)),
            _ => SeedSetChange.Replace(runtime.SeedAddressOf(leaving!.Value), runtime.SeedAddressOf(added!.Value)),
        };
        var (via, refused) = runtime.ChangeSeedSet(change, leaving);
        runtime.Say(via is { } v ? $"seed-set change '{change}' given to seed {v.Index}" : $"seed-set change '{change}' not given: {refused}");
        runtime.After(FirstLookSeconds, () => Look(change, added, leaving, 1));
    }

    /// <summary>Once no joint set is in force, stops what the set in force left out.</summary>
    private void Look(SeedSetChange change, NodeRef? added, NodeRef? leaving, int looks)
    {
        var about = new[] { leaving, added }.OfType<NodeRef>().ToArray();
        var set = runtime.SeedSetInForce(about);
        if (set is { Joint: true } && looks < MostLooks)
        {
            runtime.After(LookEverySeconds, () => Look(change, added, leaving, looks + 1));
            return;
        }
        if (set is null || set.Joint)
        {
            runtime.Say($"seed-set change '{change}': {(set is null ? "no seed runs" : $"still joint at version {set.Version}")}; nothing stopped");
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
