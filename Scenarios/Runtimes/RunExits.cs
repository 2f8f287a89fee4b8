using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Simulator.Ranks;

namespace GossipSim.Scenarios.Runtimes;

/// <summary>
/// How every command that runs scenarios ends when a run cannot: one "error:" line in the user's
/// words (never a .NET type or a stack trace) and the exit code of <see cref="ExitCodes"/>: a
/// scenario or option that does not fit is the user's input, anything else a failed run.
/// </summary>
public static class RunExits
{
    /// <summary>Runs <paramref name="command"/>, returning its exit code, or the code of the error it ends with.</summary>
    /// <param name="what">What failed, in the line of a run that broke down ("the run", "the soak").</param>
    /// <param name="rank">The rank of an mpirun this process is, for its errors' lines (0: the only or first process).</param>
    public static int Of(Func<int> command, string what = "the run", int rank = 0)
    {
        try { return command(); }
        catch (Exception ex) when (ex is ScenarioException or SeedListException) { return Error(ex.Message, ExitCodes.BadInput); }
        catch (RunFailedException ex) { return Error(ex.Message, ExitCodes.Failed); }
        catch (RankExchangeException ex) { return Error($"{(rank > 0 ? $"rank {rank}: " : "")}{ex.Message}", ExitCodes.Failed); }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            // A node that would not start (its port taken, its program missing), a results folder that cannot be written.
            return Error($"{what} failed: {ex.Message}", ExitCodes.Failed);
        }
    }

    private static int Error(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
