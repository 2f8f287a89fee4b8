using System.Text;
using System.Text.Json;
using GossipSim.Engine.Trace;

namespace GossipSim.Scenarios.Dashboard.Events;

/// <summary>
/// Reads trace lines for the dashboard. Network-wide events (run end, partition, heal, loss)
/// carry node 0.0.0.0:0, which <see cref="TraceJson.Parse"/> refuses as an address; they are
/// read here with no node instead of failing the whole trace.
/// </summary>
public static class TraceLines
{
    private static readonly byte[] NoNode = "\"node\":\"0.0.0.0:0\""u8.ToArray();
    private static readonly byte[] Placeholder = "\"node\":\"0.0.0.0:1\""u8.ToArray();

    public static TraceEvent Parse(ReadOnlySpan<byte> line)
    {
        int at = line.IndexOf(NoNode);
        if (at < 0) return TraceJson.Parse(line);
        var copy = line.ToArray();
        Placeholder.CopyTo(copy, at);
        return TraceJson.Parse(copy) with { Node = default };
    }

    /// <summary>Every event of a JSONL trace file, in file order; an error names the file and line.</summary>
    public static List<TraceEvent> ReadFile(string path, Action<long>? progress = null)
    {
        var events = new List<TraceEvent>();
        long lineNo = 0;
        using var reader = Analysis.Trace.TraceFile.OpenText(path); // compressed or not
        var buffer = new byte[4096];
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
            int max = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (buffer.Length < max) buffer = new byte[max];
            int n = Encoding.UTF8.GetBytes(line, buffer);
            try { events.Add(Parse(buffer.AsSpan(0, n))); }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNo}: {ex.Message}", ex);
            }
            if (progress != null && lineNo % 200_000 == 0) progress(lineNo);
        }
        return events;
    }
}
