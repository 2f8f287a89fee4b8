using GossipSim.Engine.Roles;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Runtimes;

/// <summary>
/// The one door every run goes through (a scenario's run, compare's two sides, compare-protocols,
/// the model runs, swarm, soak, up, each rank of an mpirun): the plan's folder held for the run
/// and the caller's results, the driver run, and a runtime's breakdown or an exhausted memory
/// turned into the user's words.
/// </summary>
public static class RunDoor
{
    /// <summary>Plans <paramref name="s"/> as <see cref="RuntimeDrivers.Plan"/> does, and runs it.</summary>
    /// <exception cref="ScenarioException">The scenario or an option does not fit, or the folder is in use.</exception>
    /// <exception cref="RunFailedException">The runtime could not run here, broke down (and was torn down), or memory ran out.</exception>
    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say, Action<RunResult>? write = null) =>
        Run(RuntimeDrivers.Plan(s, o, outDir), say, write);

    /// <summary>
    /// Runs <paramref name="plan"/>. <paramref name="write"/> writes the caller's results into the
    /// folder while it is still held, where this process writes them (rank 0 of an mpirun), so no
    /// other run can write between the run's files and its summary.
    /// </summary>
    /// <exception cref="ScenarioException">The folder is in use by another run.</exception>
    /// <exception cref="RunFailedException">The runtime could not run here, broke down (and was torn down), or memory ran out.</exception>
    public static RunResult Run(RunPlan plan, Action<string> say, Action<RunResult>? write = null)
    {
        using var folder = plan.HoldsFolder ? RunFolderLock.Take(plan.OutDir) : null;
        RunResult result;
        try { result = plan.Driver.Run(plan, say); }
        catch (Exception ex) when (plan.Driver.Failure(ex) is { } failure) { throw failure; }
        catch (Exception ex) when (RoleFailure(ex) is { } role && role.InnerException is not OutOfMemoryException)
        {
            // A peer's role (the broadcast: a user's own, or the engine's) threw or broke a bound: the run stops, named in one line.
            throw new RunFailedException($"{plan.Scenario.Name}: {role.Message}");
        }
        catch (Exception ex) when (RanOutOfMemory(ex)) // the output thread's comes wrapped, a role's inside its failure
        {
            GC.Collect(); // the run's world is garbage now: room for the line below
            throw OutOfMemory(plan);
        }
        // The simulator's world (every node, the event queue) was collected by its runner before
        // the statistics, so the caller's analysis here (the fit's bootstrap, the plots) reuses that memory.
        if (plan.HoldsFolder) write?.Invoke(result);
        return result;
    }

    /// <summary>Whether memory ran out, however the runtime or a role wrapped it (a role that ran out names no fault of its own).</summary>
    public static bool RanOutOfMemory(Exception ex) => Causes(ex).Any(e => e is OutOfMemoryException);

    /// <summary>The <see cref="RoleFailedException"/> that broke the run, however the runtime wrapped it (a simulator thread's
    /// comes inside another).</summary>
    private static RoleFailedException? RoleFailure(Exception ex) => Causes(ex).OfType<RoleFailedException>().FirstOrDefault();

    /// <summary>An exception and what it wraps, depth first: inner exceptions, and each of an aggregate's.</summary>
    private static IEnumerable<Exception> Causes(Exception ex)
    {
        for (var e = ex; e != null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException all)
                foreach (var inner in all.InnerExceptions.SelectMany(Causes)) yield return inner;
        }
    }

    private static RunFailedException OutOfMemory(RunPlan plan)
    {
        var s = plan.Scenario;
        if (plan.HeapCeilingGiB is { } ceiling)
            return new RunFailedException($"out of memory: {s.Name} with {s.Peers:N0} peers needed more than its heap "
                + $"ceiling of {ceiling:0.##} GiB (maxHeapGiB, or --max-heap); raise it, or run fewer peers (docs/performance.md, "
                + "section 4, gives the memory a peer takes)");
        return new RunFailedException($"out of memory: {s.Name} with {s.Peers:N0} peers needed more than this process "
            + $"may use ({GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):F1} GiB); run fewer peers or on a larger "
            + "machine (docs/performance.md, section 4, gives the memory a peer takes)");
    }
}
