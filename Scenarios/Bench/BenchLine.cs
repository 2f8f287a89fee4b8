using System.Text.Json;

namespace GossipSim.Scenarios.Bench;

/// <summary>
/// The one JSON line a `bench` command prints, written field by field. The reflection-based
/// serializer took about 50 ms of CPU to prepare itself for the line's arrays and nested
/// object, a few percent of a 10⁵-peer flood's whole process.
/// </summary>
public static class BenchLine
{
    /// <summary>Writes the fields in order: numbers, strings, booleans, arrays of numbers and objects of longs.</summary>
    public static void Print(IEnumerable<KeyValuePair<string, object>> fields)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                json.WritePropertyName(name);
                Write(json, value);
            }
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static void Write(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case ulong u: json.WriteNumberValue(u); break;
            case double d: json.WriteNumberValue(d); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int[] ints: json.WriteStartArray(); foreach (var i in ints) json.WriteNumberValue(i); json.WriteEndArray(); break;
            case long[] longs: json.WriteStartArray(); foreach (var l in longs) json.WriteNumberValue(l); json.WriteEndArray(); break;
            case double[] doubles: json.WriteStartArray(); foreach (var d in doubles) json.WriteNumberValue(d); json.WriteEndArray(); break;
            case IEnumerable<KeyValuePair<string, long>> fields:
                json.WriteStartObject();
                foreach (var (name, l) in fields) json.WriteNumber(name, l);
                json.WriteEndObject();
                break;
            default: throw new ArgumentException($"no JSON form for a field of type {value.GetType().Name}", nameof(value));
        }
    }
}
