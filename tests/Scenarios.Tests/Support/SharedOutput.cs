namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// A console-like writer other threads print through while a test reads it: synchronized (its methods lock it, as the prompt's
/// own <c>lock (output)</c> does), and read under that lock. A plain StringWriter read while a thread appends once threw inside
/// StringBuilder.ToString, on the prompt's thread, and took the test host down (a local CI).
/// </summary>
public sealed class SharedOutput
{
    private readonly StringWriter _text = new();

    public SharedOutput() => Writer = TextWriter.Synchronized(_text);

    /// <summary>What the threads print through.</summary>
    public TextWriter Writer { get; }

    /// <summary>Everything printed so far.</summary>
    public string Printed() { lock (Writer) return _text.ToString(); }
}
