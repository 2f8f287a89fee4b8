using System.CommandLine;
using GossipSim.Engine.Core;

namespace GossipSim.RealNet.Cli;

/// <summary>The node executable's command line: <c>seed</c> and <c>peer</c>, each with every tunable as an option, and <c>keygen</c>.</summary>
public static class NodeCommandLine
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "GossipSim node: runs one seed or one peer on real TCP sockets. Durations are in seconds (decimals allowed). " +
            "Prints 'LISTENING ip:port' first on stdout; SIGINT/SIGTERM stop the node cleanly (exit 0). " +
            "Exit code 2: bad command line, settings or seed list.");

        var seedCommon = new CommonOptions();
        var seedOptions = new SeedOptions();
        var seed = new Command("seed", "Run a seed: keeps the peer list, changes it only by a majority of seeds, never gossips.");
        seedCommon.AddTo(seed);
        seedOptions.AddTo(seed);
        seed.SetAction(r => NodeRunner.Run(NodeRole.Seed, r, seedCommon, null, seedOptions, stdout, stderr));

        var peerCommon = new CommonOptions();
        var peerOptions = new PeerOptions();
        var peer = new Command("peer", "Run a peer: registers with a majority of seeds, links by preferential attachment, gossips, watches its neighbours.");
        peerCommon.AddTo(peer);
        peerOptions.AddTo(peer);
        peer.SetAction(r => NodeRunner.Run(NodeRole.Peer, r, peerCommon, peerOptions, null, stdout, stderr));

        root.Subcommands.Add(seed);
        root.Subcommands.Add(peer);
        root.Subcommands.Add(KeygenCommand.Build(stdout, stderr));
        return root;
    }

    /// <summary>Parses and runs. Command-line errors print to stderr and give exit code 2.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Build(stdout, stderr).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("(--help lists every option)");
            return NodeRunner.ExitUsage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
    }
}
