using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.PowerLaw;
using GossipSim.TestSupport;

namespace GossipSim.Analysis.Tests.PowerLaw;

/// <summary>
/// Every committed run's fit, made again from its committed degrees, is the fit its summary.json
/// records: alpha, xmin, ntail and the KS distance to the digits written there. Changes to the
/// bootstrap may move p (its draws), never the fit of the data itself. The runs' degrees and recorded fits are copied into
/// tests/fixtures/fits/ (a re-made example run changes nothing a test sees).
/// </summary>
public class CommittedFitsTests
{
    private static string Runs => RepositoryFiles.Path("tests", "fixtures", "fits");

    private static IEnumerable<string> RunsWithAFit()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) yield break;
        foreach (var dir in Directory.GetDirectories(Path.Combine(root.FullName, "tests", "fixtures", "fits")).Order())
        {
            string summary = Path.Combine(dir, "fit.json");
            if (File.Exists(summary) && Degree(summary).TryGetProperty("alpha", out _)) yield return Path.GetFileName(dir);
        }
    }

    [Test]
    public void TheLargeRuns_AreAmongThoseChecked()
    {
        Assert.That(RunsWithAFit(), Is.SupersetOf(new[] { "crash-hub", "sim-100k", "sim-1m", "sim-10m" }));
    }

    [TestCaseSource(nameof(RunsWithAFit))]
    public void TheFitOfTheCommittedDegrees_IsTheRecordedFit(string run)
    {
        var recorded = Degree(Path.Combine(Runs, run, "fit.json"));
        var fit = PowerLawFitter.Fit(CommittedDegrees(run, recorded), new PowerLawFitOptions { BootstrapSamples = 0 });
        // As the run rounds them into summary.json (Scenarios' AnalysisOutputs).
        Assert.Multiple(() =>
        {
            Assert.That(Math.Round(fit.Alpha, 4), Is.EqualTo(recorded.GetProperty("alpha").GetDouble()), "alpha");
            Assert.That(fit.Xmin, Is.EqualTo(recorded.GetProperty("xmin").GetInt64()), "xmin");
            Assert.That(fit.NTail, Is.EqualTo(recorded.GetProperty("ntail").GetInt64()), "ntail");
            Assert.That(Math.Round(fit.Ks, 5), Is.EqualTo(recorded.GetProperty("ks").GetDouble()), "KS distance");
        });
    }

    /// <summary>The run's degrees.txt ("degree count" lines), or the histogram in its summary where the run kept no such file.</summary>
    private static DistinctCounts CommittedDegrees(string run, JsonElement recorded)
    {
        var counts = new SortedDictionary<long, int>();
        string file = Path.Combine(Runs, run, "degrees.txt");
        if (File.Exists(file))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = line.Split(' ');
                counts[long.Parse(fields[0], CultureInfo.InvariantCulture)] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }
        else
        {
            foreach (var bin in recorded.GetProperty("histogram").EnumerateObject())
                counts[long.Parse(bin.Name, CultureInfo.InvariantCulture)] = bin.Value.GetInt32();
        }
        // A peer left with no link has no place on a power law: the run's fit leaves it out too.
        var positive = counts.Where(c => c.Key > 0).ToArray();
        return new DistinctCounts(positive.Select(c => (double)c.Key).ToArray(), positive.Select(c => c.Value).ToArray());
    }

    private static JsonElement Degree(string summary) =>
        JsonDocument.Parse(File.ReadAllText(summary)).RootElement.GetProperty("degree");
}
