using GossipSim.Scenarios.Host;
using System.Diagnostics;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// A program of ours as its own OS process: a seed or peer (the built RealNet node, native or
/// a DLL run by dotnet), or the bed's relay; on loopback, or inside a network namespace
/// (`ip netns exec NS dotnet DLL ...` or `ip netns exec NS EXE ...`:
/// `ip netns exec` execs in place, so the pid is the program's own and SIGKILL reaches it).
/// Every instance is registered with <see cref="ChildProcesses"/>, which kills them all if the
/// launcher stops for any reason, so no process is ever left behind.
/// </summary>
public sealed class NodeProcess
{
    /// <summary>The line a node prints once it listens; its address follows.</summary>
    public const string ListeningPrefix = "LISTENING ";

    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stderr = new();
    private readonly string _readyPrefix;

    public string Name { get; }
    public string? Namespace { get; }
    public string OutDir { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    /// <summary>When it printed its ready line (UTC); null until then. Under load a node's process can take many seconds between
    /// its spawn and its listening (a bed in CI: a peer due at 8 s listened at 18 s), and the run's end keeps the time planned after
    /// this moment, not after the spawn.</summary>
    public DateTime? ReadyAtUtc { get; private set; }

    private NodeProcess(Process p, string name, string? ns, string outDir, string readyPrefix)
    {
        _process = p;
        Name = name;
        Namespace = ns;
        OutDir = outDir;
        _readyPrefix = readyPrefix;
    }

    /// <summary>Starts <paramref name="program"/> (in its mode, if it has one) with <paramref name="args"/>.</summary>
    public static NodeProcess Start(string? ns, ChildProgram program, IEnumerable<string> args, string name, string outDir,
        string readyPrefix = ListeningPrefix, bool stdin = false) =>
        Start(ns, program.Path, program.Arguments(args), name, outDir, readyPrefix, stdin);

    /// <param name="ns">The network namespace to run in; null: this one.</param>
    /// <param name="args">The program's arguments (a node's start with its role).</param>
    /// <param name="name">For messages: "peer 3", "relay".</param>
    /// <param name="readyPrefix">The stdout line that says the program is up; what follows is handed to <see cref="WaitReady"/>.</param>
    /// <param name="stdin">Keep standard input open for <see cref="Send"/> (the relay's control channel).</param>
    public static NodeProcess Start(string? ns, string dll, IEnumerable<string> args, string name, string outDir,
        string readyPrefix = ListeningPrefix, bool stdin = false)
    {
        // A .dll runs on the JIT through dotnet; anything else is a native executable (the node).
        bool managed = dll.EndsWith(".dll", StringComparison.Ordinal);
        var psi = new ProcessStartInfo(ns != null ? "ip" : managed ? "dotnet" : dll)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
            UseShellExecute = false,
        };
        if (ns != null) foreach (var a in new[] { "netns", "exec", ns }) psi.ArgumentList.Add(a);
        if (ns != null && managed) psi.ArgumentList.Add("dotnet");
        if (ns != null || managed) psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        NodeEnvironment.Apply(psi);
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var node = new NodeProcess(p, name, ns, outDir, readyPrefix);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null && e.Data.StartsWith(node._readyPrefix, StringComparison.Ordinal) && !node._ready.Task.IsCompleted)
            {
                node.ReadyAtUtc = DateTime.UtcNow;
                node._ready.TrySetResult(e.Data[node._readyPrefix.Length..]);
            }
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (node._stderr) node._stderr.Add(e.Data); };
        p.Exited += (_, _) => node._ready.TrySetException(new InvalidOperationException(
            $"{name}{node.Where} exited with code {SafeExitCode(p)} before it was ready: {node.StderrTail()}"));
        ChildProcesses.Track(p);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return node;
    }

    private string Where => Namespace == null ? "" : $" in {Namespace}";

    /// <summary>Waits for the ready line and returns what follows the prefix (a node's listen address).</summary>
    public string WaitReady(TimeSpan timeout)
    {
        try
        {
            if (!_ready.Task.Wait(timeout))
                throw new TimeoutException($"{Name}{Where} was not ready within {timeout.TotalSeconds:0} s: {StderrTail()}");
        }
        catch (AggregateException ex) when (ex.InnerException is InvalidOperationException inner) { throw inner; }
        return _ready.Task.Result;
    }

    /// <summary>The address a node printed, once it is ready.</summary>
    public NodeAddress? ListeningAddress =>
        _ready.Task.IsCompletedSuccessfully && NodeAddress.TryParse(_ready.Task.Result, out var a, out _) ? a : null;

    /// <summary>SIGKILL: the program gets no chance to say goodbye (a crash).</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
    }

    /// <summary>SIGTERM: a clean stop (a node traces its final state and exits).</summary>
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
            foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT,
                System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
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
