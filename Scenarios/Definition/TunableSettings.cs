using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// One object of a scenario file that sets tunables by name (peerSettings, seedSettings, the
/// gossip timings): the fields it takes, their units and ranges come from the tables
/// (<see cref="PeerTunables"/>, <see cref="SeedTunables"/>), so a tunable added there is at once a
/// scenario field. An absent field keeps the record's default.
/// </summary>
public abstract class TunableSettings
{
    private readonly Dictionary<string, Tunable> _fields;
    private readonly Dictionary<string, double> _values = new();

    protected TunableSettings(string section, IEnumerable<Tunable> table)
    {
        Section = section;
        _fields = table.Where(t => t.Section == section && t.Source == TunableSource.Scenario).ToDictionary(t => t.Field);
    }

    /// <summary>The object's name in the scenario file.</summary>
    public string Section { get; }

    /// <summary>The tunables this object sets.</summary>
    public IEnumerable<Tunable> Fields => _fields.Values;

    /// <summary>A field's value in its unit (seconds, a count, 1 or 0 for a flag); null when absent.</summary>
    public double? this[string field]
    {
        get => _values.TryGetValue(FieldNamed(field)?.Field ?? throw Unknown(field), out double v) ? v : null;
        set
        {
            if (FieldNamed(field) == null) throw Unknown(field);
            if (value is { } v) _values[field] = v;
            else _values.Remove(field);
        }
    }

    /// <summary>The value this object gives <paramref name="tunable"/>, if it gives one.</summary>
    public bool TryGet(Tunable tunable, out double value)
    {
        value = 0;
        return tunable.Section == Section && _values.TryGetValue(tunable.Field, out value);
    }

    /// <summary>The fields given, in file order.</summary>
    public IEnumerable<(Tunable Tunable, double Value)> Given => _values.Select(kv => (_fields[kv.Key], kv.Value));

    public Tunable? FieldNamed(string field) => _fields.GetValueOrDefault(field);

    private ArgumentException Unknown(string field) =>
        new($"{Section} has no field '{field}'; it has {string.Join(", ", _fields.Keys)}", nameof(field));

    /// <summary>A field of this object that is not a tunable (gossip.origins): true when it was read.</summary>
    protected internal virtual bool ReadOther(string field, ref Utf8JsonReader reader) => false;

    protected internal virtual void WriteOther(Utf8JsonWriter writer)
    {
    }
}

/// <summary>
/// Reads and writes a <see cref="TunableSettings"/> object: each field checked against its
/// tunable's unit and range as it is read, so an error names the line, the field and what was expected.
/// </summary>
public sealed class TunableSettingsConverter<T> : JsonConverter<T> where T : TunableSettings, new()
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var settings = new T();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new SettingsFieldException(settings.Section, $"expected an object {{...}}, got {Token(ref reader)}");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            reader.Read();
            if (settings.ReadOther(field, ref reader)) continue;
            var tunable = settings.FieldNamed(field)
                ?? throw new SettingsFieldException($"{settings.Section}.{field}",
                    $"unknown field (check the spelling; {settings.Section} "
                        + $"takes {string.Join(", ", settings.Fields.Select(f => f.Field))})");
            settings[field] = Value(tunable, ref reader);
        }
        return settings;
    }

    private static double Value(Tunable tunable, ref Utf8JsonReader reader)
    {
        double value = 0;
        bool ok = tunable.Unit switch
        {
            TunableUnit.Flag => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
            TunableUnit.Choice => reader.TokenType == JsonTokenType.String && tunable.TryParse(reader.GetString()!, out value),
            _ => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value),
        };
        if (tunable.Unit == TunableUnit.Flag) value = reader.TokenType == JsonTokenType.True ? 1 : 0;
        if (!ok || !tunable.IsValid(value))
            throw new SettingsFieldException(tunable.JsonName, $"expected {tunable.Expected}, got {Token(ref reader)}");
        return value;
    }

    private static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        value.WriteOther(writer);
        foreach (var (tunable, v) in value.Given)
        {
            writer.WritePropertyName(tunable.Field);
            switch (tunable.Unit)
            {
                case TunableUnit.Flag: writer.WriteBooleanValue(v != 0); break;
                case TunableUnit.Count: writer.WriteNumberValue((long)v); break;
                case TunableUnit.Choice: writer.WriteStringValue(tunable.Format(v)); break;
                default: writer.WriteNumberValue(v); break;
            }
        }
        writer.WriteEndObject();
    }
}

/// <summary>A settings field that its table does not allow; thrown while reading, so the serializer adds the line.</summary>
public sealed class SettingsFieldException(string field, string problem) : JsonException(problem)
{
    /// <summary>The field as a scenario names it: peerSettings.pingIntervalSeconds.</summary>
    public string Field { get; } = field;
}
