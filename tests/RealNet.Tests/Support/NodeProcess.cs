using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>One real node process of the built executable (<c>dotnet GossipSim.RealNet.dll seed|peer ...</c>).</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<NodeAddress> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, string outDir)
    {
        _process = process;
        OutDir = outDir;
    }

    public string OutDir { get; }
    public ConcurrentQueue<string> Output { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int Pid => _process.Id;
    public string TracePath => Path.Combine(OutDir, "trace.jsonl");

    /// <summary>The trace so far; a line being written right now may be cut, so unparsable lines are skipped while the node runs.</summary>
    public List<TraceEvent> TraceSoFar()
    {
        var events = new List<TraceEvent>();
        if (!File.Exists(TracePath)) return events;
        using var reader = new StreamReader(new FileStream(TracePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            try { events.Add(TraceJson.Parse(System.Text.Encoding.UTF8.GetBytes(line))); }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException) { }
        }
        return events;
    }

    /// <summary>A property of the node's status.json, as text; null while the file is missing or being written.</summary>
    public string? Status(string property)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(OutDir, "status.json")));
            return doc.RootElement.TryGetProperty(property, out var v) ? v.ToString() : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "GossipSim.RealNet.dll");

    /// <summary>Starts the node; with <paramref name="openFileLimit"/>, under that limit on open files (ulimit -n, set by prlimit,
    /// which then becomes the node: its pid is the node's).</summary>
    public static NodeProcess Start(string role, string outDir, IEnumerable<string> args, int? openFileLimit = null)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(openFileLimit == null ? dotnet : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (openFileLimit is { } limit)
        {
            info.ArgumentList.Add($"--nofile={limit}:{limit}");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(dotnet);
        }
        info.ArgumentList.Add(ExecutablePath);
        info.ArgumentList.Add(role);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--out");
        info.ArgumentList.Add(outDir);
        var process = new Process { StartInfo = info };
        var node = new NodeProcess(process, outDir);
        process.OutputDataReceived += (_, e) => node.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) node.Errors.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The address the node printed as <c>LISTENING ip:port</c>.</summary>
    public async Task<NodeAddress> ListeningAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_listening.Task, Task.Delay(timeout));
        if (done != _listening.Task)
            Assert.Fail($"no LISTENING line within {timeout.TotalSeconds} s; stderr: {string.Join(" | ", Errors)}");
        return await _listening.Task;
    }

    /// <summary>SIGKILL: no goodbye, no flush, nothing.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the node should stop cleanly and exit 0.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, 15) != 0) Assert.Fail($"kill -TERM {_process.Id} failed");
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line == null) return;
        Output.Enqueue(line);
        if (line.StartsWith("LISTENING ", StringComparison.Ordinal) && NodeAddress.TryParse(line["LISTENING ".Length..], out var a, out _))
            _listening.TrySetResult(a);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
