using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Barabási–Albert growth: a clique of m + 1 nodes, then each new node links to m distinct
/// existing nodes chosen with probability proportional to degree. The degree distribution's
/// tail tends to p(k) ~ k^-3, the theory check for the fit.
/// </summary>
public static class BarabasiAlbert
{
    public static long[] Degrees(int nodes, int m, Rng rng)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "m must be ≥ 1");
        if (nodes < m + 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "need at least m + 1 nodes");
        var degree = new long[nodes];
        // Every edge end once: a uniform pick from this list is a pick proportional to degree.
        var ends = new int[2 * ((long)m * (m + 1) / 2 + (long)(nodes - m - 1) * m)];
        int used = 0;
        for (int a = 0; a <= m; a++)
        {
            for (int b = a + 1; b <= m; b++)
            {
                ends[used++] = a;
                ends[used++] = b;
                degree[a]++;
                degree[b]++;
            }
        }
        var chosen = new int[m];
        for (int v = m + 1; v < nodes; v++)
        {
            int pickedCount = 0;
            while (pickedCount < m)
            {
                int target = ends[rng.NextInt(used)];
                if (Array.IndexOf(chosen, target, 0, pickedCount) < 0) chosen[pickedCount++] = target;
            }
            for (int i = 0; i < m; i++)
            {
                ends[used++] = v;
                ends[used++] = chosen[i];
                degree[v]++;
                degree[chosen[i]]++;
            }
        }
        return degree;
    }
}
