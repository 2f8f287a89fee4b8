using System.Globalization;

namespace GossipSim.Simulator.Ranks.Mpi;

/// <summary>
/// Whether an MPI launcher started this process, read from the environment it hands its ranks:
/// Open MPI's mpirun sets OMPI_COMM_WORLD_RANK and OMPI_COMM_WORLD_SIZE; a PMIx launcher (prterun,
/// Slurm's srun --mpi=pmix) sets PMIX_RANK and leaves the count to MPI_Init. Without either the
/// process runs alone and never loads libmpi, so a machine without MPI runs as before.
/// </summary>
public sealed record MpiLaunch(int Rank, int? Ranks)
{
    /// <summary>The launch the environment describes; null when no launcher started this process.</summary>
    public static MpiLaunch? FromEnvironment(Func<string, string?> variable)
    {
        string? rank = variable("OMPI_COMM_WORLD_RANK"), size = variable("OMPI_COMM_WORLD_SIZE");
        if (rank != null || size != null)
        {
            if (rank == null || size == null)
                throw new RankExchangeException("the environment has only one of OMPI_COMM_WORLD_RANK and OMPI_COMM_WORLD_SIZE: start the ranks with mpirun");
            int ranks = Count("OMPI_COMM_WORLD_SIZE", size, 1);
            int r = Count("OMPI_COMM_WORLD_RANK", rank, 0);
            if (r >= ranks) throw new RankExchangeException($"OMPI_COMM_WORLD_RANK={r} is not a rank of OMPI_COMM_WORLD_SIZE={ranks}");
            return new MpiLaunch(r, ranks);
        }
        if (variable("PMIX_RANK") is { } pmix) return new MpiLaunch(Count("PMIX_RANK", pmix, 0), null);
        return null;
    }

    /// <summary>
    /// The ranks this process belongs to: MPI's when a launcher started it (rank and count
    /// checked against what the environment said), else a <see cref="SingleRank"/>.
    /// </summary>
    public static IRankExchange OpenRanks() => OpenRanks(Environment.GetEnvironmentVariable);

    public static IRankExchange OpenRanks(Func<string, string?> variable)
    {
        if (FromEnvironment(variable) is not { } launch) return new SingleRank();
        // mpirun gives each rank a pseudo-terminal for its output, which .NET takes for the user's
        // terminal and writes its keypad-mode escape into, ahead of the first line (and so of a
        // JSON line): a rank is never interactive, so it reads no terminal description.
        Environment.SetEnvironmentVariable("TERM", null);
        var ranks = MpiRanks.Start();
        if (ranks.Rank == launch.Rank && (launch.Ranks is not { } n || ranks.Ranks == n)) return ranks;
        // Environment inherited from another launch: the run is not what it seems, so no rank goes on (exiting
        // without MPI_Finalize fails the run for mpirun, which ends every rank).
        string said = launch.Ranks is { } count ? $"rank {launch.Rank} of {count}" : $"rank {launch.Rank}";
        throw new RankExchangeException($"MPI made this process rank {ranks.Rank} of {ranks.Ranks}, its launcher said {said}");
    }

    /// <summary>Ranks mpirun started on this machine (OMPI_COMM_WORLD_LOCAL_SIZE; 1 when it does not say): they share its cores.</summary>
    public static int RanksOnThisMachine(Func<string, string?> variable) =>
        int.TryParse(variable("OMPI_COMM_WORLD_LOCAL_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1;

    private static int Count(string name, string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min
            ? value
            : throw new RankExchangeException($"{name}={text} is not a whole number of at least {min}");
}
