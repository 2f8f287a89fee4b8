using System.Globalization;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// What the engine says of the run's containers: which run, from one `docker ps` shared by every
/// node's question for a moment, and the memory each takes, from `docker stats` in the background
/// every few seconds (it takes the engine a second to answer: the run's loop never waits for it).
/// Asked of the engine, not of this machine's processes, so it holds on an engine elsewhere too.
/// </summary>
public sealed class ContainerStates(string stack, DockerEngines engines)
{
    /// <summary>How long one `docker ps` answers for: a node stopped since is seen this much later at most.</summary>
    private static readonly TimeSpan RunningAge = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MemoryAge = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private HashSet<string> _running = new();
    private DateTime _runningAt = DateTime.MinValue;
    /// <summary>Counts the starts and kills: a `docker ps` begun before one of them answers for nothing after it.</summary>
    private long _changes;
    private Dictionary<string, long> _memory = new();
    private DateTime _memoryAt = DateTime.MinValue;
    private bool _memoryAsked;

    /// <summary>A container was started or killed: what was seen before no longer holds.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _changes++;
            _runningAt = DateTime.MinValue;
        }
    }

    /// <summary>Whether the container runs, as the engine said at most a moment ago (after the last start or kill); null when the
    /// engine did not answer (a loaded engine may time out): that is no news, and the caller keeps what it knew.</summary>
    public bool? IsRunning(string container)
    {
        long changes;
        lock (_gate)
        {
            if (DateTime.UtcNow - _runningAt < RunningAge) return _running.Contains(container);
            changes = _changes;
        }
        // A container's name is the run's alone on every engine: the names of all of them in one set.
        var running = new HashSet<string>(StringComparer.Ordinal);
        // A dead engine (its host crashed) runs nothing: asking it would only fail.
        foreach (var engine in engines.Living)
        {
            var listed = engine.Run("ps", "--filter", $"label={DockerBed.StackLabel}={stack}", "--format", "{{.Names}}");
            if (!listed.Ok) return null;
            running.UnionWith(DockerCli.Lines(listed.Stdout));
        }
        lock (_gate)
        {
            if (changes == _changes)
            {
                _running = running;
                _runningAt = DateTime.UtcNow;
            }
        }
        return running.Contains(container);
    }

    /// <summary>The container's memory in bytes (the engine's measure: its cgroup's, page cache left out) as last sampled; 0 before
    /// the first sample. Asks for a new sample, in the background, when the last is a few seconds old.</summary>
    public long MemoryOf(string container)
    {
        lock (_gate)
        {
            if (!_memoryAsked && DateTime.UtcNow - _memoryAt >= MemoryAge)
            {
                _memoryAsked = true;
                Task.Run(SampleMemory);
            }
            return _memory.GetValueOrDefault(container);
        }
    }

    private void SampleMemory()
    {
        var sampled = new Dictionary<string, long>();
        try
        {
            foreach (var line in engines.Living.SelectMany(e => DockerCli.Lines(e.Run("stats", "--no-stream", "--format", "{{.Name}}\t{{.MemUsage}}").Stdout)))
            {
                string[] parts = line.Split('\t');
                if (parts.Length == 2 && parts[0].StartsWith(stack + "-", StringComparison.Ordinal) && BytesOf(parts[1]) is long bytes)
                    sampled[parts[0]] = bytes;
            }
        }
        finally
        {
            lock (_gate)
            {
                if (sampled.Count > 0) _memory = sampled;
                _memoryAt = DateTime.UtcNow;
                _memoryAsked = false;
            }
        }
    }

    /// <summary>The used side of docker's "12.5MiB / 23.4GiB" in bytes, or null when it is not that shape.</summary>
    public static long? BytesOf(string memUsage)
    {
        string used = memUsage.Split('/')[0].Trim();
        int unit = used.IndexOfAny(['B', 'K', 'k', 'M', 'G', 'T']);
        if (unit <= 0 || !double.TryParse(used[..unit], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
        double scale = used[unit..] switch
        {
            "B" => 1,
            "KiB" or "kB" => 1 << 10,
            "MiB" or "MB" => 1 << 20,
            "GiB" or "GB" => 1 << 30,
            "TiB" or "TB" => 1L << 40,
            _ => 0,
        };
        return scale > 0 ? (long)(value * scale) : null;
    }
}
