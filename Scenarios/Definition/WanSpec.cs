using System.Text.Json;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// The wan model's fields (network.latency.model "wan"): where the nodes are, as a named mix or weights by country code, and the
/// countries seeds (or, from a file, nodes) are pinned to. Checks them, each problem one line naming the field and the code, and builds the model.
/// </summary>
public static class WanSpec
{
    public const string Model = "wan";
    /// <summary>The mix when a scenario names none: the measurements' own.</summary>
    public const string DefaultMix = "atlas";

    private static string MixExpected => $"a named mix ({string.Join(" or ", CountryMix.Named.Select(n => $"\"{n}\""))}) or weights by "
        + "ISO 3166 country code, e.g. {\"US\": 0.3, \"DE\": 0.2}";

    public static void Check(LatencySpec lat, int seeds, string scenarioPath, Action<bool, string, string> need)
    {
        var atlas = WanAtlas.Shipped;
        const string countries = "network.latency.countries";
        switch (lat.Countries)
        {
            case null: break;
            case { ValueKind: JsonValueKind.String } name:
                need(CountryMix.Named.Contains(name.GetString()), countries, MixExpected + $", not \"{name.GetString()}\"");
                break;
            case { ValueKind: JsonValueKind.Object } weights:
                var read = new List<double>();
                bool allNumbers = true;
                foreach (var w in weights.EnumerateObject())
                {
                    if (atlas.Problem(w.Name) is { } problem) need(false, countries, $"countries the measurements cover: {problem}");
                    bool number = w.Value.ValueKind == JsonValueKind.Number;
                    need(number, $"{countries}.{w.Name}", "a weight (a number of 0 or more)");
                    if (number) read.Add(w.Value.GetDouble());
                    allNumbers &= number;
                }
                // A weight that is no number was said; their sum is not a second problem.
                if (allNumbers && CountryMix.Problem(read) is { } bad) need(false, countries, bad);
                break;
            default: need(false, countries, MixExpected); break;
        }
        if (lat.NodeCountries is { } file)
        {
            need(lat.SeedCountries is null, "network.latency.nodeCountries", "either nodeCountries (every node's country) or seedCountries "
                + "(the seeds'), not both");
            ReadNodeCountries(lat, file, scenarioPath, atlas, need);
        }
        if (lat.SeedCountries is { } pinned)
        {
            need(pinned.Count <= seeds, "network.latency.seedCountries", $"at most one country per seed ({seeds} seeds), not {pinned.Count}");
            for (int i = 0; i < pinned.Count; i++)
                if (atlas.Problem(pinned[i]) is { } problem)
                    need(false, $"network.latency.seedCountries[{i}]", $"countries the measurements cover: {problem}");
        }
    }

    /// <summary>Reads the per-node file: one code a line, blank lines and lines from # on skipped; the first bad line is said (a file of
    /// a million lines would otherwise say a million).</summary>
    private static void ReadNodeCountries(LatencySpec lat, string file, string scenarioPath, WanAtlas atlas, Action<bool, string, string> need)
    {
        const string field = "network.latency.nodeCountries";
        if (MeasuredLatency.Find(file, scenarioPath) is not { } path || !File.Exists(path))
        {
            need(false, field, $"a text file of country codes, one a line; {file} is none, looked for beside the scenario file and in "
                + Environment.CurrentDirectory);
            return;
        }
        var codes = new List<string>();
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            string code = (raw.IndexOf('#') is var hash and >= 0 ? raw[..hash] : raw).Trim();
            if (code.Length == 0) continue;
            if (atlas.Problem(code) is { } problem)
            {
                need(false, field, $"countries the measurements cover: line {line} of {file}: {problem}");
                return;
            }
            codes.Add(code);
        }
        need(codes.Count > 0, field, $"at least one country code; {file} holds none");
        lat.NodeCountriesRead = codes;
    }

    /// <summary>The wan model's fields under another model: a slip, said rather than ignored.</summary>
    public static void CheckUnused(LatencySpec lat, Action<bool, string, string> need)
    {
        const string only = "only with model \"wan\"";
        need(lat.Countries is null, "network.latency.countries", only);
        need(lat.SeedCountries is null, "network.latency.seedCountries", only);
        need(lat.NodeCountries is null, "network.latency.nodeCountries", only);
    }

    /// <summary>The model of a checked spec, for <paramref name="nodes"/> nodes at the start (seeds first).</summary>
    public static WanLatency ModelOf(LatencySpec lat, int nodes)
    {
        var atlas = WanAtlas.Shipped;
        var mix = lat.Countries switch
        {
            { ValueKind: JsonValueKind.Object } weights => CountryMix.OfWeights(
                weights.EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetDouble()), atlas),
            { ValueKind: JsonValueKind.String } name => CountryMix.OfName(name.GetString()!, atlas),
            _ => CountryMix.OfName(DefaultMix, atlas),
        };
        var pinned = (lat.NodeCountriesRead ?? lat.SeedCountries ?? []).Select(c => atlas.TryIndex(c, out byte i) ? i
            : throw new ArgumentException(atlas.Problem(c))).ToArray();
        return new WanLatency(mix, pinned, nodes);
    }
}
