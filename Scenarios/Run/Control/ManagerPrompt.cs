
namespace GossipSim.Scenarios.Run.Control;

/// <summary>
/// The terminal side of the manager: during a real run, each line typed on standard input is
/// parsed into a command for the run (the same ones as the dashboard's buttons), whose answer
/// is printed on standard output. Reads on a background thread; end of input ends the prompt, not the run.
/// </summary>
public static class ManagerPrompt
{
    /// <param name="send">Carries out one command (through the dashboard when there is one, so the page logs it too).</param>
    public static void Start(IRunControl control, Func<RunCommand, Task<RunAnswer>> send, TextReader input,
        TextWriter output, bool announce)
    {
        if (announce) output.WriteLine($"manager: type a command and Enter: {Offered(control)}");
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
                if (line is "help" or "?") { output.WriteLine($"manager: {Offered(control)}"); continue; }
                IReadOnlyList<string> answer = ManagerCommand.Parse(line, out string error, Known(control)) is { } command
                    ? send(command).GetAwaiter().GetResult().Lines
                    : new[] { "error: " + error };
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

    /// <summary>The commands this run carries out, as the help offers them: one it cannot carry out is not offered (typed anyway, it is
    /// refused with the reason).</summary>
    public static string Offered(IRunControl control) =>
        Known(control) is { } can ? ManagerCommand.HelpFor(can) : ManagerCommand.Help;

    /// <summary>The run's commands; null while it does not know them yet (a live simulation learns them as it starts).</summary>
    private static RunCapabilities? Known(IRunControl control) =>
        control.Capabilities == RunCapabilities.None ? null : control.Capabilities;
}
