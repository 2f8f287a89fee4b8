using GossipSim.Scenarios.Real;

namespace GossipSim.Scenarios.Dashboard;

/// <summary>
/// The terminal side of the manager: during a real run, each line typed on standard input is
/// a command for the run (the same ones as the dashboard's buttons), answered on standard
/// output. Reads on a background thread; end of input ends the prompt, not the run.
/// </summary>
public static class ManagerPrompt
{
    public const string Help = "list | add [n] | kill <address|hub> | restart <address> | partition ... | heal | quit";

    /// <param name="execute">Runs one command (through the dashboard when there is one, so the page logs it too).</param>
    public static void Start(IRunControl control, Func<string, Task<IReadOnlyList<string>>> execute, TextReader input, TextWriter output, bool announce)
    {
        if (announce) output.WriteLine($"manager: type a command and Enter: {Help}");
        var thread = new Thread(() =>
        {
            while (!control.Finished)
            {
                string? line;
                try { line = input.ReadLine(); }
                catch (IOException) { return; }
                if (line == null) return;
                line = line.Trim();
                if (line.Length == 0) continue;
                if (line is "help" or "?") { output.WriteLine($"manager: {Help}"); continue; }
                IReadOnlyList<string> answer;
                try { answer = execute(line).GetAwaiter().GetResult(); }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException) { answer = new[] { "error: " + ex.Message }; }
                lock (output)
                    foreach (var a in answer) output.WriteLine($"manager> {a}");
                output.Flush();
            }
        })
        {
            IsBackground = true,
            Name = "manager prompt",
        };
        thread.Start();
    }
}
