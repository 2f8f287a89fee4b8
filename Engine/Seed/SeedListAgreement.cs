using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

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
internal sealed class SeedListAgreement(SeedSelf self, OutsiderOutput output)
{
    private ulong _seedListDigest; // 0 until first needed
    private ulong OwnDigest => _seedListDigest != 0 ? _seedListDigest : _seedListDigest = SeedListDigest(self.Seeds);
    private bool ListNamesOnlyMe => self.Seeds.Length == 1;

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

    public void AnnounceSeedList()
    {
        foreach (var s in self.OtherSeeds) self.Send(s, new SeedListCheck(OwnDigest, self.Seeds.Length, IsAnswer: false));
    }

    public void OnSeedListCheck(NodeAddress from, SeedListCheck m)
    {
        var seeds = self.Seeds;
        bool listed = self.IsSeed(from);
        if (!listed && !ListNamesOnlyMe)
        {
            output.RejectLog($"refused a seed list check from {from}: it is not in my seed list");
            return;
        }
        if (!m.IsAnswer) self.Send(from, new SeedListCheck(OwnDigest, seeds.Length, IsAnswer: true));
        if (listed && m.Digest == OwnDigest) return;
        string mine = string.Join(", ", seeds.Select(s => s.ToString()));
        string problem = ListNamesOnlyMe
            ? $"my seed list names only me ({self.Address}), but {from} (with a list of {m.SeedCount} seeds) says it is a seed of mine: I "
            + $"would commit alone and diverge from it"
            : $"seed {from} runs with a different seed list ({m.SeedCount} seeds, digest {m.Digest:x16}) from mine ({seeds.Length} seeds, "
            + $"digest {OwnDigest:x16}: {mine})";
        if (!listed || !self.Identity.Vouched(from))
        {
            output.RejectLog($"error: {problem}; not stopping: its key is not pinned in my seed list, so its word cannot stop me (a "
                + $"squatter could say the same). " +
                      "Give every seed the same seed list file, with each seed's public key after its address");
            return;
        }
        self.Log($"error: {problem}");
        throw new NodeHaltException($"seed list disagreement: {problem}. Give every seed the same seed list file, then start them again.");
    }
}
