using System.Collections.Concurrent;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>
/// A simulation run live for a viewer (the dashboard): paced to wall time (<see cref="Pace"/>)
/// and managed like a real run. Commands wait in a queue until the simulation's thread stops
/// between two events; each is carried out there, at the virtual time reached, by the
/// simulator's manager. Made by the viewer, handed to the runner in
/// <see cref="RunOptions.Live"/>.
/// </summary>
public sealed class LiveSimulation : IRunControl
{
    private readonly ConcurrentQueue<(RunCommand Command, TaskCompletionSource<RunAnswer> Reply)> _commands = new();
    private volatile bool _started, _finished;

    public SimPacer Pace { get; } = new();
    public RunCapabilities Capabilities { get; private set; }
    public string ScenarioName { get; private set; } = "";
    public double PlannedSeconds { get; private set; }
    public bool Finished => _finished;

    /// <summary>The simulation took its first command point: commands are carried out from now on.</summary>
    public bool Started => _started;

    /// <summary>Virtual seconds every event up to which has happened.</summary>
    public double Now => Pace.Reached;

    public Task<RunAnswer> SendAsync(RunCommand command)
    {
        var reply = new TaskCompletionSource<RunAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_finished) reply.SetResult(RunAnswer.Refused("the simulation has ended"));
        else
        {
            _commands.Enqueue((command, reply));
            Pace.Poke();
            // The end may have come between the test above and the queueing: answer what is left.
            if (_finished) RefuseQueued();
        }
        return reply.Task;
    }

    internal void Begin(string scenario, double plannedSeconds, RunCapabilities capabilities)
    {
        ScenarioName = scenario;
        PlannedSeconds = plannedSeconds;
        Capabilities = capabilities;
        _started = true;
    }

    /// <summary>The simulation's thread: carries out every queued command, in order.</summary>
    internal void CarryQueued(Func<RunCommand, RunAnswer> carry)
    {
        while (_commands.TryDequeue(out var c)) c.Reply.TrySetResult(carry(c.Command));
    }

    /// <summary>The run ends: no more commands (those still queued are refused).</summary>
    internal void Finish()
    {
        _finished = true;
        RefuseQueued();
    }

    private void RefuseQueued()
    {
        while (_commands.TryDequeue(out var c)) c.Reply.TrySetResult(RunAnswer.Refused("the simulation has ended"));
    }
}
