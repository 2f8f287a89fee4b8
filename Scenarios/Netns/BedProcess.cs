using System.Diagnostics;
using GossipSim.Scenarios.Real;

namespace GossipSim.Scenarios.Netns;

/// <summary>
/// A process started inside one of the bed's namespaces (`ip netns exec NS dotnet DLL ...`;
/// `ip netns exec` execs in place, so the pid is the program's own and SIGKILL reaches it).
/// Registered with <see cref="ChildProcesses"/>, so it dies with the launcher.
/// </summary>
public sealed class BedProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stderr = new();
    private readonly string _readyPrefix;

    public string Role { get; }
    public int Index { get; }
    public string Namespace { get; }
    public string OutDir { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    private BedProcess(Process p, string role, int index, string ns, string outDir, string readyPrefix)
    {
        _process = p;
        Role = role;
        Index = index;
        Namespace = ns;
        OutDir = outDir;
        _readyPrefix = readyPrefix;
    }

    /// <param name="readyPrefix">The stdout line that says the program is up ("LISTENING " for a node).</param>
    public static BedProcess Start(string ns, string dll, IEnumerable<string> args, string role, int index, string outDir, string readyPrefix, bool stdin = false)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", ns, "dotnet", dll }) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        NodeEnvironment.Apply(psi);
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var bp = new BedProcess(p, role, index, ns, outDir, readyPrefix);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null && e.Data.StartsWith(bp._readyPrefix, StringComparison.Ordinal)) bp._ready.TrySetResult(e.Data[bp._readyPrefix.Length..]);
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (bp._stderr) bp._stderr.Add(e.Data); };
        p.Exited += (_, _) => bp._ready.TrySetException(new BedException($"{role} {index} in {ns} exited before it was ready: {bp.StderrTail()}"));
        ChildProcesses.Track(p);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return bp;
    }

    /// <summary>Waits for the ready line and returns what follows the prefix (the node's listen address).</summary>
    public string WaitReady(TimeSpan timeout)
    {
        if (!_ready.Task.Wait(timeout)) throw new BedException($"{Role} {Index} in {Namespace} was not ready within {timeout.TotalSeconds:0} s: {StderrTail()}");
        return _ready.Task.Result;
    }

    /// <summary>SIGKILL: a crash.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    /// <summary>SIGTERM: a clean stop.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && !Signals.Send(_process.Id, Signals.SIGTERM)) Kill();
    }

    public bool WaitExit(TimeSpan timeout) => _process.WaitForExit((int)timeout.TotalMilliseconds);

    /// <summary>Writes one command line to the program's stdin (the relay's control channel).</summary>
    public void Send(string line)
    {
        if (_process.HasExited) return;
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void CloseInput()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
    }

    public long WorkingSet()
    {
        try { _process.Refresh(); return _process.HasExited ? 0 : _process.WorkingSet64; } catch (InvalidOperationException) { return 0; }
    }

    public string StderrTail()
    {
        lock (_stderr) return string.Join(" | ", _stderr.TakeLast(5));
    }
}
