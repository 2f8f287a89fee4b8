using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Runs;

/// <summary>
/// A run as the dashboard follows and manages it. The dashboard knows no run types: the
/// program that runs the scenario hands it one of these. Manager commands travel as the lines
/// a person types at the terminal ("kill peer:3", "partition seed:0 | peers:0-4"); the run
/// reads them with its own parser, so the page's buttons, its text box and the terminal mean
/// the same thing.
/// </summary>
public interface IDashboardRun
{
    /// <summary>Carries out one manager line on the run's own loop. Thread-safe. A line that is no command is answered with
    /// <see cref="ManagerAnswer.Command"/> null and the error.</summary>
    Task<ManagerAnswer> SendAsync(string line);

    /// <summary>The names of the commands this run carries out (the page shows only their buttons), in the order of its buttons.</summary>
    IReadOnlyList<string> Commands { get; }

    string ScenarioName { get; }

    /// <summary>The run's planned length in seconds.</summary>
    double PlannedSeconds { get; }

    /// <summary>Set once the run takes no more commands.</summary>
    bool Finished { get; }
}

/// <summary>A real run: its nodes write their own trace files, which the dashboard follows.</summary>
public interface ILiveRealRun : IDashboardRun
{
    /// <summary>Each node's output directory (trace.jsonl, status.json, log) is below this.</summary>
    string NodesDirectory { get; }

    /// <summary>Time zero of the run (Unix epoch based, as in the nodes' traces).</summary>
    TimeSpan TimeOrigin { get; }
}

/// <summary>A simulation run live: paced by the page (play, pause, speed, step), its events recorded into the dashboard's
/// timeline.</summary>
public interface ILiveSimulationRun : IDashboardRun
{
    /// <summary>Virtual seconds every event up to which has happened.</summary>
    double Now { get; }

    /// <summary>The simulation carries out commands from now on (it is set up).</summary>
    bool Started { get; }

    bool Playing { get; }
    double Speed { get; }
    void Play();
    void Pause();
    void SetSpeed(double speed);

    /// <summary>Runs <paramref name="seconds"/> more of virtual time.</summary>
    void Step(double seconds);
}

/// <summary>
/// A manager line's outcome: the command as the run read it (written back in the manager's
/// syntax, how the page's log shows it; null when the line was no command), whether it was
/// carried out, lines for a person, and the nodes it concerns (list: every node; kill: the
/// ones crashed; add/restart: the ones started).
/// </summary>
public sealed record ManagerAnswer(string? Command, bool Done, IReadOnlyList<string> Lines, IReadOnlyList<ListedNode> Nodes)
{
    /// <summary>The command's name, its first word ("kill"); empty when the line was no command.</summary>
    public string Verb => Command?.Split(' ', 2)[0] ?? "";

    public static ManagerAnswer NotACommand(string error) => new(null, false, new[] { "error: " + error }, Array.Empty<ListedNode>());
    public static ManagerAnswer Refused(string? command, string line) => new(command, false, new[] { line }, Array.Empty<ListedNode>());
}

/// <summary>A node as the run's manager lists it.</summary>
public sealed record ListedNode(NodeAddress Address, string Role, bool Up);
