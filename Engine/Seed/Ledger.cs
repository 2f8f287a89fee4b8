using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Seed;

/// <summary>
/// The seed's side of a store that can refuse a commit (a real seed's file on a full disk): the
/// commit is dropped, not half made, and the outage is told once, not once per commit.
/// </summary>
public sealed partial class SeedNode
{
    private readonly StoreOutage _outage = new();
    private LogThrottle? _outageLog;

    /// <summary>Commits the store refused in the current outage (0: the store keeps every commit).</summary>
    public long CommitsRefusedByStore => _outage.Refused;

    /// <summary>Appends to the store; false when it refused the commit, which is then as if never made here.</summary>
    private bool Store(in CommittedOp op)
    {
        try
        {
            _store!.Append(op);
        }
        catch (CommitNotDurableException e)
        {
            OutageLine(_outage.OnRefused(e.Message, Ctx.Now));
            return false;
        }
        OutageLine(_outage.OnKept(Ctx.Now));
        return true;
    }

    /// <summary>A disk at the edge of full can refuse and keep in turn: even the outage's two lines are held to a few a second.</summary>
    private void OutageLine(string? line)
    {
        if (line == null) return;
        _outageLog ??= new LogThrottle(Log, burst: 2, "lines about commits the store refused or kept again", () => (long)Ctx.Now.TotalMilliseconds);
        _outageLog.Line(line);
    }
}
