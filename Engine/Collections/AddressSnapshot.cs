using System.Collections;
using System.Runtime.CompilerServices;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// An immutable list of addresses that other nodes may keep, such as the neighbour sample a
/// pong carries. Its array is filled once when it is made and never written again, and no
/// method hands the array out, so a node that keeps a snapshot cannot see the maker's later
/// changes and cannot change the maker's state.
/// </summary>
[CollectionBuilder(typeof(AddressSnapshot), nameof(Of))]
public readonly struct AddressSnapshot : IReadOnlyList<NodeAddress>, IEquatable<AddressSnapshot>
{
    private readonly NodeAddress[]? _items;

    private AddressSnapshot(NodeAddress[] items) => _items = items;

    public static AddressSnapshot Empty => default;

    /// <summary>A copy of these addresses.</summary>
    public static AddressSnapshot Of(ReadOnlySpan<NodeAddress> addresses) =>
        addresses.IsEmpty ? default : new AddressSnapshot(addresses.ToArray());

    /// <summary>A copy of the array: the snapshot never shares it with its maker.</summary>
    public static implicit operator AddressSnapshot(NodeAddress[] addresses) => Of(addresses);

    /// <summary>Starts loading the first addresses (see <see cref="Collections.ReadAhead"/>).</summary>
    public void ReadAhead(ReadAhead hints)
    {
        if (_items is { } items) hints.Element(items, 0); // not its length: that is the line not loaded yet
    }

    /// <summary>This list with one address added at the end.</summary>
    public AddressSnapshot With(NodeAddress a)
    {
        var items = new NodeAddress[Count + 1];
        AsSpan().CopyTo(items);
        items[^1] = a;
        return new AddressSnapshot(items);
    }

    /// <summary>This list without the address at <paramref name="index"/>.</summary>
    public AddressSnapshot Without(int index)
    {
        var span = AsSpan();
        if (span.Length == 1) return default;
        var items = new NodeAddress[span.Length - 1];
        span[..index].CopyTo(items);
        span[(index + 1)..].CopyTo(items.AsSpan(index));
        return new AddressSnapshot(items);
    }

    /// <summary>
    /// <paramref name="count"/> distinct addresses of <paramref name="from"/> (which holds no
    /// repeats and more than <paramref name="count"/>), drawn uniformly. A hub draws one such
    /// sample per ping interval and every pinger keeps it in its long-lived neighbour table, so
    /// the array comes from <paramref name="allocate"/>: the runtime's choice of where a
    /// long-lived array lives (see <see cref="NodeContext.NewLongLived"/>).
    /// </summary>
    public static AddressSnapshot SampleOf(ReadOnlySpan<NodeAddress> from, int count, Rng rng, Func<int, NodeAddress[]>? allocate = null)
    {
        if (count >= from.Length) throw new ArgumentOutOfRangeException(nameof(count), $"{count} of {from.Length}: take them all instead");
        var sample = allocate?.Invoke(count) ?? new NodeAddress[count];
        // Rejection, not a partial shuffle of a copy of the indices (which would allocate): cheap for count << from.Length.
        int filled = 0;
        while (filled < count)
        {
            var pick = from[rng.NextInt(from.Length)];
            if (Array.IndexOf(sample, pick, 0, filled) >= 0) continue;
            sample[filled++] = pick;
        }
        return new AddressSnapshot(sample);
    }

    public int Count => _items?.Length ?? 0;

    public NodeAddress this[int index] => (_items ?? Array.Empty<NodeAddress>())[index];

    public ReadOnlySpan<NodeAddress> AsSpan() => _items;

    public IEnumerator<NodeAddress> GetEnumerator() => ((IEnumerable<NodeAddress>)(_items ?? Array.Empty<NodeAddress>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when they hold the same addresses in the same order (a decoded copy equals its original).</summary>
    public bool Equals(AddressSnapshot other) => AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is AddressSnapshot other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var a in AsSpan()) hash.Add(a);
        return hash.ToHashCode();
    }

    public static bool operator ==(AddressSnapshot left, AddressSnapshot right) => left.Equals(right);

    public static bool operator !=(AddressSnapshot left, AddressSnapshot right) => !left.Equals(right);
}
