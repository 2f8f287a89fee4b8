using System.Text;
using System.Text.Json;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// Where each field of a JSON file is: its path as an error names it (<c>peerSettings.missesBeforeSuspect</c>,
/// <c>faults[0].target</c>) and its line, so a check made after reading can still point at the line.
/// </summary>
public sealed class JsonFieldLines
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonFieldLines() { }

    /// <summary>The fields of <paramref name="json"/>; a file that does not parse gives what was read before the error.</summary>
    public static JsonFieldLines Of(string json)
    {
        var map = new JsonFieldLines();
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
            { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<(string name, int nextIndex, bool isArray)>(); // the containers we are in
        string? pendingName = null;
        int line = 1, scanned = 0;
        int LineAt(long offset)
        {
            for (; scanned < offset && scanned < bytes.Length; scanned++) if (bytes[scanned] == '\n') line++;
            return line;
        }
        string Current(string? child)
        {
            var sb = new StringBuilder();
            foreach (var (name, _, _) in path) sb.Append(name);
            if (child != null) sb.Append(child);
            return sb.ToString().TrimStart('.');
        }
        string? ValueName()
        {
            if (pendingName != null) { string n = "." + pendingName; pendingName = null; return n; }
            if (path.Count > 0 && path[^1].isArray)
            {
                var top = path[^1];
                path[^1] = (top.name, top.nextIndex + 1, true);
                return $"[{top.nextIndex}]";
            }
            return null;
        }
        try
        {
            while (reader.Read())
            {
                int at = LineAt(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        map._lines.TryAdd(Current("." + pendingName), at);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    {
                        string? name = ValueName();
                        if (name != null) map._lines.TryAdd(Current(name), at);
                        path.Add((name ?? "", 0, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    }
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (path.Count > 0) path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        if (ValueName() is { } value) map._lines.TryAdd(Current(value), at);
                        break;
                }
            }
        }
        catch (JsonException) { } // the syntax error itself is reported by the loader
        return map;
    }

    /// <summary>
    /// The line of <paramref name="field"/>; for a field that is absent, the line of the nearest
    /// enclosing one that is there (network.latency for a missing network.latency.medianMs); null if none.
    /// </summary>
    public int? LineOf(string field)
    {
        for (string f = field; f.Length > 0; f = Parent(f))
            if (_lines.TryGetValue(f, out int line)) return line;
        return null;
    }

    private static string Parent(string field)
    {
        int cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
        return cut <= 0 ? "" : field[..cut];
    }
}
