namespace GossipSim.Simulator.Ranks;

/// <summary>
/// A window's mail between ranks: one segment of bytes per rank, packed in rank order in one
/// buffer, as MPI_Alltoallv sends and receives it. Outgoing, segment r goes to rank r; incoming,
/// segment r came from rank r. Segments are opaque here: the simulator's message codec fills and
/// reads them. One outgoing and one incoming mail serve every window: <see cref="Resize"/> keeps
/// the buffer when it is large enough, since a fresh one each window (megabytes, on the
/// large-object heap) slowed the exchange markedly (docs/performance.md section 8).
/// MPI counts bytes in ints, so a rank's mail stays under 2 GiB.
/// </summary>
public sealed class RankMail
{
    private readonly int[] _lengths;
    private readonly int[] _offsets;
    private byte[] _bytes = [];

    /// <summary>Mail for <paramref name="ranks"/> ranks, every segment empty.</summary>
    public RankMail(int ranks)
    {
        if (ranks < 1) throw new ArgumentException("mail needs at least one rank", nameof(ranks));
        _lengths = new int[ranks];
        _offsets = new int[ranks];
    }

    /// <summary>Mail whose segments have these lengths, to be written through <see cref="Segment"/>.</summary>
    public static RankMail WithLengths(ReadOnlySpan<int> lengths)
    {
        var mail = new RankMail(lengths.Length);
        mail.Resize(lengths);
        return mail;
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
    public int TotalBytes { get; private set; }

    public int Length(int rank) => _lengths[rank];

    /// <summary>Rank <paramref name="rank"/>'s segment, writable: mail belongs to whoever holds it.</summary>
    public Span<byte> Segment(int rank) => _bytes.AsSpan(_offsets[rank], _lengths[rank]);

    /// <summary>
    /// Gives the segments these lengths, one per rank, in the same buffer when it holds them all (a
    /// larger one when not): what the segments held before is then undefined.
    /// </summary>
    public void Resize(ReadOnlySpan<int> lengths)
    {
        if (lengths.Length != Ranks) throw new ArgumentException($"{lengths.Length} lengths for mail between {Ranks} ranks", nameof(lengths));
        long total = 0;
        for (int r = 0; r < lengths.Length; r++)
        {
            if (lengths[r] < 0) throw new ArgumentOutOfRangeException(nameof(lengths), $"rank {r}'s segment has a negative length");
            total += lengths[r];
        }
        if (total > int.MaxValue)
            throw new RankExchangeException($"a window's mail is {total:N0} bytes, over the {int.MaxValue:N0} MPI sends in one exchange");
        int offset = 0;
        for (int r = 0; r < lengths.Length; r++)
        {
            _lengths[r] = lengths[r];
            _offsets[r] = offset;
            offset += lengths[r];
        }
        if (total > _bytes.Length) _bytes = GC.AllocateUninitializedArray<byte>((int)total);
        TotalBytes = (int)total;
    }

    // The packed form, for the exchanges that hand it to MPI whole (the buffer may be longer than TotalBytes).
    internal byte[] Bytes => _bytes;
    internal int[] Lengths => _lengths;
    internal int[] Offsets => _offsets;
}
