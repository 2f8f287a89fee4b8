using GossipSim.TestSupport;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// The built Scenarios executable as its own process (<c>dotnet GossipSim.Scenarios.dll ...</c>),
/// alone or under Open MPI's mpirun as a user runs it on a cluster (<c>mpirun -np K dotnet
/// GossipSim.Scenarios.dll ...</c>). Disposing it kills the process and its children (the ranks)
/// if they still run, so a failing test leaves nothing behind.
/// </summary>
public sealed class ScenariosProcess : IDisposable
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "GossipSim.Scenarios.dll");
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private readonly Process _process;

    private ScenariosProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();
    public int Pid => _process.Id;
    public int ExitCode => _process.ExitCode;

    /// <summary>Skips a test that needs mpirun where there is none (fails it in CI).</summary>
    public static void RequireMpirun() => MachineParts.Require(MachinePart.Mpirun, MachineParts.NotOnPath("mpirun"));

    /// <summary>The executable on its own: <c>dotnet GossipSim.Scenarios.dll args</c>.</summary>
    public static ScenariosProcess Alone(params string[] args) => Start(Dotnet, [Executable, .. args]);

    /// <summary>The executable on its own with these environment variables set too (a runtime setting such as a heap limit).</summary>
    public static ScenariosProcess Alone(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(Dotnet, [Executable, .. args], environment);

    /// <summary><c>mpirun -np ranks dotnet GossipSim.Scenarios.dll args</c>: as root (containers, CI) and with more ranks than cores.</summary>
    public static ScenariosProcess UnderMpirun(int ranks, params string[] args) =>
        Start("mpirun", ["--allow-run-as-root", "--oversubscribe", "-np", $"{ranks}", Dotnet, Executable, .. args]);

    private static ScenariosProcess Start(string program, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // As from a user's terminal, also in CI: mpirun gives ranks a pseudo-terminal, and nothing may write its escapes into their output.
            Environment = { ["TERM"] = "xterm" },
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var run = new ScenariosProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data != null) run.Output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) run.Errors.Enqueue(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Whether the process ended within <paramref name="limit"/>; if not, it and its children are killed.</summary>
    public bool WaitExit(TimeSpan limit)
    {
        if (_process.WaitForExit(limit))
        {
            _process.WaitForExit();     // the output's last lines
            return true;
        }
        Kill();
        return false;
    }

    /// <summary>Waits for a line on stderr matching <paramref name="match"/>; false when the process ended or <paramref name="limit"/> passed first.</summary>
    public bool WaitForError(Func<string, bool> match, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (Errors.Any(match)) return true;
            if (_process.HasExited) return Errors.Any(match);
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>The process ids of the ranks mpirun started on this machine, by rank (read from each child's environment).</summary>
    public IReadOnlyDictionary<int, int> RankPids()
    {
        var ranks = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                // /proc/pid/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its ')'.
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) != _process.Id) continue;
                string? rank = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0')
                    .FirstOrDefault(v => v.StartsWith("OMPI_COMM_WORLD_RANK=", StringComparison.Ordinal));
                if (rank != null) ranks[int.Parse(rank["OMPI_COMM_WORLD_RANK=".Length..])] = pid;
            }
            catch (IOException) { }                 // a process that ended while read
            catch (UnauthorizedAccessException) { }
        }
        return ranks;
    }

    public string Transcript => string.Join("\n", Output.Concat(Errors));

    /// <summary>
    /// Kills one of <paramref name="ranks"/> ranks with SIGKILL (no exit code, no finalize, no goodbye) and asserts what a user must see:
    /// mpirun ends within <paramref name="limit"/>, non-zero, naming the rank, and no rank is left running.
    /// </summary>
    public async Task KillRank_ExpectingTheRunToEnd(int rank, int ranks, TimeSpan limit)
    {
        var pids = RankPids();
        Assert.That(pids.Keys.Order(), Is.EqualTo(Enumerable.Range(0, ranks)), $"mpirun's children are the {ranks} ranks");

        Process.GetProcessById(pids[rank]).Kill();

        Assert.That(WaitExit(limit), Is.True, $"mpirun was still running {limit.TotalSeconds} s after rank {rank} died:\n{Transcript}");
        Assert.That(ExitCode, Is.Not.Zero);
        Assert.That(Transcript, Does.Match($@"process rank {rank} .*(exited on signal 9|Killed)"), "Open MPI names the rank that died");
        // mpirun has ended its ranks by now; the kernel may take a moment to reap them once it has gone.
        foreach (var (r, pid) in pids)
            await Eventually.HoldsAsync(() => !Alive(pid), $"rank {r} (pid {pid}) ended with the run");
    }

    private static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
