using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// Lets the runtime start loading memory that a loop over a large table reads a few steps later,
/// so those cache misses overlap instead of stalling one after another. The simulator makes it a
/// CPU hint (in its own project) and hands it to the tables that use it; anywhere else they get
/// <see cref="None"/>. Never changes a result. Passed, not global: two runs in one process (a test
/// host, compare) each keep their own.
/// </summary>
public abstract class ReadAhead
{
    /// <summary>Does nothing: what a table gets unless its runtime gives it another.</summary>
    public static ReadAhead None { get; } = new Nothing();

    /// <summary>Starts loading the memory that holds <paramref name="bytes"/>' first byte.</summary>
    public abstract void Start(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Starts loading <paramref name="array"/>[<paramref name="index"/>]. Not checked against the array's length: reading it
    /// would wait for the very line (the array's header) that is not loaded yet. An index out of range loads some other line,
    /// which a hint may: it never reads what it loads, and never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Element<T>(T[] array, int index) where T : unmanaged
    {
        if ((uint)index >= int.MaxValue) return;
        Start(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), index + 1)[index..]));
    }

    private sealed class Nothing : ReadAhead
    {
        public override void Start(ReadOnlySpan<byte> bytes) { }
    }
}
