using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>What a node does with a seed's word on its address (<see cref="SeedMoved"/>).</summary>
public enum SeedMoveVerdict : byte
{
    /// <summary>Taken: the seed is now sent to at the new address, and what comes from there is the seed's.</summary>
    Taken,
    /// <summary>The same word again (a seed announces to each seed, and each seed passes it on): nothing changes.</summary>
    AlreadyKnown,
    /// <summary>Refused: an older life's word than one taken (a replay), or another address for the same life.</summary>
    Stale,
    /// <summary>Refused: it names no seed of the list.</summary>
    NotASeed,
    /// <summary>Refused: it is not signed by the key pinned for that seed (a wrong key, or a seed pinned by no key: an address without
    /// a key proves nothing).</summary>
    NotSigned,
    /// <summary>Refused: the address is another seed's.</summary>
    AnotherSeedsAddress,
}

/// <summary>The decision on a seed's word on its address, as a pure function (<see cref="SeedAddresses.Take(SeedMoved, Func{NodeAddress, bool}, Func{SeedMoved, bool})"/> applies it).</summary>
public static class SeedMoveRules
{
    /// <param name="listed">Whether the word names a seed of the list.</param>
    /// <param name="signed">Whether its signature verifies under the key pinned for that seed.</param>
    /// <param name="known">The last word taken for that seed (null: none, the seed is where the list says).</param>
    /// <param name="otherSeedsAddress">Whether its address is another seed's (its name, or where that one is now).</param>
    public static SeedMoveVerdict Judge(bool listed, bool signed, (NodeAddress At, long Sequence)? known, NodeAddress at, long sequence,
        bool otherSeedsAddress)
    {
        if (!listed) return SeedMoveVerdict.NotASeed;
        if (!signed) return SeedMoveVerdict.NotSigned;
        if (otherSeedsAddress) return SeedMoveVerdict.AnotherSeedsAddress;
        if (known is { } k)
        {
            if (sequence == k.Sequence && at == k.At) return SeedMoveVerdict.AlreadyKnown;
            if (sequence <= k.Sequence) return SeedMoveVerdict.Stale;
        }
        return SeedMoveVerdict.Taken;
    }

    /// <summary>
    /// Whether a starting seed tells the others where it is: always when it is not at its listed address; at its listed address
    /// only where keys are proven (real nodes), so that a seed that comes home after a move is taken back there. The simulator,
    /// which proves no keys, announces only a move, so its runs without moves send what they always sent.
    /// </summary>
    public static bool Announces(bool atListedAddress, bool provesKeys) => !atListedAddress || provesKeys;

    /// <summary>Why a word was refused, as a seed's and a peer's logs say it.</summary>
    public static string Why(SeedMoveVerdict verdict) => verdict switch
    {
        SeedMoveVerdict.Stale => "a newer word of that seed was taken (an old one replayed)",
        SeedMoveVerdict.NotASeed => "it is not in my seed list",
        SeedMoveVerdict.NotSigned => "it is not signed by the key pinned for that seed",
        SeedMoveVerdict.AnotherSeedsAddress => "that address is another seed's",
        _ => verdict.ToString(),
    };
}

/// <summary>
/// Where each seed is now, by its name (the address its line in the seed list gives: with its pinned key, the seed's identity,
/// which never changes). Empty until a seed's signed word moves it: then sends to the seed go to its new address, and what comes
/// from that address is the seed's. The majority is counted over names, never over addresses. One per node, used from its loop.
/// </summary>
public sealed class SeedAddresses
{
    private readonly Dictionary<NodeAddress, SeedMoved> _words = new(); // by seed name: the last word taken
    private readonly Dictionary<NodeAddress, NodeAddress> _names = new(); // where a moved seed is now -> its name

    /// <summary>Words taken, at most one per seed.</summary>
    public int Count => _words.Count;

    /// <summary>The last word taken from each seed, to pass on.</summary>
    public IEnumerable<SeedMoved> Words => _words.Values;

    /// <summary>Where <paramref name="seed"/> is now: its last word's address, or its name.</summary>
    public NodeAddress AddressOf(NodeAddress seed) => _words.TryGetValue(seed, out var w) ? w.At : seed;

    /// <summary>The seed now at <paramref name="address"/> (its name), or the address itself.</summary>
    public NodeAddress NameOf(NodeAddress address) => _names.TryGetValue(address, out var name) ? name : address;

    /// <param name="isSeed">Whether an address is a seed's name.</param>
    /// <param name="signed">Whether the word's signature verifies under the key pinned for the seed it names.</param>
    public SeedMoveVerdict Take(SeedMoved word, Func<NodeAddress, bool> isSeed, bool signed) => Take(word, isSeed, _ => signed);

    /// <param name="verify">Whether the word's signature verifies under the key pinned for the seed it names: asked only of a word
    /// naming a seed of the list that is newer than the last taken. One that would change nothing (the word taken, again; an older
    /// life's) is judged on its life alone, with no signature check: a member hears every moved seed's word at each refresh.</param>
    public SeedMoveVerdict Take(SeedMoved word, Func<NodeAddress, bool> isSeed, Func<SeedMoved, bool> verify)
    {
        bool listed = isSeed(word.Seed);
        (NodeAddress, long)? known = _words.TryGetValue(word.Seed, out var last) ? (last.At, last.Sequence) : null;
        bool changesNothing = known is { } k && word.Sequence <= k.Item2;
        bool signed = listed && (changesNothing || verify(word));
        bool others = word.At != word.Seed
            && (isSeed(word.At) || (_names.TryGetValue(word.At, out var holder) && holder != word.Seed));
        var verdict = SeedMoveRules.Judge(listed, signed, known, word.At, word.Sequence, others);
        if (verdict != SeedMoveVerdict.Taken) return verdict;
        if (known != null) _names.Remove(last!.At);
        _words[word.Seed] = word;
        if (word.At != word.Seed) _names[word.At] = word.Seed;
        return verdict;
    }
}
