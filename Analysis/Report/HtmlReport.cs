using System.Globalization;
using System.Text;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Report;

/// <summary>A chart for the report: its SVG markup (as the plots return it) and a caption; or, when it could not be drawn, why.</summary>
public sealed record ReportFigure(string Title, string? Svg, string Caption = "", string? LeftOutBecause = null);

/// <summary>Everything report.html shows, as plain data.</summary>
public sealed record ReportContent
{
    public required string Scenario { get; init; }
    public required string ReproduceCommand { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; init; } = [];
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    public PowerLawFit? Fit { get; init; }
    /// <summary>Why there is no fit (too few distinct degrees...), shown in its place.</summary>
    public string? FitNote { get; init; }
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];
    public IReadOnlyList<FailureRow> Failures { get; init; } = [];
    /// <summary>Seeds the run started, for "removed by 3 of 3"; 0 when not known.</summary>
    public int Seeds { get; init; }
}

/// <summary>
/// One self-contained report.html: inline CSS and inline SVG, no script, no external file or
/// URL, so it can be mailed or archived as one file. No timestamp either: the same inputs
/// give the same bytes.
/// </summary>
public static class HtmlReport
{
    private const string Css = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 2rem auto; max-width: 1180px; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin-bottom: .2rem; }
        h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        p.lead { color: #555; margin-top: 0; }
        pre { background: #f6f6f6; border: 1px solid #e2e2e2; padding: .6rem .8rem; overflow-x: auto; font-size: .9rem; }
        table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
        th, td { border: 1px solid #ddd; padding: .3rem .7rem; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        p.verdict { font-size: 1.02rem; background: #f4f8fb; border-left: 4px solid #0072B2; padding: .5rem .8rem; }
        figure { margin: 1.2rem 0; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
        .muted { color: #777; }
        p.caveat { background: #fff6e0; border-left: 4px solid #E69F00; padding: .5rem .8rem; }
        td.passed { color: #00704f; font-weight: bold; }
        td.failed { color: #b34700; font-weight: bold; }
        td.notexercised { color: #777; font-weight: bold; }
        """;

    public static void Write(string path, ReportContent content) =>
        File.WriteAllText(path, Render(content), new UTF8Encoding(false));

    public static string Render(ReportContent c)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>GossipSim report: ").Append(H(c.Scenario)).Append("</title>\n");
        sb.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        // Top-down: what the run was and how it went (the checks), the three plots, then the figures behind them.
        sb.Append("<h1>GossipSim run: ").Append(H(c.Scenario)).Append("</h1>\n");
        if (c.Description.Length > 0) sb.Append("<p class=\"lead\">").Append(H(c.Description)).Append("</p>\n");
        ChecksSection(sb, c.Checks);

        foreach (var f in c.Figures)
        {
            sb.Append("<h2>").Append(H(f.Title)).Append("</h2>\n");
            if (f.Svg == null)
                sb.Append("<p class=\"caveat\">This plot was left out: ").Append(H(f.LeftOutBecause ?? "it could not be drawn")).Append(".</p>\n");
            else
            {
                sb.Append("<figure>\n").Append(ChartRenderer.InlineSvg(f.Svg));
                if (f.Caption.Length > 0) sb.Append("<figcaption>").Append(H(f.Caption)).Append("</figcaption>\n");
                sb.Append("</figure>\n");
            }
            // The degree plot's verdict: is the tail a power law?
            if (ReferenceEquals(f, c.Figures[0])) FitVerdict(sb, c);
        }
        if (c.Figures.Count == 0) FitVerdict(sb, c);

        // Without a fit, the reason stands under the degree plot already.
        if (c.Fit is { } fit)
        {
            sb.Append("<h2>Degree distribution: power-law fit</h2>\n");
            FitSection(sb, fit);
        }

        sb.Append("<h2>Failures</h2>\n");
        FailureTable(sb, c.Failures, c.Seeds);

        if (c.Summary.Count > 0)
        {
            sb.Append("<h2>Summary</h2>\n<table>\n<tr><th>quantity</th><th>value</th><th>what it measures</th></tr>\n");
            foreach (var (key, value) in c.Summary)
                sb.Append("<tr><td>").Append(H(key)).Append("</td><td class=\"num\">").Append(H(value))
                    .Append("</td><td>").Append(H(SummaryJson.Meaning(key))).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Reproduce</h2>\n<pre>").Append(H(c.ReproduceCommand)).Append("</pre>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The fit in one sentence (and its caveat), or why there is none.</summary>
    private static void FitVerdict(StringBuilder sb, ReportContent c)
    {
        if (c.Fit is not { } fit)
        {
            sb.Append("<p class=\"muted\">").Append(H(c.FitNote ?? "No fit.")).Append("</p>\n");
            return;
        }
        sb.Append("<p class=\"verdict\">").Append(H(FitInterpretation.Sentence(fit))).Append("</p>\n");
        if (FitInterpretation.Caveat(fit) is { } caveat) sb.Append("<p class=\"caveat\">").Append(H(caveat)).Append("</p>\n");
    }

    private static void FitSection(StringBuilder sb, PowerLawFit fit)
    {
        string N(double x) => Readable.Number(x);
        sb.Append("<table>\n<tr><th>quantity</th><th>value</th><th>meaning</th></tr>\n");
        Row(sb, "α", string.Create(CultureInfo.InvariantCulture, $"{fit.Alpha:0.000} ± {fit.AlphaStdErr:0.000}"),
            "exponent, discrete MLE (± standard error)");
        Row(sb, "xmin", fit.Xmin.ToString(CultureInfo.InvariantCulture), "start of the power-law tail, minimising the KS distance");
        Row(sb, "n<sub>tail</sub> / n", string.Create(CultureInfo.InvariantCulture, $"{fit.NTail:N0} / {fit.N:N0}"),
            "points in the tail / all points", rawKey: true);
        Row(sb, "KS D", fit.Ks.ToString("0.0000", CultureInfo.InvariantCulture), "Kolmogorov–Smirnov distance between tail and fit");
        Row(sb, "p", fit.HasPValue ? fit.P.ToString("0.000", CultureInfo.InvariantCulture) : "not computed",
            fit.HasPValue ? $"bootstrap goodness of fit ({fit.Bootstrap:N0} synthetic sets); ≥ 0.1: plausible" : "no bootstrap was run");
        Row(sb, "vs log-normal", $"R = {N(fit.VsLognormal.R)}, {FitInterpretation.FormatP(fit.VsLognormal.P)}",
            "normalised log-likelihood ratio; R > 0 favours the power law");
        Row(sb, "vs exponential", $"R = {N(fit.VsExponential.R)}, {FitInterpretation.FormatP(fit.VsExponential.P)}",
            "normalised log-likelihood ratio; R > 0 favours the power law");
        sb.Append("</table>\n");
        sb.Append("<p class=\"muted\">Method: Clauset, Shalizi &amp; Newman (2009), SIAM Review 51:661: discrete MLE with "
            + "Hurwitz-zeta normalisation, ")
            .Append("xmin by KS minimisation, semi-parametric bootstrap p, Vuong tests against alternatives "
                + "fitted on the same tail.</p>\n");
    }

    /// <summary>Each check with its verdict (passed, failed, not exercised), what it found, and its first violation.</summary>
    private static void ChecksSection(StringBuilder sb, IReadOnlyList<CheckResult> checks)
    {
        sb.Append("<h2>Checks</h2>\n");
        if (checks.Count == 0)
        {
            sb.Append("<p class=\"muted\">This run recorded no checks.</p>\n");
            return;
        }
        sb.Append("<p class=\"verdict\">").Append(H(Capitalise(CheckCounts.Of(checks).Sentence()))).Append(".</p>\n");
        sb.Append("<table>\n<tr><th>verdict</th><th>check</th><th>what it found</th><th>first violation</th></tr>\n");
        foreach (var c in checks)
        {
            string css = c.Verdict.ToString().ToLowerInvariant();
            sb.Append("<tr><td class=\"").Append(css).Append("\">").Append(CheckResult.Word(c.Verdict))
                .Append("</td><td>").Append(H(c.Name))
                .Append("</td><td>").Append(H(c.Detail)).Append("</td><td>").Append(H(c.FirstViolation ?? "—")).Append("</td></tr>\n");
        }
        sb.Append("</table>\n");
        if (checks.Any(c => c.Verdict == CheckVerdict.NotExercised))
            sb.Append("<p class=\"muted\">Not exercised: the run gave the check nothing to check (no crash, no message after the "
                + "heal, or a fault under which its rule does not hold), so it neither passed nor failed.</p>\n");
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static void Row(StringBuilder sb, string key, string value, string meaning, bool rawKey = false)
    {
        sb.Append("<tr><td>").Append(rawKey ? key : H(key)).Append("</td><td class=\"num\">").Append(H(value))
            .Append("</td><td>").Append(H(meaning)).Append("</td></tr>\n");
    }

    /// <summary>The most failures listed a row each; summary.json keeps every one.</summary>
    public const int MostFailureRows = 100;

    private static void FailureTable(StringBuilder sb, IReadOnlyList<FailureRow> failures, int seeds)
    {
        if (failures.Count == 0)
        {
            sb.Append("<p class=\"muted\">No failure was injected in this run.</p>\n");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        string T(double? t) => t is double v ? v.ToString("0.000", inv) : "—";
        string D(double? t, double crash) => t is double v ? "+" + (v - crash).ToString("0.000", inv) : "—";
        sb.Append("<table>\n<tr><th>node</th><th>role</th><th>degree at the crash</th><th>crash (s)</th><th>first suspicion (s)</th>"
            + "<th>dead report (s)</th><th>removal (s)</th><th>suspected (s after the crash)</th><th>removed (s after the crash)</th>"
            + "<th>seeds that removed it</th></tr>\n");
        foreach (var f in failures.Take(MostFailureRows))
        {
            sb.Append("<tr><td>").Append(H(f.Node)).Append("</td><td>").Append(H(f.Role)).Append("</td><td class=\"num\">")
                .Append(f.Degree.ToString(inv)).Append("</td>");
            foreach (var t in new[] { (double?)f.CrashAt, f.SuspectedAt, f.ReportedAt, f.RemovedAt })
                sb.Append("<td class=\"num\">").Append(T(t)).Append("</td>");
            string removedBy = f.Role == "seed" ? "— (seeds are not removed)"
                : seeds > 0 ? $"{f.RemovedBySeeds} of {seeds}" : f.RemovedBySeeds.ToString(inv);
            sb.Append("<td class=\"num\">").Append(D(f.SuspectedAt, f.CrashAt)).Append("</td><td class=\"num\">")
                .Append(D(f.RemovedAt, f.CrashAt)).Append("</td><td class=\"num\">").Append(H(removedBy)).Append("</td></tr>\n");
        }
        sb.Append("</table>\n");
        if (failures.Count > MostFailureRows)
            sb.Append("<p class=\"muted\">").Append(string.Create(inv, $"The first {MostFailureRows} of {failures.Count:N0} failures; summary.json lists every one.")).Append("</p>\n");
        sb.Append("<p class=\"muted\">Times in seconds since the run started; \"+\" delays in seconds after that node's crash. — : "
            + "not observed by the end of the run.</p>\n");
    }

    /// <summary>Escapes the five markup characters only: the page is UTF-8, so "α ± —" stay readable in the source.</summary>
    public static string H(string s)
        => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
