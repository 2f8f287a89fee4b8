using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>What a run that a peer's role broke says: one line, no stack trace or .NET type name, naming the role, the node, the
/// virtual time and what the role was doing.</summary>
public static class RoleFailureLine
{
    /// <param name="role">"broadcast" or "failure detector".</param>
    /// <param name="during">A pattern of what it was doing ("its start", "its own message ").</param>
    public static string Of(Scenario s, string dir, string role, string during)
    {
        var e = Assert.Throws<RunFailedException>(() =>
            RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, dir, _ => { }));
        string line = e!.Message;
        TestContext.Out.WriteLine(line);
        Assert.That(line, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(line, Does.Not.Contain("Exception"), "no .NET type name");
        Assert.That(line, Does.Match($@"the {role} ""test-[a-z]+"" of peer \d+\.\d+\.\d+\.\d+:\d+ failed at t=\d+\.\d{{3}}s \({during}"),
            "the role, the node, the virtual time and what it was doing");
        return line;
    }
}
