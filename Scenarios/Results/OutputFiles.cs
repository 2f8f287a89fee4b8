using GossipSim.Analysis.Report;

namespace GossipSim.Scenarios.Results;

/// <summary>One line saying what a run wrote where, with sizes, so a large run's output is never a surprise.</summary>
public static class OutputFiles
{
    public static string Line(string dir)
    {
        var parts = new List<string>();
        void File(string name)
        {
            var f = new FileInfo(Path.Combine(dir, name));
            if (f.Exists) parts.Add($"{name} {Readable.Bytes(f.Length)}");
        }
        File(Analysis.Trace.TraceFile.Compressed);
        File(Analysis.Trace.TraceFile.Plain);
        File("outputfile.txt");
        var logs = new DirectoryInfo(Path.Combine(dir, "logs"));
        if (logs.Exists)
        {
            var files = logs.GetFiles();
            parts.Add($"logs/ ({files.Length:N0} files) {Readable.Bytes(files.Sum(f => f.Length))}");
        }
        var nodes = new DirectoryInfo(Path.Combine(dir, "nodes"));
        if (nodes.Exists) parts.Add($"nodes/ {Readable.Bytes(nodes.GetFiles("*", SearchOption.AllDirectories).Sum(f => f.Length))}");
        var report = new DirectoryInfo(dir).GetFiles().Where(f => f.Extension is ".html" or ".png" or ".svg" or ".json" or ".txt" && f.Name != "outputfile.txt").ToList();
        parts.Add($"summary, report and plots {Readable.Bytes(report.Sum(f => f.Length))}");
        return $"wrote {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/: {string.Join(", ", parts)}";
    }
}
