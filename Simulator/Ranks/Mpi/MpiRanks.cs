using System.Diagnostics.CodeAnalysis;

namespace GossipSim.Simulator.Ranks.Mpi;

/// <summary>
/// The ranks of an mpirun, on Open MPI's MPI_COMM_WORLD. Errors come back as return codes (the
/// world's handler is MPI_ERRORS_RETURN), each turned into a one-line <see cref="RankExchangeException"/>;
/// a rank that dies is the launcher's to report: Open MPI's mpirun ends the others and names it.
/// MPI starts once per process, so there is at most one of these.
/// </summary>
public sealed unsafe class MpiRanks : IRankExchange
{
    private static int s_started;

    private readonly MpiLibrary _mpi;
    private readonly int[] _receivedLengths;
    private bool _finalized;

    private MpiRanks(MpiLibrary mpi, int rank, int ranks)
    {
        _mpi = mpi;
        Rank = rank;
        Ranks = ranks;
        _receivedLengths = new int[ranks];
    }

    public int Rank { get; }
    public int Ranks { get; }

    /// <summary>Loads Open MPI and starts it (MPI_Init_thread, serialized calls): once per process.</summary>
    public static MpiRanks Start()
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0) throw new InvalidOperationException("MPI starts once per process");
        var mpi = MpiLibrary.Load();
        int provided = 0, rank = 0, ranks = 0;
        mpi.Check(mpi.InitThread(null, null, MpiLibrary.ThreadSerialized, &provided), "MPI_Init_thread");
        mpi.Check(mpi.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
        mpi.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(mpi.CommWorld, &ranks), "MPI_Comm_size", rank);
        // A rank that exits on this error without MPI_Finalize is a failed run to mpirun, which ends the others.
        if (provided < MpiLibrary.ThreadSerialized)
            throw new RankExchangeException($"this Open MPI gives thread level {provided}, not {MpiLibrary.ThreadSerialized} (serialized calls from any thread)");
        return new MpiRanks(mpi, rank, ranks);
    }

    public void Exchange(RankMail outgoing, RankMail incoming)
    {
        ObjectDisposedException.ThrowIf(_finalized, this);
        this.CheckMail(outgoing, incoming);
        // Each rank first learns how much every other sends it, then the bytes move in one call.
        fixed (int* sent = outgoing.Lengths)
        fixed (int* received = _receivedLengths)
            _mpi.Check(_mpi.Alltoall(sent, 1, _mpi.Int, received, 1, _mpi.Int, _mpi.CommWorld), "MPI_Alltoall", Rank);
        incoming.Resize(_receivedLengths);
        fixed (byte* sendBytes = outgoing.Bytes)
        fixed (int* sendLengths = outgoing.Lengths)
        fixed (int* sendOffsets = outgoing.Offsets)
        fixed (byte* receiveBytes = incoming.Bytes)
        fixed (int* receiveLengths = incoming.Lengths)
        fixed (int* receiveOffsets = incoming.Offsets)
            _mpi.Check(_mpi.Alltoallv(sendBytes, sendLengths, sendOffsets, _mpi.Byte, receiveBytes, receiveLengths, receiveOffsets, _mpi.Byte,
                _mpi.CommWorld), "MPI_Alltoallv", Rank);
    }

    public void AllReduce(Span<long> values, RankReduction reduction)
    {
        ObjectDisposedException.ThrowIf(_finalized, this);
        if (values.IsEmpty) return;
        nint op = reduction switch
        {
            RankReduction.Sum => _mpi.Sum,
            RankReduction.Max => _mpi.Max,
            RankReduction.Min => _mpi.Min,
            RankReduction.Xor => _mpi.Bxor,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction)),
        };
        // MPI reads the send buffer while it writes the result: a copy, on the stack for the few values a window reduces.
        Span<long> mine = values.Length <= 32 ? stackalloc long[values.Length] : new long[values.Length];
        values.CopyTo(mine);
        fixed (long* send = mine)
        fixed (long* result = values)
            _mpi.Check(_mpi.Allreduce(send, result, values.Length, _mpi.Int64, op, _mpi.CommWorld), "MPI_Allreduce", Rank);
    }

    public void Barrier()
    {
        ObjectDisposedException.ThrowIf(_finalized, this);
        _mpi.Check(_mpi.Barrier(_mpi.CommWorld), "MPI_Barrier", Rank);
    }

    [DoesNotReturn]
    public void Abort(int exitCode)
    {
        _mpi.Abort(_mpi.CommWorld, exitCode);
        Environment.Exit(exitCode);     // MPI_Abort ends this process too; should it return, still never run on
    }

    /// <summary>MPI_Finalize: every rank calls it before exiting, or mpirun counts the run as failed.</summary>
    public void Dispose()
    {
        if (_finalized) return;
        _finalized = true;
        _mpi.Check(_mpi.Finalize(), "MPI_Finalize", Rank);
    }
}
