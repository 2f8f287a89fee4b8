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
    /// <summary>How long a fake waits for a seed's reply before it asks again, as a real peer's register timeout does.</summary>
    public static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until <paramref name="settled"/> holds, each fake asking again every <see cref="AskAgainAfter"/> each seed that
    /// <paramref name="unanswered"/> names for it, as a real registrant does when no answer comes: on a loaded machine (CI's test
    /// lanes side by side) a request can meet a seed's handshake pacing or lose its connection, and a request sent once or twice
    /// left 98 of 300 fakes without a reply for two minutes (a local CI). Returns how many requests were sent again.
    /// </summary>
    public static async Task<int> AskUntilAnsweredAsync(IReadOnlyList<ProbePeer> fakes, Func<ProbePeer, IEnumerable<NodeAddress>> unanswered,
        Func<Task<bool>> settled, string what, Func<Task<string>>? state, TimeSpan patience)
    {
        int again = 0;
        var asked = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () =>
        {
            if (await settled()) return true;
            if (asked.Elapsed < AskAgainAfter) return false;
            foreach (var f in fakes)
                foreach (var s in unanswered(f).ToList()) { f.Send(s, new RegisterRequest(f.Incarnation)); again++; }
            asked.Restart();
            return false;
        }, what, state == null ? null : async () => $"{await state()}; {again} requests sent again", patience);
        return again;
    }

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
