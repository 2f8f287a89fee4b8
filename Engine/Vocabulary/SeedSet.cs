namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// The seeds whose majority decides, at one version of the seed set. Version 0 is the seed list a
/// node starts with; each later version is a step of a change the seeds voted (<see cref="Membership.SeedSetRules"/>).
/// Stable: one set. Joint (Raft's joint consensus, Ongaro and Ousterhout 2014, section 6): the set being
/// brought in (<see cref="Seeds"/>) and the one it replaces (<see cref="Leaving"/>), and a decision needs a
/// majority of each, so no moment exists where a majority of the old set and one of the new can decide
/// apart. Both arrays are sorted and never changed after construction.
/// </summary>
public sealed class SeedSet
{
    public SeedSet(long version, NodeAddress[] seeds, NodeAddress[]? leaving = null)
    {
        if (seeds.Length == 0) throw new ArgumentException("a seed set names at least one seed", nameof(seeds));
        Version = version;
        Seeds = Sorted(seeds);
        Leaving = leaving is { Length: > 0 } ? Sorted(leaving) : [];
    }

    /// <summary>The seed list a node is started with: version 0, stable.</summary>
    public static SeedSet Configured(IEnumerable<NodeAddress> seeds) => new(0, seeds.ToArray());

    public long Version { get; }
    /// <summary>The set in force once the change ends (while joint: the one being brought in).</summary>
    public NodeAddress[] Seeds { get; }
    /// <summary>While joint, the set being replaced; empty when stable.</summary>
    public NodeAddress[] Leaving { get; }

    public bool IsJoint => Leaving.Length > 0;

    /// <summary>Every seed whose vote counts at this version (both sets while joint), sorted: who is asked.</summary>
    public NodeAddress[] Voters => IsJoint ? Sorted(Seeds.Union(Leaving).ToArray()) : Seeds;

    /// <summary>Whether the seed's vote counts at this version.</summary>
    public bool Counts(NodeAddress seed) => Array.BinarySearch(Seeds, seed) >= 0 || Array.BinarySearch(Leaving, seed) >= 0;

    /// <summary>Whether these yes voters decide at this version: a majority of the set, and while joint of the leaving set too.
    /// A voter outside both sets, or named twice, counts once or not at all.</summary>
    public bool Decides(IEnumerable<NodeAddress> yes)
    {
        var distinct = yes.Distinct().ToArray();
        return Quorum.Reached(CountIn(Seeds, distinct), Seeds.Length)
            && (!IsJoint || Quorum.Reached(CountIn(Leaving, distinct), Leaving.Length));
    }

    /// <summary>
    /// The yes votes of the side that came nearest to missing its majority, and that side's size: the set's own count when stable,
    /// and while joint the set or the leaving set, whichever had fewer votes to spare. A decision's trace reports it, so a check
    /// that asks "floor(n/2)+1 of n" holds for a joint decision too (a count over both sets together would not: 2 of 3 and 2 of 3
    /// can be 2 of 4).
    /// </summary>
    public (int For, int Of) TightestMajority(IEnumerable<NodeAddress> yes)
    {
        var distinct = yes.Distinct().ToArray();
        int inSeeds = CountIn(Seeds, distinct);
        if (!IsJoint) return (inSeeds, Seeds.Length);
        int inLeaving = CountIn(Leaving, distinct);
        return inLeaving - Quorum.Of(Leaving.Length) < inSeeds - Quorum.Of(Seeds.Length)
            ? (inLeaving, Leaving.Length) : (inSeeds, Seeds.Length);
    }

    /// <summary>Whether these no voters (or silent seeds) leave no way to decide at this version.</summary>
    public bool CannotDecide(IEnumerable<NodeAddress> no)
    {
        var distinct = no.Distinct().ToArray();
        return Quorum.Impossible(CountIn(Seeds, distinct), Seeds.Length)
            || (IsJoint && Quorum.Impossible(CountIn(Leaving, distinct), Leaving.Length));
    }

    /// <summary>Same version, same sets.</summary>
    public bool SameAs(SeedSet other) =>
        Version == other.Version && Seeds.AsSpan().SequenceEqual(other.Seeds) && Leaving.AsSpan().SequenceEqual(other.Leaving);

    public override string ToString() =>
        IsJoint ? $"version {Version}: [{string.Join(", ", Seeds)}] joint with [{string.Join(", ", Leaving)}]"
            : $"version {Version}: [{string.Join(", ", Seeds)}]";

    private static int CountIn(NodeAddress[] set, NodeAddress[] voters) => voters.Count(v => Array.BinarySearch(set, v) >= 0);

    private static NodeAddress[] Sorted(NodeAddress[] seeds)
    {
        var sorted = seeds.Distinct().ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}

public enum SeedSetChangeKind : byte { Add = 1, Remove = 2, Replace = 3 }

/// <summary>
/// An operator's change of the seed set: add a seed (its address and key), remove one, or replace one
/// (<paramref name="Replaced"/>) with another. The key is pinned by the vote: every yes signs it, so a
/// node learns the new seed's key from the seeds' majority, never from whoever answers at its address.
/// </summary>
public readonly record struct SeedSetChange(SeedSetChangeKind Kind, NodeAddress Seed, NodeKey? Key = null,
    NodeAddress Replaced = default)
{
    public static SeedSetChange Add(NodeAddress seed, NodeKey? key = null) => new(SeedSetChangeKind.Add, seed, key);
    public static SeedSetChange Remove(NodeAddress seed) => new(SeedSetChangeKind.Remove, seed);
    public static SeedSetChange Replace(NodeAddress old, NodeAddress seed, NodeKey? key = null) =>
        new(SeedSetChangeKind.Replace, seed, key, old);

    public override string ToString() => Kind switch
    {
        SeedSetChangeKind.Add => $"add {Seed}",
        SeedSetChangeKind.Remove => $"remove {Seed}",
        _ => $"replace {Replaced} with {Seed}",
    };
}
