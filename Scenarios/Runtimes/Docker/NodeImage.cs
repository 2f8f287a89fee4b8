using GossipSim.Scenarios.Host;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The image every container of a docker run is. For the repository's Scenarios it is the repository's node program,
/// <c>gossipsim-node:latest</c>, built by deploy/build-image.sh of a checkout. For a GossipSim host (a user's project,
/// <see cref="GossipSimHost"/>) it is the host itself, <c>gossipsim-host-NAME:latest</c>, made by the same script's <c>--host</c> from
/// the host's own build and this machine's .NET runtime: its nodes are the host in node mode, as on loopback and in the namespace bed,
/// so a host's own roles run in containers too. Found on the engine, or built there when missing or older than what it is made from
/// (a run must not test yesterday's node); a build that fails names its step. GOSSIPSIM_DOCKER_IMAGE names another image, used as it is.
/// </summary>
public static class NodeImage
{
    private const string RepositoryImage = "gossipsim-node:latest";

    private static string? Named => Environment.GetEnvironmentVariable("GOSSIPSIM_DOCKER_IMAGE") is { Length: > 0 } i ? i : null;

    /// <summary>The image this process's docker runs use.</summary>
    public static string Name => Named ?? (HostProgram.Name is { } host ? HostImage(host) : RepositoryImage);

    /// <summary>A host's image: its name as Docker allows one (lower case; letters, digits, '.', '_' and '-').</summary>
    public static string HostImage(string host)
    {
        var name = new string(host.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        return $"gossipsim-host-{name.Trim('.', '_', '-')}:latest";
    }

    /// <summary>Finds the image on the engine, or builds it there (<see cref="NodeImage"/>).</summary>
    /// <exception cref="DockerUnavailableException">It is missing and cannot be built here, or its build failed.</exception>
    public static void FindOrBuild(Action<string> say)
    {
        string image = Name;
        var found = DockerCli.Run("image", "inspect", "--format", MadeFormat, image);
        if (Named != null && found.Ok) return;
        string? script = BuildScript();
        var host = Named == null ? HostProgram.Program : null;
        bool stale = found.Ok && script != null && Made(found.Stdout.Trim()) is { } made
            && (host != null ? NewerThan(made, Path.GetDirectoryName(host)!, skip: "deploy")
                : NewerThan(made, Path.GetDirectoryName(Path.GetDirectoryName(script))!));
        if (found.Ok && !stale) return;
        if (script == null && host != null)
            throw new DockerUnavailableException($"the node image {image} is missing on {DockerCli.Engine}, and {HostProgram.Name}'s build "
                + "has no deploy/build-image.sh to make it (the GossipSim.Scenarios package puts it there): build the host again");
        if (script == null || Named != null)
            throw new DockerUnavailableException($"the node image {image} is missing on {DockerCli.Engine}: build it there with "
                + (DockerCli.Remote() is { } remote ? $"DOCKER_HOST={remote} " : "") + "deploy/build-image.sh"
                + (image != RepositoryImage ? $" --tag {image}" : "") + " (in a GossipSim checkout)");
        string what = host != null ? $"{HostProgram.Name}'s build" : "the node's sources";
        say(found.Ok ? $"the node image {image} is older than {what}: rebuilding it with deploy/build-image.sh"
            : $"the node image {image} is missing: building it with deploy/build-image.sh (a minute or two, once)");
        string[] args = host != null
            ? [script, "--tag", image, "--host", Path.GetDirectoryName(host)!, "--entry", Path.GetFileName(host)]
            : [script, "--tag", image];
        var r = Netns.Shell.Run("bash", args, timeoutMs: 30 * 60_000);
        if (!r.Ok)
        {
            // The script's own last line names the failing step ("error: image build failed at step 'publish': ...").
            string? said = DockerCli.Lines(r.Stderr).LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));
            throw new DockerUnavailableException(said != null ? said["error: ".Length..]
                : $"the image build failed (exit {r.ExitCode}): {DockerCli.FirstLine(r.Stderr + r.Stdout)}");
        }
    }

    /// <summary>
    /// The image on every engine of a run on several (<see cref="DockerEngines"/>), the same as the client's own engine holds (found
    /// or built there first): an engine with another image id, or none, is given it (`docker save | docker load`, said), as
    /// deploy/engines/up.sh gives it to the engines it starts.
    /// </summary>
    /// <exception cref="DockerUnavailableException">An engine could not be given it.</exception>
    public static void OnEngines(DockerEngines engines, Action<string> say)
    {
        if (!engines.Several) return;
        string image = Name;
        string id = DockerCli.Run("image", "inspect", "--format", "{{.Id}}", image).Stdout.Trim();
        foreach (var engine in engines.All)
        {
            if (id.Length > 0 && engine.Run("image", "inspect", "--format", "{{.Id}}", image).Stdout.Trim() == id) continue;
            if (id.Length == 0)
                throw new DockerUnavailableException($"the node image {image} is not on this machine's engine, so it cannot be given "
                    + $"to {engine}: build it here with deploy/build-image.sh");
            say($"giving {engine} the node image {image} (docker save | docker load)");
            var r = Netns.Shell.Run("bash", ["-c", "docker save \"$1\" | docker -H \"$2\" load", "bash", image, engine.Endpoint!],
                timeoutMs: 10 * 60_000);
            if (!r.Ok) throw new DockerUnavailableException($"the node image {image} could not be loaded on {engine}: {DockerCli.FirstLine(r.Stderr)}");
        }
    }

    /// <summary>The image's creation time, then the time deploy/build-image.sh made it (its label <c>gossipsim.made</c>).</summary>
    public const string MadeFormat = "{{.Created}}|{{index .Config.Labels \"gossipsim.made\"}}";

    /// <summary>
    /// When the image was last made, from <see cref="MadeFormat"/>'s answer: the script's label, else (an image made otherwise, or by
    /// an older script) its creation time. Not the creation time alone: a rebuild from unchanged parts is Docker's cached image, created
    /// at the first build, so sources touched since without a change (a fresh clone) made every run rebuild it (10 rebuilds of the node,
    /// a NativeAOT publish each, in one local CI run).
    /// </summary>
    public static DateTime? Made(string inspected)
    {
        var (created, label) = inspected.Trim().Split('|', 2) is [var c, var l] ? (c, l) : (inspected, "");
        return Time(label) ?? Time(created);
    }

    private static DateTime? Time(string text) =>
        DateTimeOffset.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;

    /// <summary>Whether the repository node's sources (RealNet/ and the projects it builds on, Engine/ and Protocols/) or the image's recipe (deploy/'s Dockerfile, build script,
    /// health check) changed after the image was made.</summary>
    private static bool NewerThan(DateTime made, string checkout)
    {
        var recipe = new[] { "Dockerfile", "build-image.sh", "healthy" }.Select(f => Path.Combine(checkout, "deploy", f));
        return new[] { "RealNet", "Engine", "Protocols" }.Select(d => Path.Combine(checkout, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs*", SearchOption.AllDirectories)).Concat(recipe.Where(File.Exists))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > made);
    }

    /// <summary>Whether a file of a host's build folder (but its <paramref name="skip"/> folder) changed after the image was made.</summary>
    private static bool NewerThan(DateTime made, string folder, string skip) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith(skip + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > made);

    /// <summary>deploy/build-image.sh: for a host, the copy its package put beside it; else that of the checkout this program was built
    /// from, or of the current directory's.</summary>
    private static string? BuildScript()
    {
        if (HostProgram.Program is { } host)
        {
            string shipped = Path.Combine(Path.GetDirectoryName(host)!, "deploy", "build-image.sh");
            return File.Exists(shipped) ? shipped : null;
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                string script = Path.Combine(dir.FullName, "deploy", "build-image.sh");
                if (File.Exists(script)) return script;
            }
        return null;
    }
}
