using System.CommandLine;
using System.Globalization;
using System.Text;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// <c>degrees-compare A B [--tail-at 100,500,1000] [--out DIR]</c>: two degree samples (a results
/// folder, a trace or a list of integers such as <c>sample ba</c> writes) compared with the
/// two-sample KS test, tail ratios and maxima; writes degrees-compare.json and a CCDF overlay.
/// A side may list several samples separated by commas (runs at several seeds, several BA draws):
/// the sides are then compared in expectation (<see cref="DegreesCompareEnsemble"/>).
/// </summary>
public static class DegreesCompareCommand
{
    public const string FileName = "degrees-compare";

    public static Command Create()
    {
        const string inputText = "A results folder or trace (final degrees of the live peers), or one integer per "
            + "line (e.g. from 'sample ba'); "
            + "several, separated by commas, are compared in expectation (pooled KS, mean tails and maxima with their ranges).";
        var a = new Argument<string>("A") { Description = "Sample A. " + inputText };
        var b = new Argument<string>("B") { Description = "Sample B (the reference, e.g. 'sample ba' of the same size), given as A is." };
        var tailAt = new Option<string>("--tail-at")
        {
            Description = "Degrees x, comma-separated, where P_A(K ≥ x)/P_B(K ≥ x) is reported",
            DefaultValueFactory = _ => "100,500,1000",
        };
        tailAt.Validators.Add(r => ParseTailAt(r.GetValueOrDefault<string>() ?? "", r.AddError));
        var output = new Option<string>("--out")
            { Description = "Folder for degrees-compare.json, .png and .svg", DefaultValueFactory = _ => "." };
        var command = new Command("degrees-compare", "Compare two degree samples: two-sample KS D and p (asymptotic), the 5 % critical D, "
            + "tail ratios P_A(K ≥ x)/P_B(K ≥ x), max degrees and their ratio, sizes and means; writes JSON and a "
            + "CCDF overlay plot (PNG, SVG). "
            + "With several samples a side (comma-separated, e.g. runs at several seeds against several 'sample ba' "
            + "draws): KS on the pooled degrees "
            + "and each sample against the other side pooled, mean tails and maxima with their ranges, and a verdict: pooled KS p > 0.05, "
            + "mean tails and mean max within 1.5 times B's.")
        {
            a, b, tailAt, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string pathA = parse.GetValue(a)!, pathB = parse.GetValue(b)!;
            var tails = ParseTailAt(parse.GetValue(tailAt)!, _ => { })!;
            string dir = parse.GetValue(output)!;
            IReadOnlyList<string> pathsA = Paths(pathA, "A"), pathsB = Paths(pathB, "B");
            if (pathsA.Count > 1 || pathsB.Count > 1) return CompareEnsembles(pathsA, pathsB, tails, dir);
            var degreesA = Read(pathA);
            var degreesB = Read(pathB);
            var comparison = DegreeComparison.Of(NameOf(pathA), degreesA, NameOf(pathB), degreesB, tails);
            return Write(dir, comparison.ToJson(), DegreeComparePlot.Figure(degreesA, degreesB, comparison), Table(comparison));
        }));
        return command;
    }

    private static int CompareEnsembles(IReadOnlyList<string> pathsA, IReadOnlyList<string> pathsB, long[] tails, string dir)
    {
        var a = pathsA.Select(p => new DegreeSample(NameOf(p), Read(p))).ToList();
        var b = pathsB.Select(p => new DegreeSample(NameOf(p), Read(p))).ToList();
        var ensemble = DegreesCompareEnsemble.Of(SideName(a), a, SideName(b), b, tails);
        var figure = DegreeComparePlot.Figure(ensemble.A.Name, a.Select(s => s.Sorted).ToList(), ensemble.B.Name,
            b.Select(s => s.Sorted).ToList(),
            DegreesCompareEnsembleTable.Legend(ensemble), tails);
        return Write(dir, ensemble.ToJson(), figure, DegreesCompareEnsembleTable.Text(ensemble));
    }

    /// <summary>degrees-compare.json, .png and .svg in the folder; the table on stdout.</summary>
    private static int Write(string dir, string json, Figure figure, string table)
    {
        Directory.CreateDirectory(dir);
        string stem = Path.Combine(dir, FileName);
        File.WriteAllText(stem + ".json", json + "\n", new UTF8Encoding(false));
        ChartRenderer.Save(figure, stem);
        Console.Out.Write(table);
        Console.Out.WriteLine($"wrote {stem}.json, {stem}.png, {stem}.svg");
        return 0;
    }

    /// <summary>
    /// A side's paths: the text itself where it names a file or folder, else its comma-separated
    /// parts; an empty part or a path given twice (it would count twice) is an input error.
    /// </summary>
    public static IReadOnlyList<string> Paths(string text, string side)
    {
        if (File.Exists(text) || Directory.Exists(text) || !text.Contains(',')) return [text];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
            throw new InputException($"sample {side}: '{text}' has an empty entry (expected paths separated by single commas)");
        var twice = parts.GroupBy(p => Path.GetFullPath(p)).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
            throw new InputException($"sample {side}: {twice.First()} is listed twice (each sample counts once; expected distinct paths)");
        return parts;
    }

    /// <summary>The legend's name for a side: its one sample's name, or the first and last of several and how many.</summary>
    private static string SideName(IReadOnlyList<DegreeSample> side) =>
        side.Count == 1 ? side[0].Name : $"{side[0].Name} … {side[^1].Name} ({side.Count})";

    /// <summary>"100,500,1000" as whole numbers of 1 or more; null (with an error reported) otherwise.</summary>
    public static long[]? ParseTailAt(string text, Action<string> error)
    {
        var values = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long x) || x < 1)
            {
                error($"--tail-at must be degrees of 1 or more separated by commas (e.g. 100,500,1000), got '{text}'");
                return null;
            }
            values.Add(x);
        }
        return values.ToArray();
    }

    /// <summary>The sample's degrees, ascending; an empty sample is an input error.</summary>
    private static long[] Read(string path)
    {
        var (values, kind) = DegreeInput.Read(path, Progress.Line);
        if (values.Length == 0)
            throw new InputException(kind == DegreeInput.Kind.Trace
                ? $"{path}: the trace has no live peer, so no degree to compare"
                : $"{path}: no degrees found (expected one whole number per line)");
        if (values.FirstOrDefault(v => v < 0) is long bad and < 0)
            throw new InputException($"{path}: degree {bad} is negative (expected 0 or more)");
        Array.Sort(values);
        return values;
    }

    /// <summary>A short name for the legend: a results folder's name, else the file's.</summary>
    private static string NameOf(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        string name = Path.GetFileName(full);
        return name is "trace.jsonl" or "trace.jsonl.gz" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? name : name;
    }

    public static string Table(DegreeComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Row(string name, string va, string vb) => sb.Append(inv, $"{name,-22} {va,16} {vb,16}\n");
        Row("", "A", "B");
        Row("sample", Short(c.A.Name), Short(c.B.Name));
        Row("nodes", c.A.N.ToString("N0", inv), c.B.N.ToString("N0", inv));
        Row("mean degree", c.A.Mean.ToString("0.000", inv), c.B.Mean.ToString("0.000", inv));
        Row("max degree", c.A.Max.ToString("N0", inv), c.B.Max.ToString("N0", inv));
        foreach (var t in c.Tails) Row($"P(K ≥ {t.X})", t.PA.ToString("G4", inv), t.PB.ToString("G4", inv));
        sb.Append('\n');
        sb.Append(inv, $"max degree ratio A/B    {Ratio(c.MaxRatio)}\n");
        foreach (var t in c.Tails) sb.Append(inv, $"tail ratio at {t.X,-9} {Ratio(t.Ratio)}\n");
        sb.Append(inv, $"two-sample KS D         {c.Ks.D:0.00000}\n");
        sb.Append(inv, $"5 % critical D          {c.Ks.Critical05:0.00000}  "
            + $"({(c.Ks.D > c.Ks.Critical05 ? "D above it: the samples differ at 5 %" : "D at or below it: no difference at 5 %")})\n");
        sb.Append(inv, $"p                       {c.Ks.P:0.0000}  (asymptotic Kolmogorov distribution; conservative with tied degrees)\n");
        return sb.ToString();
    }

    /// <summary>A tail or max ratio for the table; none where B has no degree that large.</summary>
    internal static string Ratio(double? r)
        => r is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "- (B has no degree that large)";

    /// <summary>A name cut to the table's column width, keeping its end.</summary>
    internal static string Short(string s, int width = 16) => s.Length <= width ? s : "…" + s[^(width - 1)..];
}
