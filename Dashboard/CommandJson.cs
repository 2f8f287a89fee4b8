using System.Globalization;
using System.Text.Json;

namespace GossipSim.Dashboard;

/// <summary>
/// The page's manager requests (<c>POST /api/command</c>) as manager lines, which the run reads
/// (<see cref="Runs.IDashboardRun.SendAsync"/>). The buttons send their fields:
/// <c>{"command":"kill","target":"hub"}</c>, <c>{"command":"add","count":3}</c>,
/// <c>{"command":"partition","groups":[["seed:0"],["peers:0-4"]],"oneWay":false}</c>; the page's
/// text box sends the line a person typed, <c>{"line":"kill peer:3"}</c>.
/// </summary>
public static class CommandJson
{
    public static string? Parse(JsonElement body, out string error)
    {
        error = "";
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "expected a JSON object with a \"command\" or a \"line\"";
            return null;
        }
        if (Text(body, "line") is { } line)
        {
            if (line.Trim().Length is 0 or > 200) { error = "empty or too long command"; return null; }
            return line.Trim();
        }
        switch (Text(body, "command"))
        {
            case "list" or "heal" or "quit": return Text(body, "command");
            case "add":
                if (body.TryGetProperty("count", out var c) && c.TryGetInt32(out int n))
                    return "add " + n.ToString(CultureInfo.InvariantCulture);
                error = "add: expected \"count\": a whole number";
                return null;
            case "kill" or "restart" when Text(body, "target") is { } t && t.Length > 0 && !t.Contains(' '):
                return $"{Text(body, "command")} {t}";
            case "kill" or "restart":
                error = "expected \"target\": \"hub\", \"peer:i\", \"seed:i\" or an address ip:port";
                return null;
            case "partition":
                if (body.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Array
                    && g.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Array
                    && x.EnumerateArray().All(y => y.ValueKind == JsonValueKind.String && Word(y.GetString()!))))
                {
                    var groups = g.EnumerateArray().Select(x => string.Join(",", x.EnumerateArray().Select(y => y.GetString()!)));
                    bool oneWay = body.TryGetProperty("oneWay", out var w) && w.ValueKind == JsonValueKind.True;
                    return $"partition {(oneWay ? "one-way " : "")}{string.Join(" | ", groups)}";
                }
                error = "partition: expected \"groups\": a list of lists like [[\"seed:0\"], [\"peers:0-4\"]]";
                return null;
            default:
                error = "expected \"command\": list, add, kill, restart, partition, heal or quit";
                return null;
        }
    }

    /// <summary>A group member such as "seed:0" or "peers:0-4": nothing that would split or join groups in the line.</summary>
    private static bool Word(string s) => s.Length > 0 && s.IndexOfAny([' ', ',', '|']) < 0;

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
