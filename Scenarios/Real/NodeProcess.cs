using System.Diagnostics;
using GossipSim.Engine.Core;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// One seed or peer as its own OS process (the built RealNet node executable). Every instance
/// is registered with <see cref="ChildProcesses"/>, which kills them all if the launcher stops
/// for any reason, so no node is ever left behind.
/// </summary>
public sealed class NodeProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<NodeAddress> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stderr = new();

    public string Role { get; }
    public int Index { get; }
    public string OutDir { get; }
    public NodeAddress Address { get; private set; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public bool Killed { get; private set; }

    private NodeProcess(Process p, string role, int index, string outDir)
    {
        _process = p;
        Role = role;
        Index = index;
        OutDir = outDir;
    }

    public static NodeProcess Start(string nodeDll, string role, int index, string outDir, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(nodeDll);
        psi.ArgumentList.Add(role);
        foreach (var a in args) psi.ArgumentList.Add(a);
        NodeEnvironment.Apply(psi);
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var node = new NodeProcess(p, role, index, outDir);
        p.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (node._stderr) node._stderr.Add(e.Data); };
        p.Exited += (_, _) => node._listening.TrySetException(new InvalidOperationException($"{role} {index} exited with code {SafeExitCode(p)} before listening: {node.StderrTail()}"));
        ChildProcesses.Track(p);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return node;
    }

    private void OnStdout(string? line)
    {
        if (line == null || !line.StartsWith("LISTENING ", StringComparison.Ordinal)) return;
        if (NodeAddress.TryParse(line["LISTENING ".Length..], out var a, out _))
        {
            Address = a;
            _listening.TrySetResult(a);
        }
    }

    public async Task<NodeAddress> WaitListeningAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_listening.Task, Task.Delay(timeout));
        if (done != _listening.Task) throw new TimeoutException($"{Role} {Index} did not start listening within {timeout.TotalSeconds:0} s: {StderrTail()}");
        return await _listening.Task;
    }

    /// <summary>SIGKILL: the node gets no chance to say goodbye (a crash).</summary>
    public void Kill()
    {
        Killed = true;
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
    }

    /// <summary>SIGTERM: a clean stop (the node traces its final state and exits).</summary>
    public void Terminate()
    {
        if (!_process.HasExited && !Signals.Send(_process.Id, Signals.SIGTERM)) Kill();
    }

    public bool WaitExit(TimeSpan timeout) => _process.WaitForExit((int)timeout.TotalMilliseconds);

    public long PeakWorkingSet()
    {
        try { return _process.HasExited ? 0 : _process.PeakWorkingSet64; } catch (InvalidOperationException) { return 0; }
    }

    public long WorkingSet()
    {
        try { _process.Refresh(); return _process.HasExited ? 0 : _process.WorkingSet64; } catch (InvalidOperationException) { return 0; }
    }

    public string StderrTail()
    {
        lock (_stderr) return string.Join(" | ", _stderr.TakeLast(5));
    }

    private static string SafeExitCode(Process p)
    {
        try { return p.ExitCode.ToString(); } catch (InvalidOperationException) { return "?"; }
    }
}

/// <summary>Every node process the launcher started; killed on exit, Ctrl-C, SIGTERM or a crash of the launcher's code.</summary>
public static class ChildProcesses
{
    private static readonly List<Process> All = new();
    private static bool _hooked;
    private static readonly List<System.Runtime.InteropServices.PosixSignalRegistration> Signals = new();

    public static void Track(Process p)
    {
        lock (All)
        {
            All.Add(p);
            if (_hooked) return;
            _hooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
            // Ctrl-C, SIGTERM, SIGQUIT: the nodes go first; the signal then ends the launcher as usual.
            foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
                Signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ => KillAll()));
        }
    }

    public static int KillAll()
    {
        int killed = 0;
        lock (All)
        {
            foreach (var p in All)
            {
                try
                {
                    if (!p.HasExited) { p.Kill(); killed++; } // a node is one process (dotnet runs the dll in it): no tree to walk
                }
                catch (InvalidOperationException) { }
                catch (System.ComponentModel.Win32Exception) { }
            }
            All.Clear();
        }
        return killed;
    }
}
