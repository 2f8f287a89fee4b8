using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GossipSim.Engine.Core;

/// <summary>
/// Lets the runtime start loading memory that a loop over a large table reads a few steps later,
/// so those cache misses overlap instead of stalling one after another. The simulator makes it a
/// CPU hint (in its own project); anywhere else it does nothing. Never changes a result.
/// </summary>
public abstract class ReadAhead
{
    /// <summary>The runtime's (set once when a simulated network is built); by default, nothing.</summary>
    public static ReadAhead Current = new Nothing();

    /// <summary>Starts loading the memory that holds <paramref name="bytes"/>' first byte.</summary>
    public abstract void Start(ReadOnlySpan<byte> bytes);

    /// <summary>Starts loading <paramref name="array"/>[<paramref name="index"/>]; an index out of range is ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Element<T>(T[] array, int index) where T : unmanaged
    {
        if ((uint)index < (uint)array.Length) Current.Start(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(array, index, 1)));
    }

    private sealed class Nothing : ReadAhead
    {
        public override void Start(ReadOnlySpan<byte> bytes) { }
    }
}
