using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Seeds agree on the seed list, or stop: each seed tells every other seed the digest of its
/// list when it starts and answers the checks it receives. A check with another digest from a
/// seed of its own list whose key the operator vouched for (pinned, <see cref="ISeedIdentity.Vouched"/>)
/// stops it: the majority would be counted over different sets, and the seeds would diverge
/// silently. Nobody else can stop a seed: a check from an unpinned seed (its key learned on first
/// use, which a squatter may have been first to prove), from an address outside the list, or
/// sent to a seed whose list names only itself, is an error line (throttled) and is refused.
/// </summary>
public sealed partial class SeedNode
{
    private ulong _seedListDigest; // 0 until first needed
    private ulong OwnDigest => _seedListDigest != 0 ? _seedListDigest : _seedListDigest = SeedListDigest(_seeds);
    private bool ListNamesOnlyMe => _seeds.Length == 1;

    /// <summary>FNV-1a over the sorted addresses: the same list gives the same digest in any order and on any host.</summary>
    public static ulong SeedListDigest(IReadOnlyList<NodeAddress> sortedSeeds)
    {
        ulong h = 14695981039346656037UL;
        foreach (var s in sortedSeeds)
            for (int b = 0; b < 6; b++)
            {
                h ^= (s.Key >> (8 * b)) & 0xFF;
                h *= 1099511628211UL;
            }
        return h;
    }

    private void AnnounceSeedList()
    {
        foreach (var s in _otherSeeds) Ctx.Send(s, new SeedListCheck(OwnDigest, _seeds.Length, IsAnswer: false));
    }

    private void OnSeedListCheck(NodeAddress from, SeedListCheck m)
    {
        bool listed = IsSeed(from);
        if (!listed && !ListNamesOnlyMe)
        {
            RejectLog($"refused a seed list check from {from}: it is not in my seed list");
            return;
        }
        if (!m.IsAnswer) Ctx.Send(from, new SeedListCheck(OwnDigest, _seeds.Length, IsAnswer: true));
        if (listed && m.Digest == OwnDigest) return;
        string mine = string.Join(", ", _seeds.Select(s => s.ToString()));
        string problem = ListNamesOnlyMe
            ? $"my seed list names only me ({Address}), but {from} (with a list of {m.SeedCount} seeds) says it is a seed of mine: I would commit alone and diverge from it"
            : $"seed {from} runs with a different seed list ({m.SeedCount} seeds, digest {m.Digest:x16}) from mine ({_seeds.Length} seeds, digest {OwnDigest:x16}: {mine})";
        if (!listed || !_identity.Vouched(from))
        {
            RejectLog($"error: {problem}; not stopping: its key is not pinned in my seed list, so its word cannot stop me (a squatter could say the same). " +
                      "Give every seed the same seed list file, with each seed's public key after its address");
            return;
        }
        Log($"error: {problem}");
        throw new NodeHaltException($"seed list disagreement: {problem}. Give every seed the same seed list file, then start them again.");
    }
}
