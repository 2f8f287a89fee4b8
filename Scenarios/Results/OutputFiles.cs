using System.Diagnostics;
using GossipSim.Analysis.Summary;

namespace GossipSim.Scenarios.Results;

/// <summary>
/// One line saying what a run wrote where, with sizes, so a large run's output is never a
/// surprise. Files an earlier run left in the same folder (a run that keeps no logs leaves the
/// last run's logs/ alone: nothing is deleted) are named apart, so they are not taken for this
/// run's output.
/// </summary>
public static class OutputFiles
{
    public static string Line(string dir) => Line(dir, Process.GetCurrentProcess().StartTime.ToUniversalTime());

    /// <param name="sinceUtc">This run's start: files last written before it are an earlier run's.</param>
    public static string Line(string dir, DateTime sinceUtc)
    {
        var written = new List<string>();
        var left = new List<string>();
        List<string> By(DateTime lastWrite) => lastWrite >= sinceUtc ? written : left;
        void File(string name)
        {
            var f = new FileInfo(Path.Combine(dir, name));
            if (f.Exists) By(f.LastWriteTimeUtc).Add($"{name} {Readable.Bytes(f.Length)}");
        }
        void Folder(string name, bool recursive, bool count)
        {
            var folder = new DirectoryInfo(Path.Combine(dir, name));
            if (!folder.Exists) return;
            foreach (var group in folder.GetFiles("*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                .GroupBy(f => f.LastWriteTimeUtc >= sinceUtc))
            {
                var files = group.ToList();
                string what = count ? $"{name}/ ({files.Count:N0} file{(files.Count == 1 ? "" : "s")})" : $"{name}/";
                (group.Key ? written : left).Add($"{what} {Readable.Bytes(files.Sum(f => f.Length))}");
            }
        }
        File(Analysis.Trace.TraceFile.Compressed);
        File(Analysis.Trace.TraceFile.Plain);
        File("outputfile.txt");
        Folder("logs", recursive: false, count: true);
        Folder("nodes", recursive: true, count: false);
        var report = new DirectoryInfo(dir).GetFiles().Where(f => f.Extension is ".html" or ".png" or ".svg" or ".json" or ".txt"
            && f.Name != "outputfile.txt").ToList();
        written.Add($"summary, report and plots {Readable.Bytes(report.Sum(f => f.Length))}");
        string line = $"wrote {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/: {string.Join(", ", written)}";
        return left.Count == 0 ? line : $"{line}; left from an earlier run, not touched: {string.Join(", ", left)}";
    }
}
