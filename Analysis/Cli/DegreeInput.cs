using System.Globalization;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Trace;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// The data the fit command reads: a list of integers (one per line; blank lines and '#'
/// comments allowed) or a run's trace (trace.jsonl or trace.jsonl.gz, or the results folder
/// holding it), told apart by the first non-blank character.
/// </summary>
public static class DegreeInput
{
    public enum Kind { IntegerList, Trace }

    public static (long[] Values, Kind Kind) Read(string path, Action<string>? progress = null)
    {
        if (Directory.Exists(path))
        {
            try { path = TraceFile.Require(path); }
            catch (FileNotFoundException ex) { throw new InputException(ex.Message, ex); }
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
            if (!long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                throw new InputException($"{path}:{lineNo}: '{Shorten(line)}' is not an integer");
            values.Add(v);
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
