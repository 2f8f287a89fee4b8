using System.Globalization;
using System.Text.RegularExpressions;

namespace GossipSim.RealNet.Tests.Metrics;

/// <summary>A /metrics page in the Prometheus text format, parsed: each family's declared type, and every sample.</summary>
public sealed partial class Exposition
{
    public Dictionary<string, string> Types { get; } = new();
    public List<(string Name, string Labels, double Value)> Samples { get; } = new();

    public static Exposition Parse(string text)
    {
        var page = new Exposition();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                page.Types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                var m = SampleLine().Match(line);
                Assert.That(m.Success, $"a sample line: '{line}'");
                page.Samples.Add((m.Groups[1].Value, m.Groups[2].Value, double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
            }
        }
        return page;
    }

    /// <summary>The value of the one sample of this name whose labels contain every given <c>key="value"</c>.</summary>
    public double Value(string name, params string[] labels) =>
        Samples.Single(s => s.Name == name && labels.All(l => s.Labels.Contains(l))).Value;

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$")]
    private static partial Regex SampleLine();
}
