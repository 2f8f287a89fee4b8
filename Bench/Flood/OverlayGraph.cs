using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator;

namespace GossipSim.Bench.Flood;

/// <summary>
/// An undirected overlay as compressed sparse rows: node i's neighbours are
/// <c>Neighbours[Offsets[i] .. Offsets[i+1])</c>. Two int arrays, whatever the size: a million
/// peers with three links each is 24 MB of neighbours.
/// </summary>
public sealed class OverlayGraph
{
    public int Nodes { get; }
    public int[] Offsets { get; }
    public int[] Neighbours { get; }
    public long Links => Neighbours.LongLength / 2;

    private OverlayGraph(int nodes, int[] offsets, int[] neighbours)
    {
        Nodes = nodes;
        Offsets = offsets;
        Neighbours = neighbours;
    }

    public int Degree(int node) => Offsets[node + 1] - Offsets[node];

    /// <summary>
    /// Barabasi-Albert growth: start from a clique of m+1 nodes; each later node links to m
    /// distinct earlier nodes drawn in proportion to degree (uniform draws from the list of
    /// every edge end, which holds each node once per link). That list, two ends a link, is
    /// also the edge list the rows are built from: the build's only scratch array.
    /// </summary>
    public static OverlayGraph BarabasiAlbert(int nodes, int m, Rng rng)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), "at least one link per newcomer");
        if (nodes < m + 1) throw new ArgumentOutOfRangeException(nameof(nodes), $"at least {m + 1} nodes for {m} links each");
        long edgeCount = (long)m * (m + 1) / 2 + (long)(nodes - m - 1) * m;
        var ends = new int[edgeCount * 2];
        long e = 0;
        for (int i = 0; i <= m; i++)
            for (int j = 0; j < i; j++)
            {
                ends[2 * e] = i; ends[2 * e + 1] = j;
                e++;
            }
        Span<int> chosen = stackalloc int[m];
        for (int v = m + 1; v < nodes; v++)
        {
            long endsSoFar = 2 * e;
            int picked = 0;
            while (picked < m)
            {
                int target = ends[(long)rng.NextUInt64((ulong)endsSoFar)];
                if (chosen[..picked].Contains(target)) continue;
                chosen[picked++] = target;
            }
            for (int k = 0; k < m; k++)
            {
                ends[2 * e] = v; ends[2 * e + 1] = chosen[k];
                e++;
            }
        }
        return FromEnds(nodes, ends);
    }

    /// <summary>The rows of the links <c>(ends[2i], ends[2i+1])</c>; each node's neighbours in the order its links come.</summary>
    private static OverlayGraph FromEnds(int nodes, int[] ends)
    {
        var offsets = new int[nodes + 1];
        for (long i = 0; i < ends.LongLength; i++) offsets[ends[i] + 1]++;
        for (int i = 0; i < nodes; i++) offsets[i + 1] += offsets[i];
        var fill = offsets[..nodes];
        var neighbours = new int[ends.LongLength];
        // A link's older end is a random node (most often a hub): its row's cursor and the row are fetched ahead, the cursor twice
        // as far ahead as the row, whose place is read from it. The newcomer's end runs in order.
        const int RowAhead = 16, CursorAhead = 2 * RowAhead;
        long last = ends.LongLength - 2;
        for (long i = 0; i < ends.LongLength; i += 2)
        {
            if (i + 2 * CursorAhead <= last) Prefetch.Element(fill, ends[i + 2 * CursorAhead + 1]);
            if (i + 2 * RowAhead <= last) Prefetch.Element(neighbours, fill[ends[i + 2 * RowAhead + 1]]);
            int a = ends[i], b = ends[i + 1];
            neighbours[fill[a]++] = b;
            neighbours[fill[b]++] = a;
        }
        return new OverlayGraph(nodes, offsets, neighbours);
    }
}
