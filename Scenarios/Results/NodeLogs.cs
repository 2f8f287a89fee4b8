using System.Globalization;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Results;

/// <summary>
/// R13's output files for a simulated run: one file per node under logs/ and the combined
/// outputfile.txt. Per-node lines are buffered and appended in chunks, so a thousand nodes
/// never need a thousand open files.
/// </summary>
public sealed class NodeLogs : IDisposable
{
    private const int FlushAt = 64 * 1024;
    private readonly string _dir;
    private readonly Dictionary<NodeAddress, (string file, StringBuilder buffer)> _perNode = new();
    private readonly StreamWriter? _combined;
    private readonly bool _perNodeFiles;
    private readonly Func<string, bool> _combinedFilter;

    /// <param name="perNodeFiles">Write logs/&lt;node&gt;.txt for every node.</param>
    /// <param name="combinedFilter">Which lines go into outputfile.txt (all of them for small runs).</param>
    public NodeLogs(string resultsDir, bool perNodeFiles, Func<string, bool> combinedFilter)
    {
        _dir = Path.Combine(resultsDir, "logs");
        _perNodeFiles = perNodeFiles;
        _combinedFilter = combinedFilter;
        if (perNodeFiles)
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
            Directory.CreateDirectory(_dir);
        }
        _combined = new StreamWriter(Path.Combine(resultsDir, "outputfile.txt"), false, new UTF8Encoding(false), 1 << 16);
    }

    private NodeLogs()
    {
        _dir = "";
        _combinedFilter = _ => false;
    }

    /// <summary>Logs that write nothing: a rank other than 0 of an mpirun, whose nodes' lines go to rank 0 and are written there.</summary>
    public static NodeLogs Nowhere() => new();

    /// <summary>A line at the top of outputfile.txt (what it holds).</summary>
    public void Header(string line) => _combined?.Write(line + "\n");

    public void Register(NodeAddress node, string role)
    {
        if (_perNodeFiles) _perNode[node] = (Path.Combine(_dir, $"{role}-{node.IpText}_{node.Port}.txt"), new StringBuilder());
    }

    public void Write(NodeAddress node, TimeSpan time, string line)
    {
        string? stamp = null; // formatted only for a line that is kept
        if (_perNodeFiles && _perNode.TryGetValue(node, out var f))
        {
            stamp = Stamp(time);
            f.buffer.Append('[').Append(stamp).Append("] ").Append(line).Append('\n');
            if (f.buffer.Length > FlushAt) FlushNode(f.file, f.buffer);
        }
        if (_combined != null && _combinedFilter(line))
        {
            stamp ??= Stamp(time);
            _combined.Write('[');
            _combined.Write(stamp);
            _combined.Write("] ");
            _combined.Write(node.ToString());
            _combined.Write(' ');
            _combined.Write(line);
            _combined.Write('\n');
        }
    }

    private static string Stamp(TimeSpan time) => time.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture);

    private static void FlushNode(string file, StringBuilder buffer)
    {
        File.AppendAllText(file, buffer.ToString());
        buffer.Clear();
    }

    public void Dispose()
    {
        foreach (var (file, buffer) in _perNode.Values)
            if (buffer.Length > 0 || !File.Exists(file)) FlushNode(file, buffer);
        _combined?.Dispose();
    }

    /// <summary>
    /// Up to this many nodes, outputfile.txt merges every line of every node; above, only the
    /// lines about failures (each node's full output stays in logs/, when logs are kept): a
    /// thousand nodes' merged lines run to hundreds of megabytes nobody reads end to end.
    /// </summary>
    public const int FullOutputFileMaxNodes = 100;

    /// <summary>Which lines reach outputfile.txt for a run of this many nodes.</summary>
    public static Func<string, bool> OutputFileFilter(int nodes) => nodes <= FullOutputFileMaxNodes ? _ => true : IsFailureLine;

    /// <summary>The first line of a filtered outputfile.txt, saying what it holds; null when it holds every line.</summary>
    public static string? OutputFileHeader(int nodes) => nodes <= FullOutputFileMaxNodes ? null
        : $"# {nodes:N0} nodes: only the lines about failures (suspicions, dead-node reports, removals, rejections) are merged here; each "
        + $"node's full output is in logs/ when logs are kept";

    /// <summary>For large runs: only the lines about failures reach outputfile.txt.</summary>
    public static bool IsFailureLine(string line) =>
        line.StartsWith("Dead Node:", StringComparison.Ordinal) || line.Contains("suspect", StringComparison.OrdinalIgnoreCase)
        || line.Contains("remov", StringComparison.Ordinal) || line.Contains("reject", StringComparison.OrdinalIgnoreCase)
        || line.Contains("anti-entropy", StringComparison.Ordinal);
}
