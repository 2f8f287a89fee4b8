namespace GossipSim.Simulator.Ranks;

/// <summary>
/// A window's mail between ranks: one segment of bytes per rank, packed in rank order in one
/// buffer, as MPI_Alltoallv sends and receives it. Outgoing, segment r goes to rank r; incoming,
/// segment r came from rank r. Segments are opaque here: the simulator's message codec fills and
/// reads them. MPI counts bytes in ints, so a rank's mail stays under 2 GiB.
/// </summary>
public sealed class RankMail
{
    private readonly byte[] _bytes;
    private readonly int[] _lengths;
    private readonly int[] _offsets;

    private RankMail(int[] lengths)
    {
        _lengths = lengths;
        _offsets = new int[lengths.Length];
        long total = 0;
        for (int r = 0; r < lengths.Length; r++)
        {
            if (lengths[r] < 0) throw new ArgumentOutOfRangeException(nameof(lengths), $"rank {r}'s segment has a negative length");
            _offsets[r] = (int)Math.Min(total, int.MaxValue);
            total += lengths[r];
        }
        if (total > int.MaxValue)
            throw new RankExchangeException($"a window's mail is {total:N0} bytes, over the {int.MaxValue:N0} MPI sends in one exchange");
        _bytes = GC.AllocateUninitializedArray<byte>((int)total);
    }

    /// <summary>Empty segments of the given lengths, to be written through <see cref="Segment"/>.</summary>
    public static RankMail WithLengths(ReadOnlySpan<int> lengths)
    {
        if (lengths.Length == 0) throw new ArgumentException("mail needs at least one rank", nameof(lengths));
        return new RankMail(lengths.ToArray());
    }

    /// <summary>The segments, in rank order, copied into one buffer.</summary>
    public static RankMail Pack(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        var lengths = new int[segments.Count];
        for (int r = 0; r < lengths.Length; r++) lengths[r] = segments[r].Length;
        var mail = WithLengths(lengths);
        for (int r = 0; r < lengths.Length; r++) segments[r].Span.CopyTo(mail.Segment(r));
        return mail;
    }

    public int Ranks => _lengths.Length;

    /// <summary>All segments' bytes together.</summary>
    public int TotalBytes => _bytes.Length;

    public int Length(int rank) => _lengths[rank];

    /// <summary>Rank <paramref name="rank"/>'s segment, writable: mail belongs to whoever holds it.</summary>
    public Span<byte> Segment(int rank) => _bytes.AsSpan(_offsets[rank], _lengths[rank]);

    // The packed form, for the exchanges that hand it to MPI whole.
    internal byte[] Bytes => _bytes;
    internal int[] Lengths => _lengths;
    internal int[] Offsets => _offsets;
}
