using System.Text.Json.Nodes;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;
using GossipSim.Simulator.Threads;

namespace GossipSim.DelayRelay;

/// <summary>
/// The latency model the relay applies, as a file: the bed writes the model the scenario's
/// one latency factory built, the relay reads back the same model (every parameter exactly,
/// doubles round-trip in JSON), so the relay draws delays by the simulator's own code without
/// parsing scenarios.
/// </summary>
public static class LatencyFile
{
    public static void Write(string path, LatencyModel model) => File.WriteAllText(path, ToJson(model).ToJsonString() + "\n");

    public static LatencyModel Read(string path) =>
        FromJson(JsonNode.Parse(File.ReadAllText(path)) ?? throw new FormatException($"{path}: empty latency file"));

    public static JsonNode ToJson(LatencyModel model) => model switch
    {
        ConstantLatency c => new JsonObject { ["model"] = "constant", ["ms"] = c.Ms },
        UniformLatency u => new JsonObject { ["model"] = "uniform", ["minMs"] = u.MinMs, ["maxMs"] = u.MaxMs },
        LogNormalLatency l => new JsonObject
            { ["model"] = "lognormal", ["medianMs"] = l.MedianMs, ["sigma"] = l.Sigma, ["minMs"] = l.MinMs },
        EmpiricalLatency e => new JsonObject
            { ["model"] = "empirical", ["quantilesMs"] = new JsonArray(e.QuantilesMs.Select(q => (JsonNode?)q).ToArray()),
                ["source"] = e.Source },
        ReceiverDelayLatency r => new JsonObject
            { ["model"] = "receiverDelay", ["link"] = ToJson(r.Link), ["receiver"] = ToJson(r.Receiver), ["salt"] = r.Salt },
        MessageFactorLatency m => new JsonObject
            { ["model"] = "messageFactor", ["inner"] = ToJson(m.Inner), ["median"] = m.Median, ["sigma"] = m.Sigma, ["salt"] = m.Salt },
        SlotLatency s => new JsonObject
            { ["model"] = "slot", ["inner"] = ToJson(s.Inner), ["slot"] = ToJson(s.Slot),
                ["wakeWeight"] = s.WakeWeight, ["salt"] = s.Salt },
        WanLatency w => Wan(w),
        _ => throw new ArgumentException($"the relay cannot apply the latency model {model.GetType().Name}", nameof(model)),
    };

    /// <summary>The wan model as its scenario gave it: the mix (by name, or its weights by code, which make the same shares to the
    /// last bit), the pinned countries and the nodes at the start; the relay places nodes and draws pairs from the run's seed.</summary>
    private static JsonObject Wan(WanLatency w)
    {
        if (!ReferenceEquals(w.Atlas, WanAtlas.Shipped))
            throw new ArgumentException("the relay applies the wan model on the shipped measurements only", nameof(w));
        var codes = w.Atlas.Codes;
        var json = new JsonObject { ["model"] = "wan" };
        if (CountryMix.Named.Contains(w.Mix.Name)) json["mix"] = w.Mix.Name;
        else json["weights"] = new JsonObject(w.Mix.Countries.Select((c, i) =>
            KeyValuePair.Create(codes[c], (JsonNode?)w.Mix.Weights[i])));
        json["pinned"] = new JsonArray(w.Pinned.Select(c => (JsonNode?)codes[c]).ToArray());
        json["nodes"] = w.Nodes;
        return json;
    }

    private static WanLatency Wan(JsonNode json)
    {
        var atlas = WanAtlas.Shipped;
        var mix = json["mix"] is { } name ? CountryMix.OfName(name.GetValue<string>(), atlas)
            : CountryMix.OfWeights(Node(json, "weights").AsObject().ToDictionary(w => w.Key, w => w.Value!.GetValue<double>()), atlas);
        var pinned = Node(json, "pinned").AsArray().Select(c => atlas.TryIndex(c!.GetValue<string>(), out byte i) ? i
            : throw new FormatException($"latency model: {atlas.Problem(c.GetValue<string>())}")).ToArray();
        return new WanLatency(mix, pinned, Node(json, "nodes").GetValue<int>());
    }

    public static LatencyModel FromJson(JsonNode json) => (string?)json["model"] switch
    {
        "constant" => new ConstantLatency(Number(json, "ms")),
        "uniform" => new UniformLatency(Number(json, "minMs"), Number(json, "maxMs")),
        "lognormal" => new LogNormalLatency(Number(json, "medianMs"), Number(json, "sigma"), Number(json, "minMs")),
        "empirical" => Empirical(json),
        "receiverDelay" => new ReceiverDelayLatency(FromJson(Node(json, "link")), Empirical(Node(json, "receiver"))) { Salt = Salt(json) },
        "messageFactor" => new MessageFactorLatency(FromJson(Node(json, "inner")), Number(json, "median"),
            Number(json, "sigma")) { Salt = Salt(json) },
        "slot" => new SlotLatency(FromJson(Node(json, "inner")), Empirical(Node(json, "slot")),
            Number(json, "wakeWeight")) { Salt = Salt(json) },
        "wan" => Wan(json),
        var other => throw new FormatException($"unknown latency model '{other}'"),
    };

    private static EmpiricalLatency Empirical(JsonNode json) =>
        new(Node(json, "quantilesMs").AsArray().Select(q => q!.GetValue<double>()).ToArray(), (string?)json["source"] ?? "");

    private static JsonNode Node(JsonNode json, string name)
        => json[name] ?? throw new FormatException($"latency model: '{name}' is missing");
    private static double Number(JsonNode json, string name) => Node(json, name).GetValue<double>();
    private static ulong Salt(JsonNode json) => Node(json, "salt").GetValue<ulong>();
}
