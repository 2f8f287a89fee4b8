using System.Text.Json;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Dashboard;

/// <summary>
/// The page's manager requests (<c>POST /api/command</c>) as typed commands. The buttons send
/// their fields: <c>{"command":"kill","target":"hub"}</c>, <c>{"command":"add","count":3}</c>,
/// <c>{"command":"partition","groups":[["seed:0"],["peers:0-4"]],"oneWay":false}</c>; the page's
/// text box sends the line a person typed, <c>{"line":"kill peer:3"}</c>, read by <see cref="ManagerCommand.Parse"/>.
/// </summary>
public static class CommandJson
{
    public static RunCommand? Parse(JsonElement body, out string error)
    {
        error = "";
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "expected a JSON object with a \"command\" or a \"line\"";
            return null;
        }
        if (Text(body, "line") is { } line)
        {
            if (line.Length is 0 or > 200) { error = "empty or too long command"; return null; }
            return ManagerCommand.Parse(line, out error);
        }
        switch (Text(body, "command"))
        {
            case "list": return new ListNodes();
            case "heal": return new HealNetwork();
            case "quit": return new QuitRun();
            case "add":
                if (body.TryGetProperty("count", out var c) && c.TryGetInt32(out int n)) return new AddPeers(n);
                error = "add: expected \"count\": a whole number";
                return null;
            case "kill" or "restart" when Text(body, "target") is { } t && NodeTarget.TryParse(t, out var target):
                return Text(body, "command") == "kill" ? new KillNode(target) : new RestartNode(target);
            case "kill" or "restart":
                error = "expected \"target\": \"hub\", \"peer:i\", \"seed:i\" or an address ip:port";
                return null;
            case "partition":
                if (body.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Array
                    && g.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Array && x.EnumerateArray().All(y => y.ValueKind == JsonValueKind.String)))
                {
                    var groups = g.EnumerateArray().Select(x => (IReadOnlyList<string>)x.EnumerateArray().Select(y => y.GetString()!).ToList()).ToList();
                    bool oneWay = body.TryGetProperty("oneWay", out var w) && w.ValueKind == JsonValueKind.True;
                    return new PartitionNetwork(groups, oneWay);
                }
                error = "partition: expected \"groups\": a list of lists like [[\"seed:0\"], [\"peers:0-4\"]]";
                return null;
            default:
                error = "expected \"command\": list, add, kill, restart, partition, heal or quit";
                return null;
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
