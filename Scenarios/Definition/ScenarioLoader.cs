using System.Text.Json;
using System.Text.RegularExpressions;
using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Definition;

/// <summary>Finds, parses and checks a scenario file; every error names the file, the field and what was expected.</summary>
public static partial class ScenarioLoader
{
    /// <summary>The most seeds a run may have (a scenario's "seeds", --seeds).</summary>
    public const int MaxSeeds = 99;
    /// <summary>Peers a scenario may have: the simulator numbers its nodes in 24 bits (Simulator.Events.EventKey.MaxNodes), with room
    /// for the seeds and peers added during a run.</summary>
    public const int MaxPeers = 16_000_000;
    /// <summary>The smallest heap ceiling (GiB): the runtime, the code and a small network.</summary>
    public const double MinHeapGiB = 0.25;

    /// <summary>
    /// What a scenario's churn needs, in the words of every refusal: the real runtimes (loopback,
    /// in-process, the namespace bed) do not run it.
    /// </summary>
    public const string ChurnNeeds = "the simulator (runtime \"sim\"); real runs churn by hand, with the manager's add and kill";

    /// <summary>A path as given, or a bare file name looked up in Scenarios/scenarios/.</summary>
    public static string Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        // "scenarios/crash-hub.json" from the repository root names the folder as it is shipped: Scenarios/scenarios/.
        var candidates = new[]
        {
            Path.Combine("Scenarios", "scenarios", nameOrPath),
            Path.Combine("scenarios", nameOrPath),
            Path.Combine("Scenarios", nameOrPath),
            Path.Combine(AppContext.BaseDirectory, "scenarios", nameOrPath),
            Path.Combine(AppContext.BaseDirectory, nameOrPath),
        };
        foreach (var c in candidates)
        {
            if (File.Exists(c)) return Path.GetFullPath(c);
            if (!c.EndsWith(".json") && File.Exists(c + ".json")) return Path.GetFullPath(c + ".json");
        }
        string shipped = string.Join(", ", Shipped());
        throw new ScenarioException($"{nameOrPath}: no such scenario file (looked here and in "
            + $"Scenarios/scenarios/){(shipped.Length > 0 ? "; the shipped ones: " + shipped : "")}");
    }

    /// <summary>
    /// A scenario as a command that repeats a run names it (repro.txt, a comparison's command): a shipped one found beside the
    /// program (a host's copy in its bin/ folder, or the repository's build) by its name there, which <see cref="Resolve"/> finds from
    /// any folder; any other by its path from the current directory.
    /// </summary>
    public static string AsNamed(string scenarioPath)
    {
        string shipped = Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "scenarios"), scenarioPath);
        return !shipped.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(shipped)
            ? shipped.Replace(Path.DirectorySeparatorChar, '/') : Path.GetRelativePath(Environment.CurrentDirectory, scenarioPath);
    }

    /// <summary>The papers' scenarios that come with GossipSim, as papers/NAME.json, in name order.</summary>
    public static IReadOnlyList<string> Papers() => [.. Shipped().Where(n => n.StartsWith("papers/", StringComparison.Ordinal))];

    /// <summary>The scenario files that come with GossipSim, by name (the papers' as papers/NAME.json).</summary>
    private static IEnumerable<string> Shipped()
    {
        foreach (var dir in new[] { Path.Combine("Scenarios", "scenarios"), Path.Combine(AppContext.BaseDirectory, "scenarios") })
            if (Directory.Exists(dir))
                return Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal);
        return [];
    }

    public static Scenario Load(string path)
    {
        string text = File.ReadAllText(path);
        Scenario s;
        try
        {
            RequireAnObject(text, path);
            s = JsonSerializer.Deserialize<Scenario>(text, Scenario.JsonOptions)
                ?? throw new ScenarioException($"{path}: the file holds no scenario object");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{path}: {Describe(ex)}");
        }
        s.Name ??= Path.GetFileNameWithoutExtension(path);
        Validate(s, path, JsonFieldLines.Of(text));
        return s;
    }

    /// <summary>
    /// A scenario is one JSON object: a file holding a list or a number says so with its line (the
    /// serializer would name an empty field, "field : expected an object").
    /// </summary>
    private static void RequireAnObject(string text, string path)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes,
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType == JsonTokenType.StartObject) return; // an empty file: JsonSyntax says so
        string holds = reader.TokenType switch
        {
            JsonTokenType.StartArray => "a list [...]",
            JsonTokenType.String => "a text",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "true or false",
            _ => "null",
        };
        int line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
        throw new ScenarioException($"{path}: line {line}: the file's top level must be an object {{ ... }} of scenario fields "
            + $"(e.g. {{ \"peers\": 30 }}), not {holds}");
    }

    private static string Describe(JsonException ex)
    {
        if (JsonSyntax.Plain(ex) is { } syntax) return syntax;
        string where = ex.LineNumber is long line ? $"line {line + 1}" : "";
        string field = ex is SettingsFieldException f ? $"field {f.Field}"
            : ex.Path is { Length: > 0 } p ? $"field {p.TrimStart('$', '.')}" : "";
        string msg = ex.Message;
        var m = UnmappedRegex().Match(msg);
        if (m.Success)
        {
            string at = (ex.Path ?? "").TrimStart('$', '.');
            int cut = at.LastIndexOf('.');
            string parent = cut > 0 ? $" in {at[..cut]}" : "";
            return $"{where}: unknown field '{m.Groups[1].Value}'{parent} (check the spelling; docs/scenarios.md lists every field)";
        }
        msg = msg.Split(" Path:")[0];
        var conv = ConvertRegex().Match(msg);
        if (ex is not SettingsFieldException && !conv.Success)
            msg = "this value cannot be read here (see docs/scenarios.md for what the field takes)";
        if (conv.Success)
        {
            string type = conv.Groups[1].Value;
            msg = type.Contains("Double") ? "expected a number"
                : type.Contains("Int32") ? "expected a whole number"
                : type.Contains("UInt64") ? "expected a non-negative whole number"
                : type.Contains("Boolean") ? "expected true or false"
                : type.Contains("String") ? "expected a string"
                : type.Contains("List") ? "expected a list [...]"
                : "expected an object {...}";
            if (field == "field seed")
                msg += " (the run's random seed: every draw of the run derives from it, so the same seed gives the same run)";
        }
        return string.Join(": ", new[] { where, field, msg }.Where(x => x.Length > 0));
    }

    [GeneratedRegex(@"could not be converted to (\S+?)\.?$")]
    private static partial Regex ConvertRegex();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedRegex();

    /// <param name="lines">Where each field is in the file, so an error names its line; null for a scenario built in code.</param>
    public static void Validate(Scenario s, string path, JsonFieldLines? lines = null)
    {
        var errors = new List<string>();
        void Need(bool ok, string field, string expected)
        {
            if (ok) return;
            string line = lines?.LineOf(field) is int n ? $" line {n}:" : "";
            errors.Add($"{path}:{line} field {field}: expected {expected}");
        }
        Need(RuntimeNames.All.Contains(s.Runtime), "runtime", RuntimeNames.Listed);
        Need(s.Seeds >= 1 && s.Seeds <= MaxSeeds, "seeds", $"1 to {MaxSeeds} seeds");
        Need(s.RealHosting is "processes" or "in-process", "realHosting", "\"processes\" or \"in-process\"");
        Need(s.Peers >= 1 && s.Peers <= MaxPeers, "peers", $"1 to {MaxPeers:N0} peers");
        Need(s.MaxHeapGiB is null or (>= MinHeapGiB and <= 65536), "maxHeapGiB",
            $"a heap ceiling in GiB, at least {MinHeapGiB} (the simulator's collector stays under it; docs/scenarios.md)");
        Need(s.MaxHeapGiB is null || s.Runtime == RuntimeNames.Sim, "maxHeapGiB",
            "runtime \"sim\": it bounds the simulator's heap, and real nodes are processes of their own");
        if (s.Metrics is { } metrics)
        {
            Need(metrics.BasePort >= 1 && metrics.BasePort + s.Seeds + s.Peers - 1 <= 65535, "metrics.basePort",
                $"a port from 1 to {65535 - (s.Seeds + s.Peers - 1)}, so that every one of the {s.Seeds + s.Peers} nodes gets a port");
            Need(s.Runtime != RuntimeNames.Sim && s.RealHosting == "processes", "metrics",
                "node processes: runtime \"real\" or \"netns\" with realHosting \"processes\"");
        }
        Need(s.JoinWindowSeconds >= 0, "joinWindowSeconds", "0 or more seconds");
        Need(s.JoinDoublingSeconds is null or > 0, "joinDoublingSeconds",
            "a positive number of seconds (while it grows, the network doubles every that many seconds)");
        Need(s.DurationSeconds is null or > 0, "durationSeconds", "a positive number of seconds");
        Need(s.DrainSeconds >= 0, "drainSeconds", "0 or more seconds");
        if (s.Gossip.Origins is { } o)
        {
            bool ok = (o.ValueKind == JsonValueKind.String && o.GetString() == "all")
                   || (o.ValueKind == JsonValueKind.Number && o.TryGetInt32(out int k) && k >= 0 && k <= s.Peers);
            Need(ok, "gossip.origins", $"\"all\" or a whole number from 0 to peers ({s.Peers})");
        }
        var lat = s.Network.Latency;
        if (lat.Model != "empirical") MeasuredLatency.CheckUnused(lat, Need);
        if (lat.Model != WanSpec.Model) WanSpec.CheckUnused(lat, Need);
        switch (lat.Model)
        {
            case "constant": Need(lat.Ms is >= 0, "network.latency.ms", "a delay in ms (0 or more) for the constant model"); break;
            case "uniform":
                Need(lat.MinMs is null or >= 0, "network.latency.minMs", "0 or more ms");
                Need((lat.MaxMs ?? 50) >= (lat.MinMs ?? 10), "network.latency.maxMs", "at least minMs");
                break;
            case "lognormal":
                Need(lat.MedianMs is > 0, "network.latency.medianMs", "a positive median in ms for the lognormal model");
                Need(lat.Sigma is null or >= 0, "network.latency.sigma", "0 or more");
                Need(lat.MinMs is null or >= 0, "network.latency.minMs", "0 or more: a floor in ms under the log-normal part");
                break;
            case "empirical": MeasuredLatency.Check(lat, path, Need); break;
            case WanSpec.Model: WanSpec.Check(lat, s.Seeds, path, Need); break;
            default: Need(false, "network.latency.model", "\"constant\", \"uniform\", \"lognormal\", \"empirical\" or \"wan\""); break;
        }
        if (lat.NodeHop is { } hop)
        {
            Need(lat.Model != "empirical", "network.latency.nodeHop", "absent under the empirical model (a real run's delays hold the nodes' cost already)");
            Need(hop.Model == "empirical" && hop.QuantilesMs != null && hop.From == null && hop.NodeHop == null, "network.latency.nodeHop",
                "an empirical model with quantilesMs (what a real hop costs at the nodes, as compare writes it), with no from and no nodeHop of its own");
            if (hop.Model == "empirical" && hop.QuantilesMs != null)
                MeasuredLatency.Check(hop, path, (ok, field, what) => Need(ok, field.Replace("network.latency", "network.latency.nodeHop"), what));
        }
        Need(s.Network.Loss is >= 0 and < 1, "network.loss", "a probability from 0 to below 1");
        Need(s.Network.Duplication is >= 0 and <= 1, "network.duplication", "a probability from 0 to 1");
        Need(s.Network.ReorderRate is >= 0 and <= 1, "network.reorderRate", "a probability from 0 to 1");
        Need(s.Network.ReorderMaxDelayMs >= 0, "network.reorderMaxDelayMs", "0 or more ms");
        if (s.Churn is { } c)
        {
            Need(c.From >= 0 && c.Until > c.From, "churn.until", "a time after churn.from");
            Need(c.JoinsPerSecond >= 0 && c.JoinsPerSecond <= 10_000, "churn.joinsPerSecond", "0 to 10,000");
            Need(c.LeavesPerSecond >= 0 && c.LeavesPerSecond <= 10_000, "churn.leavesPerSecond", "0 to 10,000");
            Need(s.Runtime == RuntimeNames.Sim, "churn", ChurnNeeds);
        }
        for (int i = 0; i < (s.Expected?.Count ?? 0); i++)
        {
            var e = s.Expected![i];
            Need(!string.IsNullOrWhiteSpace(e.Figure), $"expected[{i}].figure", "a figure of summary.json by its dotted key (e.g. gossip.redundancy)");
            Need(e.Within >= 0 && double.IsFinite(e.Within) && double.IsFinite(e.Value), $"expected[{i}].within",
                "a finite value and a tolerance of 0 or more around it");
            Need(!string.IsNullOrWhiteSpace(e.Source), $"expected[{i}].source", "where the figure comes from (a paper, its table or figure)");
        }
        FaultParser.Parse(s, Need);
        ValidateTunables(s, Need);
        if (errors.Count > 0) throw new ScenarioException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>
    /// A file's values were checked as they were read (with their line); this checks a scenario
    /// built in code the same way, and then the waits that must outlast others.
    /// </summary>
    private static void ValidateTunables(Scenario s, Action<bool, string, string> need)
    {
        bool inRange = true;
        foreach (var section in new TunableSettings[] { s.Gossip, s.PeerSettings, s.SeedSettings, s.Protocol })
            foreach (var (t, value) in section.Given)
            {
                need(t.IsValid(value), t.JsonName, $"{t.Expected}, got {t.Format(value)}");
                inRange &= t.IsValid(value);
            }
        if (!inRange) return;
        foreach (var (t, expected) in Tunables.Violations(ScenarioConfig.PeerConfigOf(s), PeerTunables.All, o => o.JsonName))
            need(false, t.JsonName, expected);
        foreach (var (t, expected) in Tunables.Violations(ScenarioConfig.SeedConfigOf(s), SeedTunables.All, o => o.JsonName))
            need(false, t.JsonName, expected);
    }
}

public sealed class ScenarioException(string message) : Exception(message);
