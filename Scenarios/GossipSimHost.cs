using GossipSim.RealNet.Cli;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Host;

namespace GossipSim.Scenarios;

/// <summary>
/// A user's own program as a GossipSim host: it registers its broadcasts on the menu
/// (<see cref="Engine.Peer.BroadcastMenu.Register"/>), then hands its arguments here. The host then runs every command of the
/// scenario CLI (a scenario on sim, real, netns, docker; up, collect, soak, swarm, compare, replay, bench), and is itself the node
/// program of its real runs: each seed and peer is this same program in <c>node</c> mode, so its nodes know its broadcasts too.
/// <code>
/// using GossipSim.Engine.Peer; using GossipSim.Scenarios;
/// BroadcastMenu.Register(MyLab.PushK.Choice);
/// return GossipSimHost.Run(args);
/// </code>
/// On docker the containers are the host too: its image is made from its build (<see cref="Runtimes.Docker.NodeImage"/>).
/// </summary>
public static class GossipSimHost
{
    /// <summary>The first argument that runs one seed or peer (the node program's <c>seed</c>, <c>peer</c> and <c>keygen</c>
    /// commands follow it): how the real runtimes start the host's nodes.</summary>
    public const string NodeMode = HostProgram.NodeMode;

    /// <summary>The first argument that runs the namespace bed's delaying relay (started by the netns runtime).</summary>
    public const string RelayMode = HostProgram.RelayMode;

    /// <summary>
    /// Runs the host's command line: <c>node ...</c> runs one node (as <c>GossipSim.RealNet</c> does), <c>relay ...</c> the
    /// bed's relay, anything else the scenario CLI (<c>MyLab crash-hub.json --runtime real</c>, <c>MyLab --help</c>).
    /// Call it once, from Main, after registering the host's broadcasts.
    /// </summary>
    /// <returns>The process's exit code (0 ok, 1 failed, 2 bad input: <see cref="Engine.Core.ExitCodes"/>).</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        HostProgram.EnterAsHost();
        if (args.Length > 0 && args[0] == NodeMode)
            return NodeCommandLine.Run(args[1..], Console.Out, Console.Error, $"{HostProgram.Name} {NodeMode}");
        if (args.Length > 0 && args[0] == RelayMode) return DelayRelay.Program.Main(args[1..]);
        return ScenariosCli.Run(args);
    }
}
