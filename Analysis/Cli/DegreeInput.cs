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

    /// <param name="least">The smallest value a list may hold: a smaller one is an error naming its line (a trace's degrees are
    /// checked by the caller, which knows what to do with a peer left with no link).</param>
    /// <param name="expected">What the list should hold, in words, for that error.</param>
    public static (long[] Values, Kind Kind) Read(string path, Action<string>? progress = null, long least = long.MinValue,
        string expected = "whole numbers")
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
        return IsTrace(path) ? (ReadTraceDegrees(path, progress), Kind.Trace) : (ReadIntegers(path, least, expected), Kind.IntegerList);
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

    public static long[] ReadIntegers(string path, long least = long.MinValue, string expected = "whole numbers")
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
                throw new InputException($"{path}:{lineNo}: '{Shorten(line)}' is not an integer (or \"value count\"): expected "
                    + $"{expected}, one a line");
            if (v < least)
                throw new InputException($"{path}:{lineNo}: '{fields[0]}' is not {Word(least)}: expected {expected}, one a line");
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

    private static string Word(long least) => least switch
    {
        1 => "a positive whole number",
        0 => "a whole number of 0 or more",
        _ => $"a whole number of {least} or more",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
