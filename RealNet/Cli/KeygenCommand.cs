using GossipSim.RealNet.Security;
using static GossipSim.RealNet.Cli.CliOptions;

namespace GossipSim.RealNet.Cli;

/// <summary><c>keygen --out FILE</c>: writes a fresh cluster key (32 random bytes, base64), readable by its owner only.</summary>
internal static class KeygenCommand
{
    public static CliCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var output = Text("--out", "file", "the key file to write", "The key file to write (created with mode 600)", required: true);
        var force = Flag("--force", false, "Replace the file if it exists (every node then needs the new key)");
        var command = new CliCommand("keygen", "Write a new cluster key for --cluster-key: copy the file to every node over a channel you trust (scp, a secrets store).");
        command.Options.Add(output);
        command.Options.Add(force);
        command.Action = r =>
        {
            string path = r.GetValue(output)!;
            try
            {
                var key = ClusterKey.WriteNew(path, r.GetValue(force));
                stdout.WriteLine($"wrote a new {ClusterKey.Bytes}-byte cluster key to {path} (fingerprint {key.Fingerprint})");
                stdout.WriteLine($"start every seed and peer with --cluster-key {path}, or put the file's one line in an environment variable and pass --cluster-key env:NAME");
                return NodeRunner.ExitOk;
            }
            catch (ClusterKeyException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return NodeRunner.ExitUsage;
            }
        };
        return command;
    }
}
