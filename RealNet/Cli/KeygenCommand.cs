using GossipSim.RealNet.Security;
using static GossipSim.RealNet.Cli.CliOptions;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// <c>keygen --out FILE</c>: writes a fresh cluster key (32 random bytes, base64), readable by its
/// owner only. <c>keygen --node --out FILE</c>: writes a node key (what <c>--key</c> takes) and
/// prints its public key, to pin a seed in the seed list before it first starts.
/// </summary>
internal static class KeygenCommand
{
    public static CliCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var output = Text("--out", "file", "the key file to write", "The key file to write (created with mode 600)", required: true);
        var force = Flag("--force", false, "Replace the file if it exists (every node then needs the new key)");
        var node = Flag("--node", false, "Write a node key (ECDSA P-256) for --key instead of a cluster key, and print its "
            + "public key for the seed list");
        var command = new CliCommand("keygen", "Write a new cluster key for --cluster-key: copy the file to every node over a channel you "
            + "trust (scp, a secrets store). " +
                                               "With --node: a node's own key, whose public key pins a seed in the seed list.");
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(node);
        command.Action = r =>
        {
            string path = r.GetValue(output)!;
            try
            {
                if (r.GetValue(node)) return WriteNodeKey(path, r.GetValue(force), stdout);
                var key = ClusterKey.WriteNew(path, r.GetValue(force));
                stdout.WriteLine($"wrote a new {ClusterKey.Bytes}-byte cluster key to {path} (fingerprint {key.Fingerprint})");
                stdout.WriteLine($"start every seed and peer with --cluster-key {path}, or put the file's one line in an environment "
                    + $"variable and pass --cluster-key env:NAME");
                return NodeRunner.ExitOk;
            }
            catch (Exception e) when (e is ClusterKeyException or NodeKeyException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return NodeRunner.ExitUsage;
            }
        };
        return command;
    }

    private static int WriteNodeKey(string path, bool force, TextWriter stdout)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new NodeKeyException("--out: give the key file's name");
        if (!force && File.Exists(path))
            throw new NodeKeyException($"{path} already exists; pass --force to replace it (the node then becomes a new identity)");
        using var identity = NodeIdentity.Create(path, replace: force);
        stdout.WriteLine($"wrote a new node key to {path} (fingerprint {identity.PublicKey.Fingerprint})");
        stdout.WriteLine($"public key: {identity.PublicKey.ToBase64()}");
        stdout.WriteLine($"start the node with --key {path}; to pin a seed, write its seed list line as: "
            + $"<ip>:<port> {identity.PublicKey.ToBase64()}; to make it the operator's key (whose approval a change of the seed set "
            + $"needs), add the line: {Engine.Config.SeedListFile.OperatorWord} {identity.PublicKey.ToBase64()}");
        return NodeRunner.ExitOk;
    }
}
