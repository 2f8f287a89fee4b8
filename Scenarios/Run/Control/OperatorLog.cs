using System.Text.Json;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>A manager command applied to a simulation after every event up to <see cref="At"/> (virtual seconds, whole
/// milliseconds).</summary>
/// <param name="Command">The command as typed at the terminal (<see cref="ManagerCommand.Format"/>).</param>
public sealed record OperatorEntry(double At, string Command);

/// <summary>
/// The manager commands a live simulation carried out, in order, with their virtual times: the
/// one input of the run besides its scenario and seed. Saved as <see cref="FileName"/> (and in
/// summary.json's <c>operatorCommands</c>); <c>--operator</c> applies them again at the same
/// points, which repeats the run exactly.
/// </summary>
public static class OperatorLog
{
    public const string FileName = "operator-commands.json";
    public const string SummaryField = "operatorCommands";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static void Save(string path, IReadOnlyList<OperatorEntry> entries)
        => File.WriteAllText(path, JsonSerializer.Serialize(entries, Json) + "\n");

    /// <summary>
    /// The commands of an operator-commands.json, or of a summary.json that holds them; throws
    /// <see cref="ScenarioException"/> naming the file, the entry and what was expected.
    /// </summary>
    public static IReadOnlyList<(double At, RunCommand Command)> Load(string path)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ScenarioException($"{path}: cannot read the operator commands: {ex.Message}");
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("extra", out var extra) && extra.ValueKind == JsonValueKind.Object
            && extra.TryGetProperty(SummaryField, out var inSummary)) root = inSummary;
        if (root.ValueKind != JsonValueKind.Array)
            throw new ScenarioException($"{path}: expected a list of {{\"at\": seconds, \"command\": \"...\"}} (or a summary.json with "
                + $"\"extra\": {{\"{SummaryField}\": ...}})");
        var commands = new List<(double, RunCommand)>();
        double last = 0;
        int i = 0;
        foreach (var e in root.EnumerateArray())
        {
            string at = $"{path}: entry {i++}";
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("at", out var t)
                || !t.TryGetDouble(out double seconds) || seconds < last)
                throw new ScenarioException($"{at}: field at: expected virtual seconds, 0 or more and not before the entry above");
            if (!e.TryGetProperty("command", out var c) || c.ValueKind != JsonValueKind.String)
                throw new ScenarioException($"{at}: field command: expected a manager command such as \"heal\"");
            var command = ManagerCommand.Parse(c.GetString()!, out string error)
                ?? throw new ScenarioException($"{at}: field command: {error}");
            commands.Add((Math.Round(seconds * 1000) / 1000, command));
            last = seconds;
        }
        return commands;
    }
}
