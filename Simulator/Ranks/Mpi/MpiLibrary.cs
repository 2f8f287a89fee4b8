using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Ranks.Mpi;

/// <summary>
/// Open MPI's C library, bound by hand: no maintained .NET binding targets .NET 10 here. Calls are
/// function pointers looked up by name, and MPI's handles (MPI_COMM_WORLD, MPI_BYTE, MPI_SUM...) are,
/// in Open MPI's ABI, the addresses of exported globals (ompi_mpi_comm_world, ...). Loading goes
/// through NativeLibrary, so a machine without Open MPI gets one line saying what to install
/// instead of a DllNotFoundException at the first call.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    public const string FileName = "libmpi.so.40";
    public const string NotInstalled = "Open MPI is not installed: apt-get install openmpi-bin libopenmpi-dev";

    public const int Success = 0;
    public const int ThreadSerialized = 2;      // MPI_THREAD_SERIALIZED: any thread may call, one at a time
    private const int MaxErrorString = 256;     // MPI_MAX_ERROR_STRING

    private readonly nint _library;

    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<nint, nint, int> CommSetErrhandler;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> Alltoall;
    public readonly delegate* unmanaged<void*, int*, int*, nint, void*, int*, int*, nint, nint, int> Alltoallv;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;

    public readonly nint CommWorld, ErrorsReturn, Byte, Int, Int64, Sum, Max, Min, Bxor;

    private MpiLibrary(nint library)
    {
        _library = library;
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        Finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        Abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)Export("MPI_Comm_set_errhandler");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        Barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        Alltoall = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export("MPI_Alltoall");
        Alltoallv = (delegate* unmanaged<void*, int*, int*, nint, void*, int*, int*, nint, nint, int>)Export("MPI_Alltoallv");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        _errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
        CommWorld = Export("ompi_mpi_comm_world");
        ErrorsReturn = Export("ompi_mpi_errors_return");
        Byte = Export("ompi_mpi_byte");
        Int = Export("ompi_mpi_int");
        Int64 = Export("ompi_mpi_int64_t");
        Sum = Export("ompi_mpi_op_sum");
        Max = Export("ompi_mpi_op_max");
        Min = Export("ompi_mpi_op_min");
        Bxor = Export("ompi_mpi_op_bxor");
    }

    /// <summary>Opens <paramref name="fileName"/>; a missing library is <see cref="NotInstalled"/>, one that is not Open MPI's says so.</summary>
    public static MpiLibrary Load(string fileName = FileName)
    {
        if (!NativeLibrary.TryLoad(fileName, out nint library)) throw new RankExchangeException(NotInstalled);
        return new MpiLibrary(library);
    }

    /// <summary>Throws a one-line <see cref="RankExchangeException"/> naming the call, the rank (once known) and MPI's own words for <paramref name="code"/>.</summary>
    public void Check(int code, string call, int? rank = null)
    {
        if (code == Success) return;
        throw new RankExchangeException($"{call} failed{(rank is { } r ? $" on rank {r}" : "")}: {ErrorText(code)}");
    }

    private string ErrorText(int code)
    {
        byte* text = stackalloc byte[MaxErrorString + 1];
        int length = 0;
        if (_errorString(code, text, &length) != Success || length <= 0) return $"MPI error {code}";
        return $"{Marshal.PtrToStringUTF8((nint)text, Math.Min(length, MaxErrorString))} (MPI error {code})";
    }

    private nint Export(string name) => NativeLibrary.TryGetExport(_library, name, out nint address)
        ? address
        : throw new RankExchangeException($"{FileName} has no {name}: it is not Open MPI 4 or later; apt-get install openmpi-bin libopenmpi-dev");
}
