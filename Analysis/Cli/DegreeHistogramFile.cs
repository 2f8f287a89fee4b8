using System.Globalization;
using System.Text;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// degrees.txt: the final degrees of a run's live peers as "degree count" lines, ascending. Every
/// run writes it, so a results folder can be fitted and compared although a large run keeps no
/// trace (a million degrees take a few thousand lines here, not a trace of gigabytes).
/// </summary>
public static class DegreeHistogramFile
{
    public const string FileName = "degrees.txt";

    public static void Write(string dir, IEnumerable<long> degrees)
    {
        var counts = new SortedDictionary<long, long>();
        foreach (long d in degrees) counts[d] = counts.GetValueOrDefault(d) + 1;
        var text = new StringBuilder("# final degrees of the live peers: degree count (read by fit and degrees-compare)\n");
        foreach (var (degree, count) in counts) text.Append(CultureInfo.InvariantCulture, $"{degree} {count}\n");
        File.WriteAllText(Path.Combine(dir, FileName), text.ToString(), new UTF8Encoding(false));
    }
}
