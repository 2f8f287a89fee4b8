using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

namespace GossipSim.Simulator;

/// <summary>
/// Asks the CPU to start loading memory that an event a little further down the queue will
/// read. A million simulated peers are far more than any cache holds, so each event's first
/// touch of its node, message and state is a miss; the queue already knows which events come
/// next, so their misses can overlap the current event's work instead of stalling it one after
/// another. A prefetch is only a hint: it never faults, never changes a result (a stale
/// address after the GC moved an object just loads the wrong line), and is a no-op where the
/// instruction is missing.
/// </summary>
public static unsafe class Prefetch
{
    /// <summary>The protocol's read-ahead (its tables' next entries) as prefetches: what every simulated network installs.</summary>
    public static ReadAhead AsReadAhead { get; } = new Hints();

    private sealed class Hints : ReadAhead
    {
        public override void Start(ReadOnlySpan<byte> bytes) => Field(ref MemoryMarshal.GetReference(bytes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object? o)
    {
        if (!Sse.IsSupported || o is null) return;
        Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref o));
    }

    /// <summary>An object's first <paramref name="lines"/> cache lines: a node whose parts are held in place spans several.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ObjectLines(object? o, int lines)
    {
        if (!Sse.IsSupported || o is null) return;
        byte* p = (byte*)Unsafe.As<object, nint>(ref o);
        for (int i = 0; i < lines; i++) Sse.Prefetch0(p + 64 * i);
    }

    /// <summary>The cache line of a field (a struct held inside an object): no load needed to find it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Field<T>(ref T field)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref field));
    }

    /// <summary>The start of an array's elements (the array object's header and its first elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Element<T>(T[] array, int index)
    {
        if (!Sse.IsSupported || (uint)index >= (uint)array.Length) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
    }
}
