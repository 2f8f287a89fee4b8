using GossipSim.Engine.Messages;
using GossipSim.Engine.Seed;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// The Sybil tests' common steps against an in-process network's seeds: which fakes every seed
/// admitted, and the admitted fakes claiming hub degrees that name each other as links (colluders
/// backing each other's claims), until every seed has taken the claims.
/// </summary>
public static class SybilStage
{
    /// <summary>The fakes that at least one seed lists as live members.</summary>
    public static async Task<List<ProbePeer>> AdmittedAsync(InProcessNetwork net, IReadOnlyList<ProbePeer> fakes)
    {
        var members = new HashSet<NodeAddress>();
        foreach (var seed in net.Seeds)
            members.UnionWith(await seed.InvokeAsync(n => fakes.Select(f => f.Address).Where(((SeedNode)n).Peers.IsLive).ToList()));
        return fakes.Where(f => members.Contains(f.Address)).ToList();
    }

    /// <summary>Each admitted fake claims <paramref name="degree"/> links naming 64 of the others; returns once every seed holds
    /// each claim above <paramref name="unendorsedLinks"/>.</summary>
    public static async Task ClaimHubDegreesAsync(InProcessNetwork net, IReadOnlyList<ProbePeer> fakes, IReadOnlyList<ProbePeer> admitted,
        int unendorsedLinks, TimeSpan patience, int degree = 5000)
    {
        var addresses = fakes.Select(f => f.Address).ToArray();
        foreach (var f in admitted)
        {
            var named = addresses.Where(a => a != f.Address).Take(64).ToArray();
            foreach (var s in net.SeedAddresses) f.Send(s, new DegreeUpdate(f.Incarnation, degree, 1, named));
        }
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var seed in net.Seeds)
                foreach (var f in admitted)
                    if (await seed.InvokeAsync(n => ((SeedNode)n).Peers.DegreeOf(f.Address)) <= unendorsedLinks) return false;
            return true;
        }, "every seed has the admitted fakes' claims", patience);
    }
}
