using System.Reflection;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>The node executable's command line: <c>seed</c> and <c>peer</c>, each with every tunable as an option, <c>keygen</c>,
/// and the operator's <c>seed-set add|remove|replace</c>.</summary>
public static class NodeCommandLine
{
    private const string Executable = "GossipSim.RealNet";

    private const string Description =
        "GossipSim node: runs one seed or one peer on real TCP sockets. Durations are in seconds (decimals allowed). " +
        "Prints 'LISTENING ip:port' first on stdout; SIGINT/SIGTERM stop the node cleanly (exit 0). " +
        ExitCodes.Help;

    /// <summary>The three commands, each with its options and its action.</summary>
    internal static CliCommand[] Build(TextWriter stdout, TextWriter stderr)
    {
        var seedCommon = new CommonOptions();
        var seedOptions = new SeedOptions();
        var seed = new CliCommand("seed", "Run a seed: keeps the peer list, changes it only by a majority of seeds, never gossips.");
        seedCommon.AddTo(seed);
        seedOptions.AddTo(seed);
        seed.Action = r => NodeRunner.Run(NodeRole.Seed, r, seedCommon, null, seedOptions, stdout, stderr);

        var peerCommon = new CommonOptions();
        var peerOptions = new PeerOptions();
        var peer = new CliCommand("peer", "Run a peer: registers with a majority of seeds, links by preferential attachment, "
            + "gossips, watches its neighbours.");
        peerCommon.AddTo(peer);
        peerOptions.AddTo(peer);
        peer.Action = r => NodeRunner.Run(NodeRole.Peer, r, peerCommon, peerOptions, null, stdout, stderr);

        return [seed, peer, KeygenCommand.Build(stdout, stderr), .. SeedSetCommand.Build(stdout, stderr)];
    }

    /// <summary>Parses and runs. Command-line errors print to stderr and give exit code 2; --help prints to stdout and gives 0.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, Executable);

    /// <summary>
    /// The node as a library call: a GossipSim host's <c>node</c> mode (Scenarios' <c>GossipSimHost.Run</c>) runs the same node
    /// in its own process, with the broadcasts it registered on the menu. <paramref name="program"/> is how help names the
    /// command ("MyLab node").
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string program)
    {
        var commands = Build(stdout, stderr);
        if (args.Length > 0 && CliCommand.IsHelp(args[0]))
        {
            stdout.Write(RootHelp(commands, program));
            return NodeRunner.ExitOk;
        }
        if (args.Length > 0 && args[0] == "--version")
        {
            stdout.WriteLine(
                typeof(NodeCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? "unknown");
            return NodeRunner.ExitOk;
        }
        // "seed-set add" and its kin are one command of two words.
        int words = args.Length > 1 && args[0] == SeedSetCommand.Name && !args[1].StartsWith('-') ? 2 : 1;
        string name = args.Length == 0 ? "" : string.Join(' ', args.Take(words));
        var command = args.Length > 0 ? Array.Find(commands, c => c.Name == name) : null;
        if (command == null)
            return Usage(stderr, [args.Length == 0 ? "a command is required: seed, peer, keygen or seed-set add|remove|replace"
                : args[0] == SeedSetCommand.Name ? (words == 1 ? "seed-set: say add, remove or replace"
                    : $"seed-set {args[1]}: expected add, remove or replace")
                : $"unknown command '{args[0]}': expected seed, peer, keygen or seed-set"]);
        var parsed = command.Parse(new ArraySegment<string>(args, words, args.Length - words));
        if (parsed.HelpRequested)
        {
            stdout.Write(command.Help(program));
            return NodeRunner.ExitOk;
        }
        if (parsed.Errors.Count > 0) return Usage(stderr, parsed.Errors);
        return command.Action!(parsed);
    }

    private static int Usage(TextWriter stderr, IEnumerable<string> errors)
    {
        foreach (string e in errors) stderr.WriteLine($"error: {e}");
        stderr.WriteLine("(--help lists every option)");
        return NodeRunner.ExitUsage;
    }

    private static string RootHelp(CliCommand[] commands, string program)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("Description:\n  ").Append(Description).Append("\n\nUsage:\n  ").Append(program)
            .Append(" [command] [options]\n\nOptions:\n")
          .Append("  -?, -h, --help  Show help and usage information\n  --version       Show version information\n\nCommands:\n");
        foreach (var c in commands) sb.Append("  ").Append(c.Name.PadRight(18)).Append(c.Description).Append('\n');
        sb.Append("\n'").Append(program).Append(" <command> --help' lists the command's options with their defaults.\n");
        return sb.ToString();
    }
}
