using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// Turns a scenario's fault entries (<see cref="FaultSpec"/>, the JSON shape) into typed
/// <see cref="Fault"/>s, in the order they happen. Every error names the field and what was expected.
/// </summary>
public static class FaultParser
{
    /// <summary>The schedule of a checked scenario; throws <see cref="ScenarioException"/> naming each bad field.</summary>
    public static IReadOnlyList<Fault> Parse(Scenario s, string source = "scenario")
    {
        var errors = new List<string>();
        var faults = Parse(s, (ok, field, expected) => { if (!ok) errors.Add($"{source}: field {field}: expected {expected}"); });
        if (errors.Count > 0) throw new ScenarioException(string.Join(Environment.NewLine, errors));
        return faults;
    }

    /// <summary>Parses every entry, reporting each problem through <paramref name="need"/> (ok, field, expected).</summary>
    public static IReadOnlyList<Fault> Parse(Scenario s, Action<bool, string, string> need)
    {
        var faults = new List<Fault>();
        for (int i = 0; i < s.Faults.Count; i++)
        {
            bool valid = true;
            void Need(bool ok, string field, string expected)
            {
                need(ok, field, expected);
                valid &= ok;
            }
            var fault = ParseOne(s, s.Faults[i], $"faults[{i}]", Need);
            Need(s.Faults[i].After is null or "allLinked", $"faults[{i}].after",
                "\"allLinked\" (wait until every peer has registered and linked), or no \"after\"");
            if (valid && fault != null)
                faults.Add(s.Faults[i].After == "allLinked" ? fault with { After = FaultTrigger.AllLinked } : fault);
        }
        // Stable: faults at the same time keep the file's order. New seeds are numbered after the scenario's, in that order.
        var ordered = faults.OrderBy(f => f.At).ToList();
        int newSeed = s.Seeds;
        for (int i = 0; i < ordered.Count; i++)
            if (ordered[i] is SeedSetFault { Change: not SeedSetChangeKind.Remove } add) ordered[i] = add with { NewSeed = newSeed++ };
        return ordered;
    }

    /// <summary>The most peers one join fault starts (the manager's add takes as many at a time).</summary>
    public const int MaxJoin = 50;

    private static Fault? ParseOne(Scenario s, FaultSpec f, string at, Action<bool, string, string> need)
    {
        need(f.At >= 0, $"{at}.at", "0 or more seconds");
        if (f.Hosts != null)
            need(f.Action is "crash" or "drain" && f.Target == "host", $"{at}.hosts", "only with a crash or drain of target \"host\"");
        switch (f.Action)
        {
            case "crash":
                need(f.Target is "hub" or "random-peers" or "peer" or "seed" or "host", $"{at}.target",
                    "\"hub\", \"random-peers\", \"peer\", \"seed\" or \"host\"");
                if (f.Target == "random-peers") need(f.Count is >= 1 && f.Count <= s.Peers, $"{at}.count", $"1 to {s.Peers} peers");
                if (f.Target == "host")
                {
                    need(f.Hosts is >= 2 && f.Hosts <= s.Seeds + s.Peers, $"{at}.hosts",
                        $"2 to {s.Seeds + s.Peers} hosts the nodes are spread over in turn");
                    need(f.Index is >= 0 && f.Index < f.Hosts, $"{at}.index", $"a host index 0 to {(f.Hosts ?? 2) - 1}");
                }
                NeedIndex(s, f, at, need);
                return f.Target switch
                {
                    "hub" => new CrashFault(f.At, new VictimSelector(VictimKind.Hub)),
                    "random-peers" => new CrashFault(f.At, new VictimSelector(VictimKind.RandomPeers, Count: f.Count ?? 1)),
                    "peer" => new CrashFault(f.At, new VictimSelector(VictimKind.Peer, Index: f.Index ?? 0)),
                    "seed" => new CrashFault(f.At, new VictimSelector(VictimKind.Seed, Index: f.Index ?? 0)),
                    "host" => new CrashFault(f.At, new VictimSelector(VictimKind.Host, Count: f.Hosts ?? 2, Index: f.Index ?? 0,
                        Seeds: s.Seeds + s.Faults.Count(x => x.Action == "seed-set" && x.Change != "remove"))),
                    _ => null,
                };
            case "restart":
                need(f.Target is "peer" or "seed" or "crashed", $"{at}.target", "\"peer\", \"seed\" or \"crashed\"");
                NeedIndex(s, f, at, need);
                if (f.Count != null)
                    need(f.Target == "crashed" && f.Count >= 1, $"{at}.count",
                        "with target \"crashed\" only: 1 or more (the crashed peers longest down first); absent: every crashed node");
                return f.Target switch
                {
                    "crashed" => new RestartFault(f.At, RestartKind.Crashed, Count: f.Count),
                    "seed" => new RestartFault(f.At, RestartKind.Seed, f.Index ?? 0),
                    "peer" => new RestartFault(f.At, RestartKind.Peer, f.Index ?? 0),
                    _ => null,
                };
            case "leave":
                need(f.Target is "random-peers" or "peer", $"{at}.target", "\"random-peers\" (+\"count\") or \"peer\" (+\"index\")");
                if (f.Target == "random-peers") need(f.Count is >= 1 && f.Count <= s.Peers, $"{at}.count", $"1 to {s.Peers} peers");
                NeedIndex(s, f, at, need);
                return f.Target switch
                {
                    "random-peers" => new LeaveFault(f.At, new VictimSelector(VictimKind.RandomPeers, Count: f.Count ?? 1)),
                    "peer" => new LeaveFault(f.At, new VictimSelector(VictimKind.Peer, Index: f.Index ?? 0)),
                    _ => null,
                };
            case "join":
                need(f.Count is >= 1 and <= MaxJoin, $"{at}.count", $"1 to {MaxJoin} new peers");
                return new JoinFault(f.At, f.Count ?? 1);
            case "partition":
            {
                need(f.DurationSeconds is null or > 0, $"{at}.durationSeconds", "a positive number of seconds");
                need(f.Direction is null or "both" or "one-way", $"{at}.direction", "\"both\" or \"one-way\"");
                bool oneWay = f.Direction == "one-way";
                var texts = (f.Groups ?? new()).Select(g => (IReadOnlyList<string>)g.ToList()).ToList();
                var groups = ParseGroups(s, texts, oneWay, (ok, why) => need(ok, $"{at}.groups", why));
                return new PartitionFault(f.At, groups, texts, oneWay, f.DurationSeconds);
            }
            case "heal":
                return new HealFault(f.At);
            case "loss":
                need(f.Rate is >= 0 and < 1, $"{at}.rate", "a probability from 0 to below 1");
                need(f.DurationSeconds is null or > 0, $"{at}.durationSeconds", "a positive number of seconds");
                return new LossFault(f.At, f.Rate ?? 0, f.DurationSeconds);
            case "duplication":
                need(f.Rate is >= 0 and <= 1, $"{at}.rate", "a probability from 0 to 1");
                need(f.DurationSeconds is null or > 0, $"{at}.durationSeconds", "a positive number of seconds");
                return new DuplicationFault(f.At, f.Rate ?? 0, f.DurationSeconds);
            case "latency-spike":
                need(f.Factor is null or >= 1, $"{at}.factor", "1 or more");
                need(f.ExtraMs is null or >= 0, $"{at}.extraMs", "0 or more ms");
                need(f.DurationSeconds is > 0, $"{at}.durationSeconds", "a positive number of seconds (a spike ends)");
                return new LatencySpikeFault(f.At, f.Factor ?? 1, f.ExtraMs ?? 0, f.DurationSeconds ?? 0);
            case "seed-set":
            {
                need(f.Change is "add" or "remove" or "replace", $"{at}.change",
                    "\"add\" (a new seed), \"remove\" (seed \"index\") or \"replace\" (seed \"index\" by a new one)");
                if (f.Change is "remove" or "replace")
                    need(f.Index is >= 0 && f.Index < s.Seeds, $"{at}.index", $"the seed to {f.Change}: 0 to {s.Seeds - 1}");
                else need(f.Index is null, $"{at}.index", "no index with \"add\" (the new seed is numbered after the others)");
                need(f.Target is null, $"{at}.target", "no target with \"seed-set\" (\"change\" and \"index\" say what changes)");
                return f.Change switch
                {
                    "add" => new SeedSetFault(f.At, SeedSetChangeKind.Add),
                    "remove" => new SeedSetFault(f.At, SeedSetChangeKind.Remove, f.Index ?? 0),
                    "replace" => new SeedSetFault(f.At, SeedSetChangeKind.Replace, f.Index ?? 0),
                    _ => null,
                };
            }
            case "drain":
                need(f.Target == "host", $"{at}.target", "\"host\" (+\"hosts\", \"index\"): the host whose nodes are moved elsewhere");
                need(f.Hosts is >= 2 && f.Hosts <= s.Seeds + s.Peers, $"{at}.hosts", $"2 to {s.Seeds + s.Peers} hosts the nodes are spread over in turn");
                need(f.Index is >= 0 && f.Index < f.Hosts, $"{at}.index", $"a host index 0 to {(f.Hosts ?? 2) - 1}");
                return new DrainFault(f.At, new VictimSelector(VictimKind.Host, Count: f.Hosts ?? 2, Index: f.Index ?? 0,
                    Seeds: s.Seeds + s.Faults.Count(x => x.Action == "seed-set" && x.Change != "remove")));
            case "move":
                need(f.Target == "seed", $"{at}.target", "\"seed\" (+\"index\"): a seed moves, with its key, to a new address");
                NeedIndex(s, f, at, need);
                return f.Target == "seed" ? new MoveFault(f.At, f.Index ?? 0) : null;
            default:
                need(false, $"{at}.action", "\"crash\", \"restart\", \"leave\", \"join\", \"move\", \"drain\", \"partition\", "
                    + "\"heal\", \"loss\", \"duplication\", \"latency-spike\" or \"seed-set\"");
                return null;
        }
    }

    private static void NeedIndex(Scenario s, FaultSpec f, string at, Action<bool, string, string> need)
    {
        if (f.Target == "peer") need(f.Index is >= 0 && f.Index < s.Peers, $"{at}.index", $"a peer index 0 to {s.Peers - 1}");
        if (f.Target == "seed") need(f.Index is >= 0 && f.Index < s.Seeds, $"{at}.index", $"a seed index 0 to {s.Seeds - 1}");
    }

    /// <summary>
    /// Partition groups of "seed:i", "seeds", "peer:i", "peers", "peers:a-b": at least one group,
    /// exactly two when one-way. The scenario's file and the manager's command are checked here alike.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<NodeSelector>> ParseGroups(Scenario s, IReadOnlyList<IReadOnlyList<string>> texts,
        bool oneWay, Action<bool, string> need)
    {
        need(texts.Count >= 1, "a list of groups, each a list like [\"seed:0\", \"peers:0-9\"]");
        need(!oneWay || texts.Count == 2, "exactly two groups for a one-way partition (messages from the first to the second are lost)");
        var groups = new List<IReadOnlyList<NodeSelector>>();
        foreach (var g in texts)
        {
            var group = new List<NodeSelector>();
            foreach (var text in g)
            {
                bool ok = NodeSelector.TryParse(text, s, out var sel, out var why);
                need(ok, why);
                if (ok) group.Add(sel);
            }
            groups.Add(group);
        }
        return groups;
    }
}
