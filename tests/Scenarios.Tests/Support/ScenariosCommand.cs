using GossipSim.Scenarios.Commands;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// The scenario command run as a user runs it, with what it prints. Console.Out and Console.Error
/// are one per process: a test class using this is [NonParallelizable].
/// </summary>
public static class ScenariosCommand
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (ScenariosCli.Run(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}
