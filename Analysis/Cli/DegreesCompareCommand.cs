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
/// </summary>
public static class DegreesCompareCommand
{
    public const string FileName = "degrees-compare";

    public static Command Create()
    {
        const string inputText = "A results folder or trace (final degrees of the live peers), or one integer per line (e.g. from 'sample ba').";
        var a = new Argument<string>("A") { Description = "Sample A. " + inputText };
        var b = new Argument<string>("B") { Description = "Sample B (the reference, e.g. 'sample ba' of the same size)." };
        var tailAt = new Option<string>("--tail-at")
        {
            Description = "Degrees x, comma-separated, where P_A(K ≥ x)/P_B(K ≥ x) is reported",
            DefaultValueFactory = _ => "100,500,1000",
        };
        tailAt.Validators.Add(r => ParseTailAt(r.GetValueOrDefault<string>() ?? "", r.AddError));
        var output = new Option<string>("--out") { Description = "Folder for degrees-compare.json, .png and .svg", DefaultValueFactory = _ => "." };
        var command = new Command("degrees-compare", "Compare two degree samples: two-sample KS D and p (asymptotic), the 5 % critical D, "
            + "tail ratios P_A(K ≥ x)/P_B(K ≥ x), max degrees and their ratio, sizes and means; writes JSON and a CCDF overlay plot (PNG, SVG).")
        {
            a, b, tailAt, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string pathA = parse.GetValue(a)!, pathB = parse.GetValue(b)!;
            var degreesA = Read(pathA);
            var degreesB = Read(pathB);
            var comparison = DegreeComparison.Of(NameOf(pathA), degreesA, NameOf(pathB), degreesB, ParseTailAt(parse.GetValue(tailAt)!, _ => { })!);
            string dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            string stem = Path.Combine(dir, FileName);
            File.WriteAllText(stem + ".json", comparison.ToJson() + "\n", new UTF8Encoding(false));
            ChartRenderer.Save(DegreeComparePlot.Figure(degreesA, degreesB, comparison), stem);
            Console.Out.Write(Table(comparison));
            Console.Out.WriteLine($"wrote {stem}.json, {stem}.png, {stem}.svg");
            return 0;
        }));
        return command;
    }

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
        sb.Append(inv, $"5 % critical D          {c.Ks.Critical05:0.00000}  ({(c.Ks.D > c.Ks.Critical05 ? "D above it: the samples differ at 5 %" : "D at or below it: no difference at 5 %")})\n");
        sb.Append(inv, $"p                       {c.Ks.P:0.0000}  (asymptotic Kolmogorov distribution; conservative with tied degrees)\n");
        return sb.ToString();
    }

    private static string Ratio(double? r) => r is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "- (B has no degree that large)";

    private static string Short(string s) => s.Length <= 16 ? s : "…" + s[^15..];
}
