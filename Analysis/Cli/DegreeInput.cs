using System.Globalization;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Trace;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// The data the fit command reads: a list of integers (one per line, or "value count" for a value
/// that occurs count times; blank lines and '#' comments allowed) or a run's trace (trace.jsonl or
/// trace.jsonl.gz), told apart by the first non-blank character. A results folder gives its trace,
/// or without one its <see cref="DegreeHistogramFile"/>.
/// </summary>
public static class DegreeInput
{
    public enum Kind { IntegerList, Trace }

    public static (long[] Values, Kind Kind) Read(string path, Action<string>? progress = null)
    {
        if (Directory.Exists(path))
        {
            string histogram = Path.Combine(path, DegreeHistogramFile.FileName);
            try { path = TraceFile.Require(path); }
            catch (FileNotFoundException ex)
            {
                if (!File.Exists(histogram))
                    throw new InputException($"{ex.Message} Nor does it hold the {DegreeHistogramFile.FileName} that runs write.", ex);
                path = histogram;
            }
        }
        if (!File.Exists(path)) throw new InputException($"{path}: no such file");
        return IsTrace(path) ? (ReadTraceDegrees(path, progress), Kind.Trace) : (ReadIntegers(path), Kind.IntegerList);
    }

    public static bool IsTrace(string path)
    {
        using var reader = TraceFile.OpenText(path);
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (char.IsWhiteSpace((char)c) || c == '\uFEFF') continue;
            return c == '{';
        }
        return false;
    }

    public static long[] ReadIntegers(string path)
    {
        var values = new List<long>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 2 || !long.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                throw new InputException($"{path}:{lineNo}: '{Shorten(line)}' is not an integer (or \"value count\")");
            long count = 1;
            if (fields.Length == 2 && (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
                throw new InputException($"{path}:{lineNo}: the count '{Shorten(fields[1])}' is not a whole number of at least 1");
            for (long k = 0; k < count; k++) values.Add(v);
        }
        return values.ToArray();
    }

    /// <summary>Final degrees of the live peers (see <see cref="RunTrace"/>).</summary>
    public static long[] ReadTraceDegrees(string path, Action<string>? progress = null)
    {
        try
        {
            var trace = RunTrace.Read(path, progress: n => progress?.Invoke($"read {n:N0} trace events"));
            return trace.PeerDegrees;
        }
        catch (FormatException ex)
        {
            throw new InputException(ex.Message, ex);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
