using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using static GossipSim.RealNet.Cli.CliOptions;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// <c>seed-set add|remove|replace</c> (issue 56, 2): the operator's change of the seed set. It reads the version of the set in force
/// from a running seed's state directory, signs the change at that version with the operator's key (the one the seed list pins on
/// its "operator KEY" line), hands it to that seed (<see cref="SeedSetRequestFile"/>), and waits for the seeds' vote: a joint step,
/// then the new set alone (<see cref="SeedSetRules"/>). Run it where the seed's state directory is (its machine, or
/// <c>docker exec</c> in its container).
/// </summary>
internal static class SeedSetCommand
{
    public const string Name = "seed-set";

    public static CliCommand[] Build(TextWriter stdout, TextWriter stderr) =>
    [
        Command(SeedSetChangeKind.Add, "Add a seed: start it with --joining and the network's seed list, then run this; the "
            + "seeds vote it in (a majority of the set in force, then of the new set).", stdout, stderr),
        Command(SeedSetChangeKind.Remove, "Remove a seed, up or down: the seeds vote it out; stop it once the change is decided.",
            stdout, stderr),
        Command(SeedSetChangeKind.Replace, "Replace a seed (one whose machine is gone) with a new one, started with --joining.",
            stdout, stderr),
    ];

    private static CliCommand Command(SeedSetChangeKind kind, string description, TextWriter stdout, TextWriter stderr)
    {
        var stateDir = Text("--state-dir", "dir", "a directory", "The state directory of a running seed of the set in force: the "
            + "change is handed to it there (its --state-dir; <out>/state by default)", required: true);
        var operatorKey = Text("--operator-key", "file", "a key file", "The operator's private key ('keygen --node --out FILE' "
            + "makes one; the seed list's 'operator KEY' line pins its public key)", required: true);
        var address = Text("--address", "ip:port", "an IPv4 address and port (IP:Port), or a host name and port", kind switch
        {
            SeedSetChangeKind.Add => "The new seed's address (where it listens; a host name is looked up now, and the set holds the address it has)",
            SeedSetChangeKind.Remove => "The address of the seed to remove (as the set names it), or its host name and port as --seeds names it",
            _ => "The new seed's address (where it listens; a host name is looked up now, and the set holds the address it has)",
        }, required: true);
        var key = Text("--key", "base64", "a public key (base64)", "The new seed's public key (its log's first lines print it; "
            + "'keygen --node' too): the vote pins it", required: kind != SeedSetChangeKind.Remove);
        var replaces = Text("--replaces", "ip:port", "an IPv4 address and port (IP:Port), or a host name and port",
            "The seed the new one replaces: its address as the set names it, or its host name and port as --seeds names it",
            required: kind == SeedSetChangeKind.Replace);
        var seeds = Text("--seeds", "file", "a seed list file", "The network's seed list: a seed it names by host and pins by key "
            + "(seed-2:5001 KEY, the stack's form) may then be named so in --replaces and remove's --address (its address in the "
            + "set is made from its key, wherever its host is now; a host that is gone need not resolve)");
        var wait = Seconds("--wait", TimeSpan.FromSeconds(60), "How long to wait for the seeds to decide (0: hand the change over "
            + "and return once the seed proposed it)", allowZero: true);
        string kindName = SeedSetRequestFile.KindName(kind);
        var command = new CliCommand($"{Name} {kindName}", description);
        command.Options.Add(stateDir);
        command.Options.Add(operatorKey);
        command.Options.Add(address);
        if (kind != SeedSetChangeKind.Remove) command.Options.Add(key);
        if (kind == SeedSetChangeKind.Replace) command.Options.Add(replaces);
        if (kind != SeedSetChangeKind.Add) command.Options.Add(seeds);
        command.Options.Add(wait);
        command.Action = r =>
        {
            try
            {
                return Run(kind, r.GetValue(stateDir)!, r.GetValue(operatorKey)!, r.GetValue(address)!, r.GetValue(key),
                    r.GetValue(replaces), r.GetValue(seeds), Get(r, wait), stdout, stderr);
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return NodeRunner.ExitUsage;
            }
        };
        return command;
    }

    private sealed class UsageException(string message) : Exception(message);

    private static int Run(SeedSetChangeKind kind, string stateDir, string operatorKeyPath, string addressText, string? keyText,
        string? replacesText, string? seedsPath, TimeSpan wait, TextWriter stdout, TextWriter stderr)
    {
        string[]? seedLines = null;
        if (seedsPath != null)
        {
            if (!File.Exists(seedsPath)) throw new UsageException($"--seeds: {seedsPath}: seed list file not found");
            seedLines = File.ReadAllLines(seedsPath);
        }
        // A seed in the set: its address, or its host as the list names it. A new seed: its address, or a host name looked up now.
        NodeAddress InSet(string option, string text)
        {
            var (a, error) = SeedAddressText.InSet(option, text, seedLines, seedsPath);
            return a ?? throw new UsageException(error!);
        }
        NodeAddress New(string option, string text)
        {
            var (a, error, resolvedFrom) = SeedAddressText.New(option, text, SeedNames.Dns);
            if (a == null) throw new UsageException(error!);
            if (resolvedFrom != null) stdout.WriteLine($"{option}: {resolvedFrom} is {a} now: the set holds that address");
            return a.Value;
        }
        var seed = kind == SeedSetChangeKind.Remove ? InSet("--address", addressText) : New("--address", addressText);
        var replaced = replacesText != null ? InSet("--replaces", replacesText) : default;
        NodeKey? newKey;
        try
        {
            newKey = keyText != null ? NodeIdentity.ParsePublic(keyText, "--key") : null;
        }
        catch (NodeKeyException e)
        {
            throw new UsageException(e.Message);
        }
        if (!Directory.Exists(stateDir))
            throw new UsageException($"--state-dir: {stateDir} is not a directory (give the state directory of a running seed)");
        if (!File.Exists(operatorKeyPath))
            throw new UsageException($"--operator-key: {operatorKeyPath} not found ('keygen --node --out {operatorKeyPath}' makes one; "
                + "pin its public key on the seed list's 'operator KEY' line)");
        SeedSet inForce;
        try
        {
            inForce = SetInForce(stateDir);
        }
        catch (CommitLogCorruptException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return NodeRunner.ExitFailed;
        }
        if (inForce.IsJoint)
        {
            stderr.WriteLine($"error: a change is under way at the seed in {stateDir} ({Describe(inForce)}): wait for it to end, then run this again");
            return NodeRunner.ExitFailed;
        }
        var change = new SeedSetChange(kind, seed, newKey, replaced);
        // The rules' own check first, so a change that cannot be says why here, not in the seed's log.
        if (inForce.Version > 0 && SeedSetRules.Begin(inForce, change) is { Next: null } refused)
        {
            stderr.WriteLine($"error: {change} from {inForce}: {refused.Refusal}");
            return NodeRunner.ExitUsage;
        }
        byte[] approval;
        try
        {
            using var operatorKey = NodeIdentity.LoadOrCreate(operatorKeyPath, out _, out string? warning);
            if (warning != null) stderr.WriteLine($"warning: {warning}");
            approval = OperatorApproval.Sign(operatorKey, change, inForce.Version);
        }
        catch (NodeKeyException e)
        {
            throw new UsageException($"--operator-key: {e.Message}");
        }

        if (File.Exists(Path.Combine(stateDir, SeedSetRequestFile.RequestName)))
        {
            stderr.WriteLine($"error: a request in {stateDir} is waiting already: a seed takes it within a second when it runs (is the seed up?)");
            return NodeRunner.ExitFailed;
        }
        stdout.WriteLine($"handing '{change}', approved at version {inForce.Version}, to the seed in {stateDir}");
        // The seed takes the request within a second; one that is down leaves it there, and it is taken back.
        var answer = SeedSetRequestFile.Hand(stateDir, new SeedSetRequestFile.Request(kind, seed, keyText, replaced, inForce.Version, approval));
        if (!answer.Taken)
        {
            stderr.WriteLine($"error: no seed took the change from {stateDir} within {SeedSetRequestFile.AnswerPatience.TotalSeconds:0} s: "
                + "is the seed with this state directory running?");
            return NodeRunner.ExitFailed;
        }
        string said = answer.Said;
        if (answer.Refusal != null)
        {
            stderr.WriteLine($"error: the seed {said}");
            return NodeRunner.ExitFailed;
        }
        stdout.WriteLine($"the seed {said}; the seeds vote on it (a majority of the set in force, then of the new set)");
        if (wait <= TimeSpan.Zero) return NodeRunner.ExitOk;

        // Decided: the change's end is in force, two versions on (the joint set, then the new set alone).
        var until = DateTime.UtcNow + wait;
        var now = inForce;
        while (DateTime.UtcNow < until)
        {
            Thread.Sleep(250);
            try
            {
                now = SetInForce(stateDir);
            }
            catch (CommitLogCorruptException)
            {
                continue; // read while it was replaced: the next look sees it whole
            }
            if (now.Version >= inForce.Version + 2 && !now.IsJoint)
            {
                stdout.WriteLine($"decided: the seed set is {now}");
                return NodeRunner.ExitOk;
            }
        }
        stderr.WriteLine($"error: not decided within {wait.TotalSeconds:0.#} s: the seed set at {stateDir} is {Describe(now)} (the seeds' logs say "
            + "why in their 'seed set:' lines; a change that lost its vote is run again)");
        return NodeRunner.ExitFailed;
    }

    private static string Describe(SeedSet set) => set.Version == 0 ? "version 0: its seed list" : set.ToString();

    /// <summary>The set in force at the seed whose state directory this is: its last step's, or version 0 (its list) before any.
    /// Version 0's seeds are not read here (the seed's list has them): only the version counts for the approval.</summary>
    private static SeedSet SetInForce(string stateDir) => SeedSetFile.HeldIn(stateDir) ?? new SeedSet(0, [default]);
}
